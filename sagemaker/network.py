"""V2 import path ``sagemaker.network``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.network import NetworkConfig

_facade.install()

__all__ = ["NetworkConfig"]
