"""V2 import path ``sagemaker.tensorflow.estimator``."""
from sagemaker import utils
from sagemaker_estimators import _facade
from sagemaker_estimators.estimators.base import EstimatorBase
from sagemaker_estimators.estimators.framework import Framework
from sagemaker_estimators.frameworks.compiler import TrainingCompilerConfig
from sagemaker_estimators.frameworks.tensorflow.estimator import TensorFlow

_facade.install()

#: V2 re-exports the model and transformer classes here; they pull in the serving stack, so they load on first use
__getattr__ = _facade.lazy_names(__name__, {"TensorFlowModel": "sagemaker_estimators.frameworks.tensorflow.model",
                                            "Transformer": "sagemaker_estimators.serving.transformer"})

__all__ = ["TensorFlow", "TensorFlowModel", "TrainingCompilerConfig", "EstimatorBase", "Framework", "Transformer",
           "utils"]
