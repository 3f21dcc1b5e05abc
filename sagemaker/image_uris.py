"""V2 import path ``sagemaker.image_uris``: re-exports :mod:`sagemaker_estimators.image_uris`."""
from sagemaker_estimators.image_uris import (  # noqa: F401
    get_base_python_image_uri,
    get_training_image_uri,
    retrieve,
)

__all__ = ["retrieve", "get_training_image_uri", "get_base_python_image_uri"]
