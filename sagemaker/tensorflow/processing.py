"""V2 import path ``sagemaker.tensorflow.processing``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.tensorflow.estimator import TensorFlow
from sagemaker_estimators.frameworks.tensorflow.processing import TensorFlowProcessor
from sagemaker_estimators.network import NetworkConfig
from sagemaker_estimators.processing.framework_processor import FrameworkProcessor
from sagemaker_estimators.session import Session
from sagemaker_estimators.validation import format_tags

_facade.install()

__all__ = ["TensorFlowProcessor", "FrameworkProcessor", "NetworkConfig", "Session", "TensorFlow", "format_tags"]
