"""V2 import path ``sagemaker.session_settings``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.session.settings import SessionSettings

_facade.install()

__all__ = ["SessionSettings"]
