"""``TensorFlowModel`` and ``TensorFlowPredictor`` (``sagemaker.tensorflow.model``): TensorFlow Serving.

The TF Serving image serves the SavedModel(s) of ``model.tar.gz`` with no
inference script.  An ``entry_point`` (``inference.py`` with
``input_handler``/``output_handler`` or ``handler``) is repacked into the
archive's ``code/`` folder, where the image looks for it; no ``SAGEMAKER_PROGRAM``
is set.  ``container_log_level`` becomes ``SAGEMAKER_TFS_NGINX_LOGLEVEL``.

The predictor speaks TF Serving's REST bodies as JSON (``{"instances": ...}``
for ``predict``, ``{"examples": ...}`` for ``classify``/``regress``) and names
the method, model and version in ``CustomAttributes``
(``tfs-method=``, ``tfs-model-name=``, ``tfs-model-version=``), as the
SageMaker TF Serving container expects.
"""
from __future__ import annotations

import atexit
import logging
import os
import shutil
import tempfile
from typing import TYPE_CHECKING, Any, Callable, Dict, Optional

from sagemaker_estimators import image_uris
from sagemaker_estimators.exceptions import SageMakerEstimatorsError
from sagemaker_estimators.frameworks.framework_deploy import FrameworkDeploy
from sagemaker_estimators.required import required
from sagemaker_estimators.s3_paths import s3_path_join
from sagemaker_estimators.payloads.deserializers import JSONDeserializer
from sagemaker_estimators.serving.model import FrameworkModel, model_code_key_prefix
from sagemaker_estimators.serving.predictor import Predictor
from sagemaker_estimators.payloads.serializers import JSONSerializer
from sagemaker_estimators.staging.repack import repack_model

if TYPE_CHECKING:
    from sagemaker_estimators.session_like import SessionLike

logger = logging.getLogger(__name__)

#: environment variable of the TF Serving image's nginx log level
LOG_LEVEL_PARAM_NAME = "SAGEMAKER_TFS_NGINX_LOGLEVEL"
#: Python logging level -> nginx log level
LOG_LEVEL_MAP = {10: "debug", 20: "info", 30: "warn", 40: "error", 50: "crit"}
#: training versions whose TF Serving image has another version (facts from V2)
INFERENCE_VERSION_FOR_TRAINING = {"2.12.0": "2.12.1", "2.16.2": "2.16.1"}
#: Elastic Inference exists up to this TensorFlow version, except 2.1 and 2.2
LATEST_EIA_VERSION = (2, 3)
TFS_METHODS = ("predict", "classify", "regress")


class UnsupportedAcceleratorError(ValueError, AttributeError, SageMakerEstimatorsError):
    """accelerator_type with a TensorFlow without Elastic Inference images (V2: AttributeError)."""


