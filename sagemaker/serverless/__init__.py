"""V2 import path ``sagemaker.serverless`` (only ``ServerlessInferenceConfig``)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.serving.inference_configs import ServerlessInferenceConfig

_facade.install()

__all__ = ["ServerlessInferenceConfig"]
