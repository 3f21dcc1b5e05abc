"""``PyTorchProcessor`` (``sagemaker.pytorch.processing``): processing scripts in the PyTorch image."""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from sagemaker_estimators.frameworks.pytorch.estimator import PyTorch
from sagemaker_estimators.processing.framework_processor import FrameworkProcessor


class PyTorchProcessor(FrameworkProcessor):
    """Runs a processing script bundle in the PyTorch training image of ``framework_version``."""

    estimator_cls = PyTorch

    def __init__(self, framework_version: str, role: Optional[str] = None, instance_count: Optional[int] = None,
                 instance_type: Optional[str] = None, py_version: str = "py3", image_uri: Optional[str] = None,
                 command: Optional[List[str]] = None, volume_size_in_gb: int = 30,
                 volume_kms_key: Optional[str] = None, output_kms_key: Optional[str] = None,
                 code_location: Optional[str] = None, max_runtime_in_seconds: Optional[int] = None,
                 base_job_name: Optional[str] = None, sagemaker_session: Any = None,
                 env: Optional[Dict[str, str]] = None, tags: Any = None, network_config: Any = None):
        super().__init__(self.estimator_cls, framework_version, role, instance_count, instance_type, py_version,
                         image_uri, command, volume_size_in_gb, volume_kms_key, output_kms_key, code_location,
                         max_runtime_in_seconds, base_job_name, sagemaker_session, env, tags, network_config)
