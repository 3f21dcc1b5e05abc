"""V2 import path ``sagemaker.mxnet.estimator``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.estimators.framework import Framework
from sagemaker_estimators.frameworks.mxnet.estimator import MXNet

_facade.install()

#: V2 re-exports the model class here; it pulls in the serving stack, so it loads on first use
__getattr__ = _facade.lazy_getattr(__name__, "sagemaker_estimators.frameworks.mxnet.model", ("MXNetModel",))

__all__ = ["MXNet", "MXNetModel", "Framework"]
