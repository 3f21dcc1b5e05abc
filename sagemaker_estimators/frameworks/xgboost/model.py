"""``XGBoostModel`` and ``XGBoostPredictor`` (``sagemaker.xgboost.model``).

The inference code is uploaded as ``sourcedir.tar.gz`` (not repacked, unless
network isolation is on) and ``SAGEMAKER_SUBMIT_DIRECTORY`` is its S3 URI.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from sagemaker_estimators import image_uris
from sagemaker_estimators.frameworks.xgboost.versions import unsupported_reason
from sagemaker_estimators.payloads.deserializers import CSVDeserializer
from sagemaker_estimators.serving.model import FrameworkServingModel
from sagemaker_estimators.serving.predictor import Predictor
from sagemaker_estimators.payloads.serializers import LibSVMSerializer

class XGBoostPredictor(Predictor):
    """A Predictor for XGBoost endpoints: LibSVM requests, CSV responses by default."""

    DEFAULT_SERIALIZER = LibSVMSerializer
    DEFAULT_DESERIALIZER = CSVDeserializer


class XGBoostModel(FrameworkServingModel):
    """An XGBoost (script mode) model for SageMaker hosting (V2's parameters and defaults)."""

    _framework_name = "xgboost"
    _needs_instance_type = False
    _use_repacked_data = False

    def __init__(self, model_data: Any, role: Optional[str] = None, entry_point: Optional[str] = None,
                 framework_version: Optional[str] = None, image_uri: Optional[str] = None, py_version: str = "py3",
                 predictor_cls: Optional[Callable] = XGBoostPredictor, model_server_workers: Optional[int] = None,
                 **kwargs: Any):
        if py_version != "py3":
            raise ValueError(f"py_version={py_version!r} is not supported by XGBoost images; use 'py3'.")
        if framework_version is None and image_uri is None:
            raise ValueError("XGBoostModel needs framework_version (e.g. '1.7-1') or image_uri.")
        if framework_version is not None:
            message = unsupported_reason(framework_version)
            if message:
                raise ValueError(message)
        super().__init__(model_data, image_uri, role, entry_point, predictor_cls=predictor_cls, **kwargs)
        self.py_version = py_version
        self.framework_version = framework_version
        self.model_server_workers = model_server_workers

    def _validate_model_settings(self) -> None:
        super()._validate_model_settings()
        if self.image_uri is None:  # V2 checks the versions when it looks the image up
            from sagemaker_estimators.frameworks import common

            common.check_versions("xgboost", self.framework_version, None, image_scope="inference")

    # V2's signature has no accelerator_type (no Elastic Inference image); _deploy_image below passes none
    def serving_image_uri(self, region_name: str, instance_type: Optional[str],  # type: ignore[override]
                          serverless_inference_config: Any = None) -> str:
        """The XGBoost image for the region and instance type."""
        return image_uris.retrieve(self._framework_name, region_name, version=self.framework_version,
                                   instance_type=instance_type, serverless_inference_config=serverless_inference_config)

    def _deploy_image(self, instance_type: Optional[str], accelerator_type: Optional[str],
                      serverless_inference_config: Any, **extra: Any) -> str:
        if self.image_uri:
            return self.image_uri
        return self.serving_image_uri(self._active_session().boto_region_name, instance_type,
                                      serverless_inference_config=serverless_inference_config)
