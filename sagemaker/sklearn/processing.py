"""V2 import path ``sagemaker.sklearn.processing``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.sklearn.processing import SKLearnProcessor
from sagemaker_estimators.network import NetworkConfig
from sagemaker_estimators.processing.processor import ScriptProcessor
from sagemaker_estimators.session import Session
from sagemaker_estimators.validation import format_tags

_facade.install()

__all__ = ["SKLearnProcessor", "ScriptProcessor", "NetworkConfig", "Session", "format_tags"]
