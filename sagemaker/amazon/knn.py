"""V2 import path ``sagemaker.amazon.knn`` (implemented in ``sagemaker_estimators.algorithms``)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.algorithms.estimator import AmazonAlgorithmEstimatorBase
from sagemaker_estimators.algorithms.knn import KNN

_facade.install()

#: the model and predictor pull in the serving stack: loaded on first use only
__getattr__ = _facade.lazy_getattr(__name__, "sagemaker_estimators.algorithms.models", ("KNNModel", "KNNPredictor"))

__all__ = ["AmazonAlgorithmEstimatorBase", "KNN", "KNNModel", "KNNPredictor"]
