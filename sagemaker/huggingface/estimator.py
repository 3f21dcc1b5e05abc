"""V2 import path ``sagemaker.huggingface.estimator``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.huggingface.estimator import HuggingFace

_facade.install()

__all__ = ["HuggingFace"]
