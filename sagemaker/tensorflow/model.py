"""V2 import path ``sagemaker.tensorflow.model`` (implemented in ``sagemaker_estimators.frameworks.tensorflow.model``)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.tensorflow.model import TensorFlowModel, TensorFlowPredictor

_facade.install()

__all__ = ["TensorFlowModel", "TensorFlowPredictor"]
