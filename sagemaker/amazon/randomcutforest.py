"""V2 import path ``sagemaker.amazon.randomcutforest`` (implemented in ``sagemaker_estimators.algorithms``)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.algorithms.estimator import AmazonAlgorithmEstimatorBase
from sagemaker_estimators.algorithms.randomcutforest import RandomCutForest

_facade.install()

#: the model, predictor, session and codecs V2 has here pull in the serving stack: loaded on first use only
__getattr__ = _facade.algorithm_module_getattr(
    __name__, "RandomCutForestModel", "RandomCutForestPredictor", "Model", "Predictor", "Session",
    "RecordSerializer", "RecordDeserializer")

__all__ = ["AmazonAlgorithmEstimatorBase", "RandomCutForest", "RandomCutForestModel", "RandomCutForestPredictor",
           "Model", "Predictor", "Session", "RecordSerializer", "RecordDeserializer"]
