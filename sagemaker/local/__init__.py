"""V2 import path ``sagemaker.local`` (local mode: LocalSession and its clients)."""
from sagemaker.local.local_session import (  # noqa: F401 - re-exported V2 names
    LocalSagemakerClient,
    LocalSagemakerRuntimeClient,
    LocalSession,
    file_input,
)

__all__ = ["LocalSession", "LocalSagemakerClient", "LocalSagemakerRuntimeClient", "file_input"]
