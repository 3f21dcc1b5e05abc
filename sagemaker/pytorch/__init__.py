"""V2 import path ``sagemaker.pytorch``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.compiler import TrainingCompilerConfig
from sagemaker_estimators.frameworks.pytorch.estimator import PyTorch

_facade.install()

_MODEL_NAMES = ('PyTorchModel', 'PyTorchPredictor')


def __getattr__(name):
    # the model classes pull in the serving stack: load them on first use only
    if name in _MODEL_NAMES:
        from sagemaker_estimators.frameworks.pytorch import model

        return getattr(model, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["PyTorch", "PyTorchModel", "PyTorchPredictor", "TrainingCompilerConfig"]
