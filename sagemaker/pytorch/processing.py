"""V2 import path ``sagemaker.pytorch.processing``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.pytorch.processing import PyTorchProcessor
from sagemaker_estimators.frameworks.pytorch.estimator import PyTorch
from sagemaker_estimators.network import NetworkConfig
from sagemaker_estimators.processing.framework_processor import FrameworkProcessor
from sagemaker_estimators.processing.processor import ScriptProcessor
from sagemaker_estimators.session import Session
from sagemaker_estimators.validation import format_tags

_facade.install()

__all__ = ["PyTorchProcessor", "FrameworkProcessor", "ScriptProcessor", "NetworkConfig", "Session", "PyTorch", "format_tags"]
