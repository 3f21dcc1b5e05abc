"""V2 import path ``sagemaker.serverless.serverless_inference_config``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.serving.inference_configs import ServerlessInferenceConfig

_facade.install()

__all__ = ["ServerlessInferenceConfig"]
