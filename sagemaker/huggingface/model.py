"""V2 import path ``sagemaker.huggingface.model`` (implemented in ``sagemaker_estimators.frameworks.huggingface.model``)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.huggingface.model import HuggingFaceModel, HuggingFacePredictor

_facade.install()

__all__ = ["HuggingFaceModel", "HuggingFacePredictor"]
