"""V2 import path ``sagemaker.pytorch.estimator``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.pytorch.estimator import PyTorch

_facade.install()

__all__ = ["PyTorch"]
