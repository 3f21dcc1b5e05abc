"""V2 import path ``sagemaker.model`` (implemented in ``sagemaker_estimators.serving.model``)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.serving.model import (
    CONTAINER_LOG_LEVEL_PARAM_NAME,
    DIR_PARAM_NAME,
    FrameworkModel,
    Model,
    SCRIPT_PARAM_NAME,
)

_facade.install()

__all__ = ["Model", "FrameworkModel", "SCRIPT_PARAM_NAME", "DIR_PARAM_NAME", "CONTAINER_LOG_LEVEL_PARAM_NAME"]
