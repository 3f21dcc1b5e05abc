"""V2 import path ``sagemaker.mxnet.processing``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.mxnet.estimator import MXNet
from sagemaker_estimators.frameworks.mxnet.processing import MXNetProcessor
from sagemaker_estimators.network import NetworkConfig
from sagemaker_estimators.processing.framework_processor import FrameworkProcessor
from sagemaker_estimators.session import Session
from sagemaker_estimators.validation import format_tags

_facade.install()

__all__ = ["MXNetProcessor", "FrameworkProcessor", "NetworkConfig", "Session", "MXNet", "format_tags"]
