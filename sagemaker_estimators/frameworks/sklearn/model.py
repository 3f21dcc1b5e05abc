"""``SKLearnModel`` and ``SKLearnPredictor`` (``sagemaker.sklearn.model``).

The inference code is uploaded as ``sourcedir.tar.gz`` (not repacked, unless
network isolation is on) and ``SAGEMAKER_SUBMIT_DIRECTORY`` is its S3 URI.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from sagemaker_estimators import image_uris
from sagemaker_estimators.frameworks import common
from sagemaker_estimators.validation import UnsupportedSettingError
from sagemaker_estimators.payloads.deserializers import NumpyDeserializer
from sagemaker_estimators.serving.model import FrameworkServingModel
from sagemaker_estimators.serving.predictor import Predictor
from sagemaker_estimators.payloads.serializers import NumpySerializer


class SKLearnPredictor(Predictor):
    """A Predictor for scikit-learn endpoints: ``.npy`` request and response bodies by default."""

    DEFAULT_SERIALIZER = NumpySerializer
    DEFAULT_DESERIALIZER = NumpyDeserializer


class SKLearnModel(FrameworkServingModel):
    """A scikit-learn model for SageMaker hosting (V2's parameters and defaults)."""

    _framework_name = "sklearn"
    _needs_instance_type = False
    _use_repacked_data = False

    def __init__(self, model_data: Any, role: Optional[str] = None, entry_point: Optional[str] = None,
                 framework_version: Optional[str] = None, py_version: str = "py3", image_uri: Optional[str] = None,
                 predictor_cls: Optional[Callable] = SKLearnPredictor, model_server_workers: Optional[int] = None,
                 **kwargs: Any):
        common.require_versions("SKLearnModel", framework_version, py_version, image_uri)
        if py_version and py_version != "py3":
            raise UnsupportedSettingError(
                f"py_version={py_version!r}: Scikit-learn images only support Python 3; use 'py3'.")
        self.framework_version = framework_version
        self.py_version = py_version
        super().__init__(model_data, image_uri, role, entry_point, predictor_cls=predictor_cls, **kwargs)
        self.model_server_workers = model_server_workers

    def _validate_model_settings(self) -> None:
        super()._validate_model_settings()
        if self.image_uri is None:  # V2 checks the versions when it looks the image up
            common.check_versions("sklearn", self.framework_version, self.py_version, image_scope="inference")

    # V2's signature has no accelerator_type (no Elastic Inference image); _deploy_image below passes none
    def serving_image_uri(self, region_name: str, instance_type: Optional[str],  # type: ignore[override]
                          serverless_inference_config: Any = None) -> str:
        """The scikit-learn image for the region and instance type."""
        return image_uris.retrieve(self._framework_name, region_name, version=self.framework_version,
                                   py_version=self.py_version, instance_type=instance_type,
                                   serverless_inference_config=serverless_inference_config)

    def _deploy_image(self, instance_type: Optional[str], accelerator_type: Optional[str],
                      serverless_inference_config: Any, **extra: Any) -> str:
        if accelerator_type:
            raise ValueError(f"accelerator_type={accelerator_type!r}: accelerator types are not supported for "
                             "Scikit-Learn.")
        if self.image_uri:
            return self.image_uri
        return self.serving_image_uri(self._active_session().boto_region_name, instance_type)
