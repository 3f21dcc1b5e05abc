"""V2 import path ``sagemaker.huggingface.llm_utils``."""
from sagemaker_estimators import _facade, image_uris
from sagemaker_estimators.frameworks.huggingface.llm_utils import (
    download_huggingface_model_metadata,
    get_huggingface_llm_image_uri,
    get_huggingface_model_metadata,
)
from sagemaker_estimators.session import Session

_facade.install()

__all__ = ["get_huggingface_llm_image_uri", "get_huggingface_model_metadata", "download_huggingface_model_metadata",
           "image_uris", "Session"]
