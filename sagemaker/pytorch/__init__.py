"""V2 import path ``sagemaker.pytorch``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.compiler import TrainingCompilerConfig
from sagemaker_estimators.frameworks.pytorch.estimator import PyTorch

_facade.install()

#: the model classes pull in the serving stack, the processor the processing stack: loaded on
#: first use only, as are the submodules
__getattr__ = _facade.lazy_getattr(__name__, "sagemaker_estimators.frameworks.pytorch.model", ('PyTorchModel', 'PyTorchPredictor'),
                                   submodules=("estimator", "model", "processing"),
                                   more={"sagemaker_estimators.frameworks.pytorch.processing": ("PyTorchProcessor",)})

__all__ = ["PyTorch", "PyTorchModel", "PyTorchPredictor", "TrainingCompilerConfig", "PyTorchProcessor"]
