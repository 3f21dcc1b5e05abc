"""V2 import path ``sagemaker.predictor`` (implemented in ``sagemaker_estimators.serving.predictor``)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.serving.predictor import Predictor, PredictorBase

_facade.install()

from sagemaker_estimators.serving.v1_aliases import RealTimePredictor  # noqa: E402

__all__ = ["Predictor", "PredictorBase", "RealTimePredictor"]
