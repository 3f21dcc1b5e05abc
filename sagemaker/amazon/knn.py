"""V2 import path ``sagemaker.amazon.knn`` (implemented in ``sagemaker_estimators.algorithms``)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.algorithms.estimator import AmazonAlgorithmEstimatorBase
from sagemaker_estimators.algorithms.knn import KNN

_facade.install()

#: the model, predictor, session and codecs V2 has here pull in the serving stack: loaded on first use only
__getattr__ = _facade.algorithm_module_getattr(
    __name__, "KNNModel", "KNNPredictor", "Model", "Predictor", "Session", "RecordSerializer", "RecordDeserializer")

__all__ = ["AmazonAlgorithmEstimatorBase", "KNN", "KNNModel", "KNNPredictor", "Model", "Predictor", "Session",
           "RecordSerializer", "RecordDeserializer"]
