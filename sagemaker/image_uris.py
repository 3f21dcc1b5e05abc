"""V2 import path ``sagemaker.image_uris``: re-exports :mod:`sagemaker_estimators.image_uris`."""
from sagemaker_estimators.image_uris import (  # noqa: F401
    config_for_framework,
    get_base_python_image_uri,
    get_training_image_uri,
    retrieve,
)

__all__ = ["retrieve", "config_for_framework", "get_training_image_uri", "get_base_python_image_uri"]
