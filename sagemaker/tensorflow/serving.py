"""V2 import path ``sagemaker.tensorflow.serving`` (V1 names of the TF Serving classes)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.tensorflow.model import TensorFlowModel as Model
from sagemaker_estimators.frameworks.tensorflow.model import TensorFlowPredictor as Predictor

_facade.install()

__all__ = ["Model", "Predictor"]
