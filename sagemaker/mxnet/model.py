"""V2 import path ``sagemaker.mxnet.model`` (implemented in ``sagemaker_estimators.frameworks.mxnet.model``)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.mxnet.model import MXNetModel, MXNetPredictor

_facade.install()

__all__ = ["MXNetModel", "MXNetPredictor"]
