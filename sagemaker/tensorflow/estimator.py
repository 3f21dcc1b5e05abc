"""V2 import path ``sagemaker.tensorflow.estimator``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.compiler import TrainingCompilerConfig
from sagemaker_estimators.frameworks.tensorflow.estimator import TensorFlow

_facade.install()

#: V2 re-exports the model class here; it pulls in the serving stack, so it loads on first use
__getattr__ = _facade.lazy_getattr(__name__, "sagemaker_estimators.frameworks.tensorflow.model", ("TensorFlowModel",))

__all__ = ["TensorFlow", "TensorFlowModel", "TrainingCompilerConfig"]
