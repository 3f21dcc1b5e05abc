"""V2 import path ``sagemaker.mxnet.estimator``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.mxnet.estimator import MXNet

_facade.install()

__all__ = ["MXNet"]