class TensorFlowPredictor(Predictor):
    """A Predictor for TF Serving endpoints: JSON requests and responses.

    ``model_name``/``model_version`` pick one model of a multi-model TF Serving
    endpoint; :meth:`classify` and :meth:`regress` call TF Serving's Classify and
    Regress APIs (JSON only).
    """

    DEFAULT_SERIALIZER = JSONSerializer
    DEFAULT_DESERIALIZER = JSONDeserializer

    def __init__(self, endpoint_name: str, sagemaker_session: Optional[SessionLike] = None, serializer: Any = None,
                 deserializer: Any = None, model_name: Optional[str] = None, model_version: Optional[str] = None,
                 component_name: Optional[str] = None, **kwargs: Any):
        for removed in ("content_type", "accept"):
            if removed in kwargs:
                raise TypeError(f"TensorFlowPredictor() got the removed argument {removed!r}: in SageMaker SDK v2 "
                                "and later the serializer and deserializer set the content type and accept headers.")
        if kwargs:
            logger.warning("TensorFlowPredictor ignores the arguments %s (as SageMaker SDK V2 did).", sorted(kwargs))
        super().__init__(endpoint_name, sagemaker_session, serializer, deserializer, component_name=component_name)
        self.model_name = model_name
        self.model_version = model_version
        attributes = []
        if model_name:
            attributes.append(f"tfs-model-name={model_name}")
        if model_version:
            attributes.append(f"tfs-model-version={model_version}")
        self._model_attributes = ",".join(attributes) or None

    def classify(self, data: Any) -> Any:
        """TF Serving's Classify API: ``data`` like ``{"signature_name": ..., "examples": [{...}]}``."""
        return self._classify_or_regress(data, "classify")

    def regress(self, data: Any) -> Any:
        """TF Serving's Regress API: ``data`` like ``{"signature_name": ..., "examples": [{...}]}``."""
        return self._classify_or_regress(data, "regress")

    def _classify_or_regress(self, data: Any, method: str) -> Any:
        if method not in ("classify", "regress"):
            raise ValueError(f"invalid TensorFlow Serving method: {method!r}; valid: classify, regress")
        if self.content_type != "application/json":
            raise ValueError(f"The {method} api requires json requests (content_type is {self.content_type!r}).")
        return self.predict(data, {"CustomAttributes": f"tfs-method={method}"})

    # V2's TensorFlowPredictor.predict takes only data and initial_args
    def predict(self, data: Any, initial_args: Optional[Dict[str, Any]] = None) -> Any:  # type: ignore[override]
        """Invoke the endpoint; ``data`` like ``{"instances": [...]}`` (or a list of instances)."""
        args = dict(initial_args) if initial_args else {}
        if self._model_attributes:
            if "CustomAttributes" in args:
                args["CustomAttributes"] += "," + self._model_attributes
            else:
                args["CustomAttributes"] = self._model_attributes
        return super().predict(data, args)


