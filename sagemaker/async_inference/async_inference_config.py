"""V2 import path ``sagemaker.async_inference.async_inference_config``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.serving.inference_configs import AsyncInferenceConfig

_facade.install()

__all__ = ["AsyncInferenceConfig"]
