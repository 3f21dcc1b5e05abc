"""V2 import path ``sagemaker.tensorflow``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.compiler import TrainingCompilerConfig
from sagemaker_estimators.frameworks.tensorflow.estimator import TensorFlow

_facade.install()

#: the model classes pull in the serving stack, the processor the processing stack: loaded on
#: first use only, as are the submodules
__getattr__ = _facade.lazy_getattr(__name__, "sagemaker_estimators.frameworks.tensorflow.model",
                                   ("TensorFlowModel", "TensorFlowPredictor"),
                                   submodules=("estimator", "model", "processing", "serving", "training_compiler"),
                                   more={"sagemaker_estimators.frameworks.tensorflow.processing": ("TensorFlowProcessor",)})

__all__ = ["TensorFlow", "TensorFlowModel", "TensorFlowPredictor", "TensorFlowProcessor", "TrainingCompilerConfig"]
