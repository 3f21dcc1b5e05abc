"""``HuggingFaceProcessor`` (``sagemaker.huggingface.processing``): processing scripts in the HuggingFace image."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional

from sagemaker_estimators.frameworks.huggingface.estimator import HuggingFace
from sagemaker_estimators.processing.framework_processor import FrameworkProcessor
from sagemaker_estimators.processing.processor import init_arguments

if TYPE_CHECKING:
    from sagemaker_estimators.session_like import SessionLike


class HuggingFaceProcessor(FrameworkProcessor):
    """Runs a processing script bundle in the HuggingFace training image.

    ``transformers_version`` with ``pytorch_version`` or ``tensorflow_version`` pick the image
    (unless ``image_uri`` is given), as for the HuggingFace estimator.
    """

    estimator_cls = HuggingFace

    def __init__(self, role: Optional[str] = None, instance_count: Optional[int] = None,
                 instance_type: Optional[str] = None, transformers_version: Optional[str] = None,
                 tensorflow_version: Optional[str] = None, pytorch_version: Optional[str] = None,
                 py_version: str = "py36", image_uri: Optional[str] = None, command: Optional[List[str]] = None,
                 volume_size_in_gb: int = 30, volume_kms_key: Optional[str] = None,
                 output_kms_key: Optional[str] = None, code_location: Optional[str] = None,
                 max_runtime_in_seconds: Optional[int] = None, base_job_name: Optional[str] = None,
                 sagemaker_session: Optional[SessionLike] = None, env: Optional[Dict[str, str]] = None,
                 tags: Any = None, network_config: Any = None):
        self.pytorch_version = pytorch_version
        self.tensorflow_version = tensorflow_version
        arguments = dict(locals(), estimator_cls=self.estimator_cls, framework_version=transformers_version)
        super().__init__(**init_arguments(FrameworkProcessor, arguments))

    def _estimator_version_kwargs(self) -> Dict[str, Any]:
        return {"transformers_version": self.framework_version, "pytorch_version": self.pytorch_version,
                "tensorflow_version": self.tensorflow_version, "py_version": self.py_version}
