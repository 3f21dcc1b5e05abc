"""V2 import path ``sagemaker.amazon.pca`` (implemented in ``sagemaker_estimators.algorithms``)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.algorithms.estimator import AmazonAlgorithmEstimatorBase
from sagemaker_estimators.algorithms.pca import PCA

_facade.install()

#: the model, predictor, session and codecs V2 has here pull in the serving stack: loaded on first use only
__getattr__ = _facade.algorithm_module_getattr(
    __name__, "PCAModel", "PCAPredictor", "Model", "Predictor", "Session", "RecordSerializer", "RecordDeserializer")

__all__ = ["AmazonAlgorithmEstimatorBase", "PCA", "PCAModel", "PCAPredictor", "Model", "Predictor", "Session",
           "RecordSerializer", "RecordDeserializer"]
