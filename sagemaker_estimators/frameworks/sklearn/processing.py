"""``SKLearnProcessor`` (``sagemaker.sklearn.processing``): one script in the scikit-learn image."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional

from sagemaker_estimators import image_uris
from sagemaker_estimators.processing.processor import ScriptProcessor, init_arguments, processing_session

if TYPE_CHECKING:
    from sagemaker_estimators.session_like import SessionLike


class SKLearnProcessor(ScriptProcessor):
    """Runs a script with ``python3`` (or ``command``) in the scikit-learn image of ``framework_version``."""

    def __init__(self, framework_version: str, role: Optional[str] = None, instance_count: Optional[int] = None,
                 instance_type: Optional[str] = None, command: Optional[List[str]] = None,
                 volume_size_in_gb: int = 30, volume_kms_key: Optional[str] = None,
                 output_kms_key: Optional[str] = None, max_runtime_in_seconds: Optional[int] = None,
                 base_job_name: Optional[str] = None, sagemaker_session: Optional[SessionLike] = None,
                 env: Optional[Dict[str, str]] = None, tags: Any = None, network_config: Any = None):
        session = processing_session(instance_type, sagemaker_session)
        image_uri = image_uris.retrieve("sklearn", session.boto_region_name, version=framework_version,
                                        instance_type=instance_type)
        self.framework_version = framework_version
        arguments = dict(locals(), command=command or ["python3"], sagemaker_session=session)
        super().__init__(**init_arguments(ScriptProcessor, arguments))
