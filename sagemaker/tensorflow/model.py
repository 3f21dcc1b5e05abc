"""V2 import path ``sagemaker.tensorflow.model`` (implemented in ``frameworks.tensorflow.model``)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.tensorflow.model import TensorFlowModel, TensorFlowPredictor
from sagemaker_estimators.payloads.deserializers import JSONDeserializer
from sagemaker_estimators.serving.predictor import Predictor
from sagemaker_estimators.payloads.serializers import JSONSerializer

_facade.install()

__all__ = ["TensorFlowModel", "TensorFlowPredictor", "JSONSerializer", "JSONDeserializer", "Predictor"]
