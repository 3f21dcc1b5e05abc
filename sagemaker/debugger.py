"""V2 import path ``sagemaker.debugger`` (hook, profiler and TensorBoard configs; no rules)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.estimators.debugger import (
    CollectionConfig,
    DebuggerHookConfig,
    ProfilerConfig,
    TensorBoardOutputConfig,
)

_facade.install()

__all__ = ["DebuggerHookConfig", "CollectionConfig", "ProfilerConfig", "TensorBoardOutputConfig"]
