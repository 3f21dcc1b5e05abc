"""``MXNetModel`` and ``MXNetPredictor`` (``sagemaker.mxnet.model``).

MXNet >= 1.4 serves with the multi-model server, which loads the inference
code from the model archive: the code is repacked into ``code/`` and
``SAGEMAKER_SUBMIT_DIRECTORY`` is ``/opt/ml/model/code``.  Older versions get
the code as an uploaded ``sourcedir.tar.gz``.
"""
from __future__ import annotations

import logging
from typing import Any, Callable, Optional

from sagemaker_estimators.frameworks import common
from sagemaker_estimators.frameworks.versioned_model import VersionedServingModel
from sagemaker_estimators.payloads.deserializers import JSONDeserializer
from sagemaker_estimators.serving.predictor import Predictor
from sagemaker_estimators.payloads.serializers import JSONSerializer

logger = logging.getLogger(__name__)


class MXNetPredictor(Predictor):
    """A Predictor for MXNet endpoints: JSON requests and responses by default."""

    DEFAULT_SERIALIZER = JSONSerializer
    DEFAULT_DESERIALIZER = JSONDeserializer


class MXNetModel(VersionedServingModel):
    """An MXNet model for SageMaker hosting (V2's parameters and defaults)."""

    _framework_name = "mxnet"
    _LOWEST_MMS_VERSION = "1.4.0"

    def __init__(self, model_data: Any, role: Optional[str] = None, entry_point: Optional[str] = None,
                 framework_version: Optional[str] = _LOWEST_MMS_VERSION, py_version: Optional[str] = None,
                 image_uri: Optional[str] = None, predictor_cls: Optional[Callable] = MXNetPredictor,
                 model_server_workers: Optional[int] = None, **kwargs: Any):
        common.require_versions("MXNetModel", framework_version, py_version, image_uri)
        if image_uri is None:
            common.check_versions("mxnet", framework_version, py_version, image_scope="inference")
        if py_version == "py2":
            logger.warning("py2 images are deprecated (the last MXNet with them is 1.6.0): use a py3 version.")
        super().__init__(model_data, role, entry_point, framework_version, py_version, image_uri, predictor_cls,
                         model_server_workers, **kwargs)
