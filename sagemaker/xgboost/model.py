"""V2 import path ``sagemaker.xgboost.model`` (implemented in ``sagemaker_estimators.frameworks.xgboost.model``)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.xgboost.model import XGBoostModel, XGBoostPredictor

_facade.install()

__all__ = ["XGBoostModel", "XGBoostPredictor"]
