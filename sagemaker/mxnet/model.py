"""V2 import path ``sagemaker.mxnet.model`` (implemented in ``sagemaker_estimators.frameworks.mxnet.model``)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.mxnet.model import MXNetModel, MXNetPredictor
from sagemaker_estimators.payloads.deserializers import JSONDeserializer
from sagemaker_estimators.serving.model import FrameworkModel
from sagemaker_estimators.serving.predictor import Predictor
from sagemaker_estimators.payloads.serializers import JSONSerializer

_facade.install()

__all__ = ["MXNetModel", "MXNetPredictor", "FrameworkModel", "JSONSerializer", "JSONDeserializer", "Predictor"]
