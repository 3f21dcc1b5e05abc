"""V2 import path ``sagemaker.amazon.object2vec`` (implemented in ``sagemaker_estimators.algorithms``)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.algorithms.estimator import AmazonAlgorithmEstimatorBase
from sagemaker_estimators.algorithms.object2vec import Object2Vec

_facade.install()

#: the model and predictor pull in the serving stack: loaded on first use only
__getattr__ = _facade.lazy_getattr(__name__, "sagemaker_estimators.algorithms.models", ("Object2VecModel",))

__all__ = ["AmazonAlgorithmEstimatorBase", "Object2Vec", "Object2VecModel"]
