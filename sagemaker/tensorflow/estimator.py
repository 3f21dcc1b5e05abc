"""V2 import path ``sagemaker.tensorflow.estimator``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.tensorflow.estimator import TensorFlow

_facade.install()

__all__ = ["TensorFlow"]
