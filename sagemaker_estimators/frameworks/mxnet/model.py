"""``MXNetModel`` and ``MXNetPredictor`` (``sagemaker.mxnet.model``).

MXNet >= 1.4 serves with the multi-model server, which loads the inference
code from the model archive: the code is repacked into ``code/`` and
``SAGEMAKER_SUBMIT_DIRECTORY`` is ``/opt/ml/model/code``.  Older versions get
the code as an uploaded ``sourcedir.tar.gz``.
"""
from __future__ import annotations

import logging
from typing import Any, Callable, Optional

from packaging.version import InvalidVersion, Version

from sagemaker_estimators import image_uris
from sagemaker_estimators.frameworks import common
from sagemaker_estimators.serving.deserializers import JSONDeserializer
from sagemaker_estimators.serving.model import FrameworkServingModel
from sagemaker_estimators.serving.predictor import Predictor
from sagemaker_estimators.serving.serializers import JSONSerializer

logger = logging.getLogger(__name__)


class MXNetPredictor(Predictor):
    """A Predictor for MXNet endpoints: JSON requests and responses by default."""

    DEFAULT_SERIALIZER = JSONSerializer
    DEFAULT_DESERIALIZER = JSONDeserializer


class MXNetModel(FrameworkServingModel):
    """An MXNet model for SageMaker hosting (V2's parameters and defaults)."""

    _framework_name = "mxnet"
    _LOWEST_MMS_VERSION = "1.4.0"

    def __init__(self, model_data: Any, role: Optional[str] = None, entry_point: Optional[str] = None,
                 framework_version: str = _LOWEST_MMS_VERSION, py_version: Optional[str] = None,
                 image_uri: Optional[str] = None, predictor_cls: Optional[Callable] = MXNetPredictor,
                 model_server_workers: Optional[int] = None, **kwargs: Any):
        common.require_versions("MXNetModel", framework_version, py_version, image_uri)
        if image_uri is None:
            common.check_versions("mxnet", framework_version, py_version, image_scope="inference")
        if py_version == "py2":
            logger.warning("py2 images are deprecated (the last MXNet with them is 1.6.0): use a py3 version.")
        self.framework_version = framework_version
        self.py_version = py_version
        super().__init__(model_data, image_uri, role, entry_point, predictor_cls=predictor_cls, **kwargs)
        self.model_server_workers = model_server_workers

    def serving_image_uri(self, region_name: str, instance_type: Optional[str], accelerator_type: Optional[str] = None,
                          serverless_inference_config: Any = None) -> str:
        """The MXNet inference image for the region and instance type."""
        return image_uris.retrieve(self._framework_name, region_name, version=self.framework_version,
                                   py_version=self.py_version, instance_type=instance_type,
                                   accelerator_type=accelerator_type, image_scope="inference",
                                   serverless_inference_config=serverless_inference_config)

    def _is_mms_version(self) -> bool:
        """Whether the image serves with the multi-model server (MXNet >= 1.4)."""
        try:
            return Version(self.framework_version) >= Version(self._LOWEST_MMS_VERSION)
        except (InvalidVersion, TypeError):
            return True

    def _repack_code(self) -> bool:
        return self._is_mms_version()
