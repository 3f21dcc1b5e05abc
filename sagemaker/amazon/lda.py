"""V2 import path ``sagemaker.amazon.lda`` (implemented in ``sagemaker_estimators.algorithms``)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.algorithms.estimator import AmazonAlgorithmEstimatorBase
from sagemaker_estimators.algorithms.lda import LDA

_facade.install()

#: the model, predictor, session and codecs V2 has here pull in the serving stack: loaded on first use only
__getattr__ = _facade.algorithm_module_getattr(
    __name__, "LDAModel", "LDAPredictor", "Model", "Predictor", "Session", "RecordSerializer", "RecordDeserializer")

__all__ = ["AmazonAlgorithmEstimatorBase", "LDA", "LDAModel", "LDAPredictor", "Model", "Predictor", "Session",
           "RecordSerializer", "RecordDeserializer"]
