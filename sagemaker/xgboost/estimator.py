"""V2 import path ``sagemaker.xgboost.estimator``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.xgboost.estimator import XGBoost

_facade.install()

__all__ = ["XGBoost"]
