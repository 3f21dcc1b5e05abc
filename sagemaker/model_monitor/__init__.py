"""V2 import path ``sagemaker.model_monitor`` (only ``DataCaptureConfig``)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.serving.inference_configs import DataCaptureConfig

_facade.install()

__all__ = ["DataCaptureConfig"]
