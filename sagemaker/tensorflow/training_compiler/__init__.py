"""V2 import path ``sagemaker.tensorflow.training_compiler`` (the config is in its ``config`` submodule)."""
from sagemaker_estimators import _facade

_facade.install()

__getattr__ = _facade.lazy_getattr(__name__, "sagemaker_estimators.frameworks.compiler", (), submodules=("config",))
