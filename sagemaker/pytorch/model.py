"""V2 import path ``sagemaker.pytorch.model`` (implemented in ``sagemaker_estimators.frameworks.pytorch.model``)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.pytorch.model import PyTorchModel, PyTorchPredictor

_facade.install()

__all__ = ["PyTorchModel", "PyTorchPredictor"]
