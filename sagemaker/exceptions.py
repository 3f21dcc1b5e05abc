"""V2 import path ``sagemaker.exceptions``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.exceptions import CapacityError, UnexpectedStatusException

_facade.install()

__all__ = ["UnexpectedStatusException", "CapacityError"]
