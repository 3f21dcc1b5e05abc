"""V2 import path ``sagemaker.xgboost``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.xgboost.estimator import XGBoost

_facade.install()

#: the model classes pull in the serving stack, the processor the processing stack: loaded on
#: first use only, as are the submodules
__getattr__ = _facade.lazy_getattr(__name__, "sagemaker_estimators.frameworks.xgboost.model", ('XGBoostModel', 'XGBoostPredictor'),
                                   submodules=("estimator", "model", "processing"),
                                   more={"sagemaker_estimators.frameworks.xgboost.processing": ("XGBoostProcessor",)})

__all__ = ["XGBoost", "XGBoostModel", "XGBoostPredictor", "XGBoostProcessor"]
