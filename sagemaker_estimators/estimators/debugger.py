"""Debugger, profiler and TensorBoard request fragments (``sagemaker.debugger``'s config objects).

V2 attaches ``DebugHookConfig`` and ``ProfilerConfig`` to every job by default;
the estimator reproduces that with these objects.  Debugger *rules* need rule
images and processing jobs and are not supported here.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional

import attrs

DEBUGGER_UNSUPPORTED_REGIONS = frozenset(
    {"us-iso-east-1", "us-isob-east-1", "ap-southeast-3", "ap-southeast-4", "eu-south-2",
     "me-central-1", "ap-south-2", "eu-central-2", "us-gov-east-1"}
)
PROFILER_UNSUPPORTED_REGIONS = DEBUGGER_UNSUPPORTED_REGIONS


def region_supports_debugger(region: str) -> bool:
    return region.lower() not in DEBUGGER_UNSUPPORTED_REGIONS


def region_supports_profiler(region: str) -> bool:
    return region.lower() not in PROFILER_UNSUPPORTED_REGIONS


def instance_type_disables_profiler(instance_type: Optional[str]) -> bool:
    """Trainium instances do not support the profiler: V2 turns it off for them."""
    if isinstance(instance_type, str):
        match = re.match(r"^ml[\._]([a-z\d\-]+)\.?\w*$", instance_type)
        return bool(match and match[1].startswith("trn"))
    return False


@attrs.define
class CollectionConfig:
    """A tensor collection the debugger hook saves."""

    name: str
    parameters: Optional[Dict[str, str]] = None

    def _to_request_dict(self) -> Dict[str, Any]:
        request: Dict[str, Any] = {"CollectionName": self.name}
        if self.parameters is not None:
            request["CollectionParameters"] = self.parameters
        return request

    def __hash__(self) -> int:
        return hash((self.name, tuple(sorted((self.parameters or {}).items()))))


@attrs.define
class DebuggerHookConfig:
    """Where and what the debugger hook saves (request field ``DebugHookConfig``)."""

    s3_output_path: Optional[str] = None
    container_local_output_path: Optional[str] = None
    hook_parameters: Optional[Dict[str, str]] = None
    collection_configs: Optional[List[CollectionConfig]] = None

    def _to_request_dict(self) -> Dict[str, Any]:
        request: Dict[str, Any] = {"S3OutputPath": self.s3_output_path}
        if self.container_local_output_path is not None:
            request["LocalPath"] = self.container_local_output_path
        if self.hook_parameters is not None:
            request["HookParameters"] = self.hook_parameters
        if self.collection_configs is not None:
            request["CollectionConfigurations"] = [c._to_request_dict() for c in self.collection_configs]
        return request


@attrs.define
class TensorBoardOutputConfig:
    """Where TensorBoard data is written (request field ``TensorBoardOutputConfig``)."""

    s3_output_path: str
    container_local_output_path: Optional[str] = None

    def _to_request_dict(self) -> Dict[str, Any]:
        request: Dict[str, Any] = {"S3OutputPath": self.s3_output_path}
        if self.container_local_output_path is not None:
            request["LocalPath"] = self.container_local_output_path
        return request


@attrs.define
class ProfilerConfig:
    """System and framework profiling (request field ``ProfilerConfig``)."""

    s3_output_path: Optional[str] = None
    system_monitor_interval_millis: Optional[int] = None
    framework_profile_params: Any = None
    profile_params: Any = None
    disable_profiler: bool = False

    def _to_request_dict(self) -> Dict[str, Any]:
        request: Dict[str, Any] = {}
        if self.s3_output_path is not None and self.disable_profiler is False:
            request["S3OutputPath"] = self.s3_output_path
        request["DisableProfiler"] = self.disable_profiler
        if self.system_monitor_interval_millis is not None:
            request["ProfilingIntervalInMilliseconds"] = self.system_monitor_interval_millis
        params = self.profile_params or self.framework_profile_params
        if params is not None:
            request["ProfilingParameters"] = getattr(params, "profiling_parameters", params)
        return request
