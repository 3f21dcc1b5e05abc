"""V2 import path ``sagemaker.huggingface``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.compiler import TrainingCompilerConfig
from sagemaker_estimators.frameworks.huggingface.estimator import HuggingFace

_facade.install()

#: the model classes pull in the serving stack: loaded on first use only
__getattr__ = _facade.lazy_getattr(__name__, "sagemaker_estimators.frameworks.huggingface.model", ('HuggingFaceModel', 'HuggingFacePredictor'))

__all__ = ["HuggingFace", "HuggingFaceModel", "HuggingFacePredictor", "TrainingCompilerConfig"]
