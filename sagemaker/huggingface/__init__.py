"""V2 import path ``sagemaker.huggingface``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.compiler import TrainingCompilerConfig
from sagemaker_estimators.frameworks.huggingface.estimator import HuggingFace

_facade.install()

#: the model classes pull in the serving stack, the processor the processing stack: loaded on
#: first use only, as are the submodules
__getattr__ = _facade.lazy_names(__name__, {
    "HuggingFaceModel": "sagemaker_estimators.frameworks.huggingface.model",
    "HuggingFacePredictor": "sagemaker_estimators.frameworks.huggingface.model",
    "get_huggingface_llm_image_uri": "sagemaker_estimators.frameworks.huggingface.llm_utils",
    "HuggingFaceProcessor": "sagemaker_estimators.frameworks.huggingface.processing",
}, submodules=("estimator", "llm_utils", "model", "processing"))

__all__ = ["HuggingFace", "HuggingFaceModel", "HuggingFacePredictor", "TrainingCompilerConfig",
           "get_huggingface_llm_image_uri", "HuggingFaceProcessor"]
