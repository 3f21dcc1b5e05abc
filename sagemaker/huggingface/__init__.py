"""V2 import path ``sagemaker.huggingface``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.compiler import TrainingCompilerConfig
from sagemaker_estimators.frameworks.huggingface.estimator import HuggingFace

_facade.install()

#: the model classes pull in the serving stack: loaded on first use only
_model_getattr = _facade.lazy_getattr(__name__, "sagemaker_estimators.frameworks.huggingface.model",
                                      ('HuggingFaceModel', 'HuggingFacePredictor'))
_llm_getattr = _facade.lazy_getattr(__name__, "sagemaker_estimators.frameworks.huggingface.llm_utils",
                                    ('get_huggingface_llm_image_uri',))


def __getattr__(name):
    if name == "get_huggingface_llm_image_uri":
        return _llm_getattr(name)
    return _model_getattr(name)


__all__ = ["HuggingFace", "HuggingFaceModel", "HuggingFacePredictor", "TrainingCompilerConfig",
           "get_huggingface_llm_image_uri"]
