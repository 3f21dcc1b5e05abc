"""V2 import path ``sagemaker.xgboost.processing``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.xgboost.processing import XGBoostProcessor
from sagemaker_estimators.frameworks.xgboost.estimator import XGBoost
from sagemaker_estimators.network import NetworkConfig
from sagemaker_estimators.processing.framework_processor import FrameworkProcessor
from sagemaker_estimators.processing.processor import ScriptProcessor
from sagemaker_estimators.session import Session
from sagemaker_estimators.validation import format_tags

_facade.install()

__all__ = ["XGBoostProcessor", "FrameworkProcessor", "ScriptProcessor", "NetworkConfig", "Session", "XGBoost", "format_tags"]
