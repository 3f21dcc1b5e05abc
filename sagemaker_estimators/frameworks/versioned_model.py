"""``VersionedServingModel``: a framework model whose inference image is picked by
``framework_version`` and ``py_version`` (MXNet and PyTorch share it)."""
from __future__ import annotations

from typing import Any, Callable, Optional

from packaging.version import InvalidVersion, Version

from sagemaker_estimators import image_uris
from sagemaker_estimators.serving.model import FrameworkServingModel


class VersionedServingModel(FrameworkServingModel):
    """Keeps the versions and the worker count; looks the inference image up by them.

    Subclasses set ``_framework_name`` and ``_LOWEST_MMS_VERSION`` (the first version whose
    image loads the inference code from the model archive) and keep V2's own constructor
    (its defaults differ per framework), checking the versions before they call this one.
    """

    _LOWEST_MMS_VERSION: str
    _framework_name: str

    def __init__(self, model_data: Any, role: Optional[str], entry_point: Optional[str],
                 framework_version: Optional[str], py_version: Optional[str], image_uri: Optional[str],
                 predictor_cls: Optional[Callable], model_server_workers: Optional[int], **kwargs: Any):
        self.framework_version = framework_version
        self.py_version = py_version
        super().__init__(model_data, image_uri, role, entry_point, predictor_cls=predictor_cls, **kwargs)
        self.model_server_workers = model_server_workers

    def serving_image_uri(self, region_name: str, instance_type: Optional[str], accelerator_type: Optional[str] = None,
                          serverless_inference_config: Any = None) -> str:
        """The framework's inference image for the region and instance type."""
        return image_uris.retrieve(self._framework_name, region_name, version=self.framework_version,
                                   py_version=self.py_version, instance_type=instance_type,
                                   accelerator_type=accelerator_type, image_scope="inference",
                                   serverless_inference_config=serverless_inference_config)

    def _is_mms_version(self) -> bool:
        """Whether the image loads the code from the model archive (an unreadable version counts as new)."""
        if self.framework_version is None:
            return True
        try:
            return Version(self.framework_version) >= Version(self._LOWEST_MMS_VERSION)
        except (InvalidVersion, TypeError):
            return True

    def _repack_code(self) -> bool:
        return self._is_mms_version()
