"""V2 import path ``sagemaker.mxnet``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.mxnet.estimator import MXNet

_facade.install()

#: the model classes pull in the serving stack, the processor the processing stack: loaded on
#: first use only, as are the submodules
__getattr__ = _facade.lazy_getattr(__name__, "sagemaker_estimators.frameworks.mxnet.model",
                                   ("MXNetModel", "MXNetPredictor"), submodules=("estimator", "model", "processing"),
                                   more={"sagemaker_estimators.frameworks.mxnet.processing": ("MXNetProcessor",)})

__all__ = ["MXNet", "MXNetModel", "MXNetPredictor", "MXNetProcessor"]
