"""V2 import path ``sagemaker.local.local_session``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.inputs import LocalFileInput
from sagemaker_estimators.local.clients.runtime_client import LocalSagemakerRuntimeClient
from sagemaker_estimators.local.clients.sagemaker_client import LocalSagemakerClient
from sagemaker_estimators.local.session import LocalSession

_facade.install()

#: V2's name for a file:// channel definition
file_input = LocalFileInput

__all__ = ["LocalSession", "LocalSagemakerClient", "LocalSagemakerRuntimeClient", "file_input"]
