"""V2 import path ``sagemaker.amazon.object2vec`` (implemented in ``sagemaker_estimators.algorithms``)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.algorithms.estimator import AmazonAlgorithmEstimatorBase
from sagemaker_estimators.algorithms.object2vec import Object2Vec

_facade.install()

#: the model, predictor, session and codecs V2 has here pull in the serving stack: loaded on first use only
__getattr__ = _facade.algorithm_module_getattr(
    __name__, "Object2VecModel", "Model", "Predictor", "Session")

__all__ = ["AmazonAlgorithmEstimatorBase", "Object2Vec", "Object2VecModel", "Model", "Predictor", "Session"]
