"""V2 import path ``sagemaker.pytorch``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.compiler import TrainingCompilerConfig
from sagemaker_estimators.frameworks.pytorch.estimator import PyTorch

_facade.install()

#: the model classes pull in the serving stack: loaded on first use only, as are the submodules
__getattr__ = _facade.lazy_getattr(__name__, "sagemaker_estimators.frameworks.pytorch.model", ('PyTorchModel', 'PyTorchPredictor'),
                                   submodules=("estimator", "model", "processing"))

__all__ = ["PyTorch", "PyTorchModel", "PyTorchPredictor", "TrainingCompilerConfig"]
