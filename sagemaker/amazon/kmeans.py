"""V2 import path ``sagemaker.amazon.kmeans`` (implemented in ``sagemaker_estimators.algorithms``)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.algorithms.estimator import AmazonAlgorithmEstimatorBase
from sagemaker_estimators.algorithms.kmeans import KMeans

_facade.install()

#: the model, predictor, session and codecs V2 has here pull in the serving stack: loaded on first use only
__getattr__ = _facade.algorithm_module_getattr(
    __name__, "KMeansModel", "KMeansPredictor", "Model", "Predictor", "Session", "RecordSerializer",
    "RecordDeserializer")

__all__ = ["AmazonAlgorithmEstimatorBase", "KMeans", "KMeansModel", "KMeansPredictor", "Model", "Predictor", "Session",
           "RecordSerializer", "RecordDeserializer"]
