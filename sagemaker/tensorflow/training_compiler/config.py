"""V2 import path ``sagemaker.tensorflow.training_compiler.config``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.compiler import TrainingCompilerConfig

_facade.install()

__all__ = ["TrainingCompilerConfig"]
