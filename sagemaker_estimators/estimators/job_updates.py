"""What V2's estimators change on a running training job (UpdateTrainingJob), and where its
debugger, TensorBoard and profiler artifacts are.

``enable_default_profiling``, ``disable_profiling``, ``update_profiler`` and
``enable_remote_debug``/``disable_remote_debug`` send UpdateTrainingJob through
``Session.update_training_job``; the ``latest_job_*_artifacts_path`` methods only
compute S3 URIs.  Profiler *rules* need SageMaker Debugger rule containers, which
this package does not run: ``update_profiler(rules=...)`` says so.
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Dict, List, Optional

from sagemaker_estimators.estimators import debugger as dbg
from sagemaker_estimators.required import required


class TrainingJobUpdatesMixin:
    """Mixed into ``EstimatorBase``; relies on its ``latest_training_job``, settings and
    ``_ensure_latest_training_job``."""

    latest_training_job: Any
    sagemaker_session: Any
    output_path: Optional[str]
    profiler_config: Optional[dbg.ProfilerConfig]
    debugger_hook_config: Any
    tensorboard_output_config: Any
    _enable_remote_debug: Optional[bool]
    _enable_session_tag_chaining: Optional[bool]

    if TYPE_CHECKING:  # EstimatorBase's
        def _ensure_latest_training_job(self, error_message: str = ...) -> None: ...

    def _update_training_job(self, profiler_rule_configs: Optional[List[Dict[str, Any]]] = None,
                             profiler_config: Optional[Dict[str, Any]] = None,
                             remote_debug_config: Optional[Dict[str, Any]] = None) -> None:
        self.sagemaker_session.update_training_job(
            self.latest_training_job.name, profiler_rule_configs=profiler_rule_configs,
            profiler_config=profiler_config, remote_debug_config=remote_debug_config,
        )

    def _ensure_profiling_is_possible(self) -> None:
        self._ensure_latest_training_job()
        if not dbg.region_supports_debugger(self.sagemaker_session.boto_region_name):
            raise ValueError("Current region does not support profiler / debugger!")

    # profiler -------------------------------------------------------------------------------------
    def enable_default_profiling(self) -> None:
        """Turn on the default system profiling of the running job (output where the job had it)."""
        self._ensure_profiling_is_possible()
        description = self.latest_training_job.describe()
        if description.get("ProfilingStatus") == "Enabled":
            raise ValueError("Debugger monitoring is already enabled. To update the profiler_config parameter "
                             "and the Debugger profiling rules, please use the update_profiler function.")
        output = (description.get("ProfilerConfig") or {}).get("S3OutputPath") or self.output_path
        self.profiler_config = dbg.ProfilerConfig(s3_output_path=output)
        self._update_training_job([], self.profiler_config._to_request_dict())

    def disable_profiling(self) -> None:
        """Turn off profiling of the running job."""
        self._ensure_profiling_is_possible()
        if self.latest_training_job.describe().get("ProfilingStatus") == "Disabled":
            raise ValueError("Profiler is already disabled.")
        self._update_training_job(profiler_config={"DisableProfiler": True})

    def update_profiler(self, rules: Optional[list] = None, system_monitor_interval_millis: Optional[int] = None,
                        s3_output_path: Optional[str] = None, framework_profile_params: Any = None,
                        disable_framework_metrics: bool = False) -> None:
        """Change the running job's profiling interval, output or framework metrics."""
        self._ensure_profiling_is_possible()
        if not (rules or system_monitor_interval_millis or s3_output_path or framework_profile_params
                or disable_framework_metrics):
            raise ValueError("Please provide profiler config or profiler rule to be updated.")
        if disable_framework_metrics and framework_profile_params:
            raise ValueError("framework_profile_params cannot be set when disable_framework_metrics is True")
        if rules:
            raise NotImplementedError("update_profiler(rules=...) needs SageMaker Debugger rule containers, which "
                                      "sagemaker-estimators does not run; update the profiler settings only.")
        self.profiler_config = dbg.ProfilerConfig(
            s3_output_path=s3_output_path, system_monitor_interval_millis=system_monitor_interval_millis,
            framework_profile_params={} if disable_framework_metrics else framework_profile_params,
        )
        self._update_training_job(None, self.profiler_config._to_request_dict())

    # remote debugging ------------------------------------------------------------------------------
    def get_remote_debug_config(self) -> Optional[Dict[str, bool]]:
        """``{"EnableRemoteDebug": ...}`` as sent, or None when never set."""
        return None if self._enable_remote_debug is None else {"EnableRemoteDebug": self._enable_remote_debug}

    def get_session_chaining_config(self) -> Optional[Dict[str, bool]]:
        """``{"EnableSessionTagChaining": ...}`` as sent, or None when never set."""
        if self._enable_session_tag_chaining is None:
            return None
        return {"EnableSessionTagChaining": self._enable_session_tag_chaining}

    def enable_remote_debug(self) -> None:
        """Allow remote debugging of the running job."""
        self._update_remote_debug(True)

    def disable_remote_debug(self) -> None:
        """Stop remote debugging of the running job."""
        self._update_remote_debug(False)

    def _update_remote_debug(self, enabled: bool) -> None:
        self._ensure_latest_training_job()
        self._update_training_job(remote_debug_config={"EnableRemoteDebug": enabled})
        self._enable_remote_debug = enabled

    # artifact locations ----------------------------------------------------------------------------
    def latest_job_debugger_artifacts_path(self) -> Optional[str]:
        """S3 URI of the latest job's debugger output (None without a debugger hook)."""
        self._ensure_latest_training_job("No training job is associated with this estimator; call fit() first.")
        if not self.debugger_hook_config:
            return None
        return os.path.join(self.debugger_hook_config.s3_output_path, self.latest_training_job.name, "debug-output")

    def latest_job_tensorboard_artifacts_path(self) -> Optional[str]:
        """S3 URI of the latest job's TensorBoard output (None without a TensorBoard config)."""
        self._ensure_latest_training_job("No training job is associated with this estimator; call fit() first.")
        if self.tensorboard_output_config is None:
            return None
        return os.path.join(self.tensorboard_output_config.s3_output_path, self.latest_training_job.name,
                            "tensorboard-output")

    def latest_job_profiler_artifacts_path(self) -> Optional[str]:
        """S3 URI of the latest job's profiler output (None when profiling is off)."""
        self._ensure_latest_training_job("No training job is associated with this estimator; call fit() first.")
        if self.profiler_config is None or self.profiler_config.disable_profiler:
            return None
        output_path = required(self.profiler_config.s3_output_path, "profiler_config.s3_output_path")
        return os.path.join(output_path, self.latest_training_job.name, "profiler-output")