# V2's TensorFlowModel.deploy takes update_endpoint right after explainer_config, unlike Model.deploy
class TensorFlowModel(FrameworkDeploy, FrameworkModel):  # type: ignore[misc]
    """A model for the TensorFlow Serving image (V2's parameters and defaults)."""

    _framework_name = "tensorflow"
    LOG_LEVEL_PARAM_NAME = LOG_LEVEL_PARAM_NAME
    LOG_LEVEL_MAP = LOG_LEVEL_MAP
    LATEST_EIA_VERSION = list(LATEST_EIA_VERSION)

    def __init__(self, model_data: Any, role: Optional[str] = None, entry_point: Optional[str] = None,
                 image_uri: Optional[str] = None, framework_version: Optional[str] = None,
                 container_log_level: Optional[int] = None, predictor_cls: Optional[Callable] = TensorFlowPredictor,
                 **kwargs: Any):
        if framework_version is None and image_uri is None:
            raise ValueError("TensorFlowModel needs framework_version (e.g. '2.13') or image_uri; both were None.")
        if container_log_level is not None and not isinstance(container_log_level, int):
            raise TypeError(f"container_log_level must be a logging level (int), got {container_log_level!r}")
        self.framework_version = framework_version
        self.inference_framework_version = (
            INFERENCE_VERSION_FOR_TRAINING.get(framework_version, framework_version)
            if framework_version is not None else None)
        super().__init__(model_data=model_data, role=role, image_uri=image_uri, predictor_cls=predictor_cls,
                         entry_point=entry_point, **kwargs)
        self._container_log_level = container_log_level

    # image -------------------------------------------------------------------------------------------
    def serving_image_uri(self, region_name: str, instance_type: Optional[str], accelerator_type: Optional[str] = None,
                          serverless_inference_config: Any = None) -> str:
        """The TF Serving image (no py_version) for the region and instance type."""
        return self._get_image_uri(instance_type, accelerator_type, region_name, serverless_inference_config)

    def _get_image_uri(self, instance_type: Optional[str], accelerator_type: Optional[str] = None,
                       region_name: Optional[str] = None, serverless_inference_config: Any = None) -> str:
        if self.image_uri:
            return self.image_uri
        return image_uris.retrieve(
            self._framework_name, region_name or self._active_session().boto_region_name,
            version=self.inference_framework_version, instance_type=instance_type,
            accelerator_type=accelerator_type, image_scope="inference",
            serverless_inference_config=serverless_inference_config,
        )

    def _eia_supported(self) -> bool:
        try:
            major_minor = tuple(int(part) for part in str(self.framework_version).split(".")[:2])
        except ValueError:
            return False
        return major_minor not in ((2, 1), (2, 2)) and major_minor <= LATEST_EIA_VERSION

    # container ---------------------------------------------------------------------------------------
    def _get_container_env(self) -> Dict[str, str]:
        """The model's env plus ``SAGEMAKER_TFS_NGINX_LOGLEVEL`` for a known ``container_log_level``."""
        if not self._container_log_level:
            return self.env
        if self._container_log_level not in LOG_LEVEL_MAP:
            logger.warning("ignoring invalid container log level: %s", self._container_log_level)
            return self.env
        env = dict(self.env)
        env[LOG_LEVEL_PARAM_NAME] = LOG_LEVEL_MAP[self._container_log_level]
        return env

    def prepare_container_def(self, instance_type: Optional[str] = None, accelerator_type: Optional[str] = None,
                              serverless_inference_config: Any = None, accept_eula: Optional[bool] = None,
                              model_reference_arn: Optional[str] = None) -> Dict[str, Any]:
        """The TF Serving container; an ``entry_point`` is repacked into the model's ``code/``."""
        self._init_sagemaker_session_if_does_not_exist(instance_type)
        if not self.image_uri and instance_type is None and serverless_inference_config is None:
            raise ValueError("Must supply either an instance type (for choosing CPU vs GPU) or an image URI.")
        image = self._get_image_uri(instance_type, accelerator_type,
                                    serverless_inference_config=serverless_inference_config)
        env = self._get_container_env()
        model_data = self.model_data
        if self.entry_point:
            model_data = self._repacked_with_code(image)
        return self._container(image, model_data, env, accept_eula=accept_eula,
                               model_reference_arn=model_reference_arn, image_config=None)

    def _repacked_with_code(self, image: str) -> str:
        if isinstance(self.model_data, dict):
            raise ValueError("entry_point cannot be repacked into a model given as a ModelDataSource dict: "
                             "pass model_data as the S3 URI of a model.tar.gz.")
        if self.model_data is None:
            raise ValueError("entry_point needs model_data: the inference code is repacked into model.tar.gz.")
        if self._local_code():
            # no S3: the repacked archive is a temp file that lives as long as this process
            folder = tempfile.mkdtemp(prefix="sagemaker-estimators-tfs-")
            atexit.register(shutil.rmtree, folder, True)
            target = "file://" + os.path.join(folder, "model.tar.gz")
        else:
            bucket, key_prefix = self._code_bucket_and_prefix(model_code_key_prefix(self.key_prefix, self.name, image))
            target = s3_path_join("s3://", bucket, key_prefix, "model.tar.gz")
        repack_model(required(self.entry_point, "entry_point"), self.source_dir, self.dependencies, self.model_data,
                     target, self._active_session(), kms_key=self.model_kms_key)
        self.repacked_model_data = target
        return target

    # deploy --------------------------------------------------------------------------------------------
    def _before_deploy(self, instance_type: Optional[str], accelerator_type: Optional[str]) -> None:
        """``accelerator_type`` only for TensorFlow versions with Elastic Inference."""
        if accelerator_type and not self._eia_supported():
            raise UnsupportedAcceleratorError(
                f"accelerator_type={accelerator_type!r}: TensorFlow {self.framework_version} has no Elastic "
                "Inference image (only TensorFlow up to 2.3, except 2.1 and 2.2).")
