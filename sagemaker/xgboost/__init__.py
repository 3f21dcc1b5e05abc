"""V2 import path ``sagemaker.xgboost``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.xgboost.estimator import XGBoost

_facade.install()

#: the model classes pull in the serving stack: loaded on first use only
__getattr__ = _facade.lazy_getattr(__name__, "sagemaker_estimators.frameworks.xgboost.model", ('XGBoostModel', 'XGBoostPredictor'))

__all__ = ["XGBoost", "XGBoostModel", "XGBoostPredictor"]
