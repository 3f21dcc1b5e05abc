"""``PyTorchModel`` and ``PyTorchPredictor`` (``sagemaker.pytorch.model``).

The inference code is repacked into the model archive's ``code/`` folder
(PyTorch >= 1.2 serving images load it from ``/opt/ml/model/code``).
"""
from __future__ import annotations

import logging
from typing import Any, Callable, Optional

from sagemaker_estimators.frameworks import common
from sagemaker_estimators.frameworks.versioned_model import VersionedServingModel
from sagemaker_estimators.payloads.deserializers import NumpyDeserializer
from sagemaker_estimators.serving.predictor import Predictor
from sagemaker_estimators.payloads.serializers import NumpySerializer

logger = logging.getLogger(__name__)


class PyTorchPredictor(Predictor):
    """A Predictor for PyTorch endpoints: ``.npy`` request and response bodies by default."""

    DEFAULT_SERIALIZER = NumpySerializer
    DEFAULT_DESERIALIZER = NumpyDeserializer


class PyTorchModel(VersionedServingModel):
    """A PyTorch model for SageMaker hosting (V2's parameters and defaults)."""

    _framework_name = "pytorch"
    _LOWEST_MMS_VERSION = "1.2"

    def __init__(self, model_data: Any, role: Optional[str] = None, entry_point: Optional[str] = None,
                 framework_version: str = "1.3", py_version: Optional[str] = None, image_uri: Optional[str] = None,
                 predictor_cls: Optional[Callable] = PyTorchPredictor, model_server_workers: Optional[int] = None,
                 **kwargs: Any):
        common.require_versions("PyTorchModel", framework_version, py_version, image_uri)
        common.warn_if_py2("pytorch", py_version)
        super().__init__(model_data, role, entry_point, framework_version, py_version, image_uri, predictor_cls,
                         model_server_workers, **kwargs)

    def _validate_model_settings(self) -> None:
        super()._validate_model_settings()
        if self.image_uri is None:  # V2 checks the versions when it looks the image up
            common.check_versions("pytorch", self.framework_version, self.py_version, image_scope="inference")
