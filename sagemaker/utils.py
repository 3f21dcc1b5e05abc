"""V2 import path ``sagemaker.utils`` (the name helpers)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.utils import (
    base_from_name,
    base_name_from_image,
    name_from_base,
    sagemaker_short_timestamp,
    sagemaker_timestamp,
    unique_name_from_base,
)

_facade.install()

__all__ = ["name_from_base", "unique_name_from_base", "sagemaker_timestamp", "sagemaker_short_timestamp",
           "base_name_from_image", "base_from_name"]
