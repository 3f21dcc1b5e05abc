"""V2 import path ``sagemaker.huggingface.processing``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.huggingface.processing import HuggingFaceProcessor
from sagemaker_estimators.frameworks.huggingface.estimator import HuggingFace
from sagemaker_estimators.network import NetworkConfig
from sagemaker_estimators.processing.framework_processor import FrameworkProcessor
from sagemaker_estimators.processing.processor import ScriptProcessor
from sagemaker_estimators.session import Session
from sagemaker_estimators.validation import format_tags

_facade.install()

__all__ = ["HuggingFaceProcessor", "FrameworkProcessor", "ScriptProcessor", "NetworkConfig", "Session", "HuggingFace", "format_tags"]
