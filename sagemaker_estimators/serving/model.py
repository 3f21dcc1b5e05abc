"""``Model`` and ``FrameworkModel`` (``sagemaker.model``): deployable model artifacts.

A Model is an image plus (optionally) a ``model.tar.gz`` and inference code.
``deploy()`` validates every argument first, then creates the SageMaker model
(uploading or repacking code when there is any), the endpoint config and the
endpoint, and returns the ``predictor_cls`` bound to the endpoint.
``transformer()`` creates the model and returns a batch-transform
:class:`~sagemaker_estimators.serving.transformer.Transformer`.

Local mode goes through the same session calls (a LocalSession answers them);
with ``local_code`` nothing is uploaded: the model archive is used as given and
the code directory is passed as a ``file://`` URI.
"""
from __future__ import annotations

import copy
import logging
import os
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional

from sagemaker_estimators import utils
from sagemaker_estimators.s3_paths import parse_s3_url, s3_path_join
from sagemaker_estimators.request_builders import hosting as req
from sagemaker_estimators.serving.deploy_options import DeployOptions
from sagemaker_estimators.serving.validation import (
    check_deploy_arguments,
    check_model_data,
    check_transform_resources,
)
from sagemaker_estimators.image_uris.instances import is_local_instance_type
from sagemaker_estimators.staging.attributes import PreparedAttribute, keep_prepared_code
from sagemaker_estimators.staging.code import REPACKED_CODE_DIR, CodeDestination, CodeSource, stage_code
from sagemaker_estimators.validation import (
    check_s3_uri,
    check_str,
    check_str_list,
    check_str_mapping,
    format_tags,
)
from sagemaker_estimators.required import required

if TYPE_CHECKING:
    from sagemaker_estimators.session_like import SessionLike

logger = logging.getLogger(__name__)

SCRIPT_PARAM_NAME = "SAGEMAKER_PROGRAM"
DIR_PARAM_NAME = "SAGEMAKER_SUBMIT_DIRECTORY"
CONTAINER_LOG_LEVEL_PARAM_NAME = "SAGEMAKER_CONTAINER_LOG_LEVEL"
REGION_PARAM_NAME = "SAGEMAKER_REGION"
MODEL_SERVER_WORKERS_PARAM_NAME = "SAGEMAKER_MODEL_SERVER_WORKERS"


def local_model_data_path(model_data: Any) -> Optional[str]:
    """The file path when ``model_data`` is a bare local path (``"model/model.tar.gz"``), else None."""
    if isinstance(model_data, str) and model_data and "://" not in model_data:
        return model_data
    return None


def model_code_key_prefix(code_location_key_prefix: Optional[str], model_name: Optional[str], image: str) -> str:
    """S3 key prefix for a model's code: ``<code_location prefix>/<model name or image-based name>``."""
    return s3_path_join(code_location_key_prefix,
                        model_name or utils.name_from_base(utils.base_name_from_image(image)))


def _unsupported(feature: str, instead: str) -> NotImplementedError:
    return NotImplementedError(f"{feature} is not supported by sagemaker-estimators: {instead}")


class Model:
    """A SageMaker model: image, artifacts, environment and (optionally) inference code.

    Parameters are V2's (``sagemaker.model.Model``).  ``git_config`` and
    ``resources`` (inference components) are not supported and raise.
    """

    # Where the code went, as V2 shows it after create()/deploy(): read from the code _upload_code
    # prepared, or what was assigned last.
    uploaded_code = PreparedAttribute(lambda code: code.uploaded_code, "The uploaded (or repacked) code and "
                                      "the script's name in it (V2's UploadedCode).")
    repacked_model_data = PreparedAttribute(lambda code: code.repacked_model_data, "The model archive "
                                            "repacked with the inference code under code/.")

    def __init__(
        self,
        image_uri: Optional[str] = None,
        model_data: Any = None,
        role: Optional[str] = None,
        predictor_cls: Optional[Callable] = None,
        env: Optional[Dict[str, str]] = None,
        name: Optional[str] = None,
        vpc_config: Optional[Dict[str, List[str]]] = None,
        sagemaker_session: Optional[SessionLike] = None,
        enable_network_isolation: Optional[bool] = None,
        model_kms_key: Optional[str] = None,
        image_config: Optional[Dict[str, Any]] = None,
        source_dir: Optional[str] = None,
        code_location: Optional[str] = None,
        entry_point: Optional[str] = None,
        container_log_level: int = logging.INFO,
        dependencies: Optional[List[str]] = None,
        git_config: Optional[Dict[str, str]] = None,
        resources: Any = None,
        additional_model_data_sources: Optional[List[Dict[str, Any]]] = None,
        model_reference_arn: Optional[str] = None,
    ):
        # V2 checks nothing here: every check runs in _validate_model_settings(), before the first
        # upload or Create call of create()/deploy()/transformer().
        if isinstance(source_dir, str) and source_dir.startswith("file://"):
            source_dir = source_dir[len("file://"):]  # a local-mode job records its code dir as a file:// URI
        self.model_data = model_data
        self.additional_model_data_sources = additional_model_data_sources
        self.image_uri = image_uri
        self.predictor_cls = predictor_cls
        self.name = name
        self._base_name: Optional[str] = None
        self.sagemaker_session: Optional[SessionLike] = sagemaker_session
        self.algorithm_arn = None
        self.model_package_arn = None
        self.role = role
        self.vpc_config = vpc_config
        self.endpoint_name: Optional[str] = None
        self.inference_component_name = None
        self._is_compiled_model = False
        self._enable_network_isolation = enable_network_isolation
        self.env = dict(env) if env else {}
        self.model_kms_key = model_kms_key
        self.image_config = image_config
        self.entry_point = entry_point
        self.source_dir = source_dir
        self.dependencies = list(dependencies or [])
        self.git_config = git_config
        self.container_log_level = container_log_level
        self._code_location = code_location
        self.bucket: Optional[str] = None
        self.key_prefix: Optional[str] = None
        if isinstance(code_location, str) and code_location.startswith("s3://"):
            self.bucket, self.key_prefix = parse_s3_url(code_location)
        self.uploaded_code = None
        self.repacked_model_data = None
        self.resources = resources
        self.accept_eula: Optional[bool] = None
        self.model_reference_arn = model_reference_arn
        self._tags: Optional[List[Dict[str, str]]] = None
        if sagemaker_session is not None:
            self._apply_sagemaker_config()

    # checks ---------------------------------------------------------------------------
    def _validate_model_settings(self) -> None:
        """Every check of the constructor's arguments, run where V2 first needs them (before any write)."""
        check_str("image_uri", self.image_uri)
        check_model_data(self.model_data)
        check_str("role", self.role)
        check_str_mapping("env", self.env)
        if self.name is not None:
            utils.validate_name(self.name, "name")
        if self.vpc_config is not None:
            from sagemaker_estimators.session.hosting import sanitize_vpc_config

            sanitize_vpc_config(self.vpc_config)
        if self.bucket is None and self._code_location is not None:
            check_s3_uri("code_location", self._code_location)
        self._validate_code()
        if self.predictor_cls is not None and not callable(self.predictor_cls):
            raise TypeError(f"predictor_cls must be a class or callable, got {self.predictor_cls!r}")
        if self.git_config is not None:
            raise _unsupported("git_config", "clone the repository and pass its directory as source_dir.")
        if self.resources is not None:
            raise _unsupported("resources (inference-component endpoints)",
                               "deploy a model-based endpoint (leave resources unset).")
        self._validate_local_model_data()

    def _validate_code(self) -> None:
        entry_point, source_dir = self.entry_point, self.source_dir
        check_str("entry_point", entry_point)
        if entry_point is not None and entry_point.startswith("s3://"):
            raise ValueError(f"entry_point={entry_point!r}: must be a path to a local file, not an S3 URI.")
        check_str("source_dir", source_dir)
        if source_dir is not None and not source_dir.startswith("s3://") and not os.path.isdir(source_dir):
            raise ValueError(f"source_dir={source_dir!r} is not a directory.")
        if source_dir is not None and entry_point is not None and not source_dir.startswith("s3://") \
                and not os.path.isfile(os.path.join(source_dir, entry_point)):
            raise ValueError(f"entry_point={entry_point!r}: no file named {entry_point!r} was found in "
                             f"source_dir {source_dir!r}.")
        check_str_list("dependencies", self.dependencies)
        for dependency in self.dependencies:
            if not os.path.exists(dependency):
                raise ValueError(f"dependencies: {dependency!r} does not exist.")

    def _repacks_model_data(self) -> bool:
        """Whether create/deploy packs the code into the model archive (subclasses decide)."""
        return self.is_repack()

    def _validate_local_model_data(self) -> None:
        """A bare local ``model_data`` path works where V2 repacks it (it is uploaded with the code) and in
        local mode; elsewhere V2 sends the path in CreateModel, which SageMaker refuses: refused here first."""
        path = local_model_data_path(self.model_data)
        if path is None or self._local_code():
            return
        if getattr(self.sagemaker_session, "local_mode", False):
            return
        if not os.path.isfile(path):
            raise ValueError(f"model_data={self.model_data!r}: no such local file.")
        if not (self.entry_point and self._repacks_model_data()):
            raise ValueError(
                f"model_data={self.model_data!r} is a local path, which SageMaker cannot read: upload it first "
                "(sagemaker.s3.S3Uploader.upload(path, 's3://bucket/prefix')) and pass the s3:// URI, or give an "
                "entry_point so that the archive is repacked with the code and uploaded."
            )

    # tags ---------------------------------------------------------------------------
    def add_tags(self, tags: Any) -> None:
        """Add tags (a list of {Key, Value} or a dict) sent with the model's resources."""
        new = format_tags(tags)
        if not new:
            return
        current = list(self._tags or [])
        for tag in new:
            current = [existing for existing in current if existing["Key"] != tag["Key"]]
            current.append(tag)
        self._tags = current

    def remove_tag_with_key(self, key: str) -> None:
        """Drop the tag named ``key``."""
        if self._tags:
            self._tags = [tag for tag in self._tags if tag["Key"] != key] or None

    # session and names ---------------------------------------------------------------
    def _active_session(self) -> SessionLike:
        """The session, once the caller gave one or ``_init_sagemaker_session_if_does_not_exist`` made one."""
        return required(self.sagemaker_session, "sagemaker_session")

    def _init_sagemaker_session_if_does_not_exist(self, instance_type: Optional[str] = None) -> None:
        if not self.sagemaker_session:
            from sagemaker_estimators.session_factory import default_session

            self.sagemaker_session = default_session(instance_type)
        self._apply_sagemaker_config()

    def _apply_sagemaker_config(self) -> None:
        """Fill role, VPC config and network isolation the user left unset from ``SageMaker.Model`` defaults."""
        from sagemaker_estimators.config.apply import model_defaults
        from sagemaker_estimators.config.resolve import config_of

        resolved = model_defaults(config_of(self.sagemaker_session), role=self.role, vpc_config=self.vpc_config,
                                  enable_network_isolation=self._enable_network_isolation)
        self.role = resolved["role"]
        self.vpc_config = resolved["vpc_config"]
        self._enable_network_isolation = resolved["enable_network_isolation"]

    def _local_code(self) -> bool:
        session = self.sagemaker_session
        config = getattr(session, "config", None) or {}
        return bool(getattr(session, "local_mode", False) and config.get("local", {}).get("local_code"))

    def _get_model_uri(self) -> Optional[str]:
        if isinstance(self.model_data, str):
            return self.model_data
        if isinstance(self.model_data, dict):
            return self.model_data.get("S3DataSource", {}).get("S3Uri")
        return None

    def _ensure_base_name_if_needed(self, image_uri: str, script_uri: Optional[str] = None,
                                    model_uri: Optional[str] = None) -> None:
        if self.name is None:
            self._base_name = self._base_name or utils.base_name_from_image(image_uri, default_base_name="Model")

    def _set_model_name_if_needed(self) -> None:
        if self._base_name:
            self.name = utils.name_from_base(self._base_name)

    def enable_network_isolation(self) -> bool:
        """Whether the model's container runs without network access."""
        return bool(self._enable_network_isolation)

    def is_repack(self) -> bool:
        """Whether the code is packed into the model archive (source_dir and entry_point given)."""
        return bool(self.source_dir and self.entry_point and not self.git_config)

    # code -------------------------------------------------------------------------------
    def _code_bucket_and_prefix(self, key_prefix: str) -> tuple:
        if self.bucket:
            return self.bucket, key_prefix
        session = self._active_session()
        return session.default_bucket(), s3_path_join(getattr(session, "default_bucket_prefix", None), key_prefix)

    def _upload_code(self, key_prefix: str, repack: bool = False) -> None:
        """Upload the code (``sourcedir.tar.gz``) or repack it into the model archive, and keep what was
        prepared (``uploaded_code`` and ``repacked_model_data`` read it).

        With local code in local mode nothing is uploaded or repacked and no AWS
        call is made.
        """
        if self._local_code():
            self.uploaded_code = None
            return
        bucket, key_prefix = self._code_bucket_and_prefix(key_prefix)
        if self.entry_point is None:
            self.uploaded_code = None
            return
        destination = CodeDestination.in_s3(bucket, key_prefix, self.model_kms_key)
        source = CodeSource(self.entry_point, self.source_dir, self.dependencies)
        if not repack:
            keep_prepared_code(self, stage_code(self._active_session(), source, lambda: destination))
        elif isinstance(self.model_data, dict):
            logger.warning("ModelDataSource currently doesn't support model repacking")
        elif self.model_data is not None:
            keep_prepared_code(self, stage_code(self._active_session(), source, lambda: destination,
                                                repack_model_data=self.model_data))

    def _script_mode_env_vars(self) -> Dict[str, str]:
        """SAGEMAKER_PROGRAM, SAGEMAKER_SUBMIT_DIRECTORY, SAGEMAKER_CONTAINER_LOG_LEVEL, SAGEMAKER_REGION."""
        script_name = self.env.get(SCRIPT_PARAM_NAME, "")
        dir_name = self.env.get(DIR_PARAM_NAME, "")
        if self.uploaded_code:
            script_name = self.uploaded_code.script_name
            if self.repacked_model_data or self.enable_network_isolation():
                dir_name = REPACKED_CODE_DIR
            else:
                dir_name = self.uploaded_code.s3_prefix
        elif self.entry_point is not None:
            script_name = self.entry_point
            if self.source_dir is not None:
                dir_name = self.source_dir if self.source_dir.startswith("s3://") else \
                    "file://" + os.path.abspath(self.source_dir)
            elif self._local_code():
                script_name = os.path.basename(self.entry_point)
                dir_name = "file://" + os.path.dirname(os.path.abspath(self.entry_point))
        return {
            SCRIPT_PARAM_NAME: script_name,
            DIR_PARAM_NAME: dir_name,
            CONTAINER_LOG_LEVEL_PARAM_NAME: str(self.container_log_level),
            REGION_PARAM_NAME: self._active_session().boto_region_name,
        }

    # container and model ----------------------------------------------------------------
    def prepare_container_def(self, instance_type: Optional[str] = None, accelerator_type: Optional[str] = None,
                              serverless_inference_config: Any = None, accept_eula: Optional[bool] = None,
                              model_reference_arn: Optional[str] = None) -> Dict[str, Any]:
        """The container definition for CreateModel (uploads or repacks code when there is any)."""
        if not self.image_uri:
            raise ValueError("image_uri is required to deploy a Model: pass the inference image's URI.")
        deploy_env = copy.deepcopy(self.env)
        if self.source_dir or self.dependencies or self.entry_point:
            self._upload_code(model_code_key_prefix(self.key_prefix, self.name, self.image_uri),
                              repack=self.is_repack())
            deploy_env.update(self._script_mode_env_vars())
        return self._container(self.image_uri, self.repacked_model_data or self.model_data, deploy_env,
                               accept_eula=accept_eula, model_reference_arn=model_reference_arn)

    def _container(self, image: str, model_data: Any, env: Dict[str, str], accept_eula: Optional[bool] = None,
                   model_reference_arn: Optional[str] = None, image_config: Any = "default") -> Dict[str, Any]:
        path = local_model_data_path(model_data)
        if path is not None and getattr(self.sagemaker_session, "local_mode", False):
            model_data = "file://" + os.path.abspath(path)  # local mode reads a bare path as a file URI
        return req.container_def(
            image, model_data, env,
            image_config=self.image_config if image_config == "default" else image_config,
            accept_eula=accept_eula if accept_eula is not None else self.accept_eula,
            additional_model_data_sources=self.additional_model_data_sources,
            model_reference_arn=model_reference_arn if model_reference_arn is not None else self.model_reference_arn,
        )

    def _create_sagemaker_model(self, instance_type: Optional[str] = None, accelerator_type: Optional[str] = None,
                                tags: Any = None, serverless_inference_config: Any = None,
                                accept_eula: Optional[bool] = None, model_reference_arn: Optional[str] = None) -> None:
        self._init_sagemaker_session_if_does_not_exist(instance_type)
        self._validate_model_settings()
        if self.model_package_arn is not None or self.algorithm_arn is not None:
            raise _unsupported("Model packages and algorithms", "deploy the model's image and artifacts.")
        container = self.prepare_container_def(instance_type, accelerator_type=accelerator_type,
                                               serverless_inference_config=serverless_inference_config,
                                               accept_eula=accept_eula, model_reference_arn=model_reference_arn)
        self._ensure_base_name_if_needed(container["Image"], self.source_dir, self._get_model_uri())
        self._set_model_name_if_needed()
        if self.role is None:
            raise ValueError("Role can not be null for deploying a model")
        self._active_session().create_model(
            name=required(self.name, "model name"), role=self.role, container_defs=container,
            vpc_config=self.vpc_config,
            enable_network_isolation=self._enable_network_isolation,
            tags=tags if isinstance(tags, list) else format_tags(tags),
        )

    def create(self, instance_type: Optional[str] = None, accelerator_type: Optional[str] = None,
               serverless_inference_config: Any = None, tags: Any = None, accept_eula: Optional[bool] = None,
               model_reference_arn: Optional[str] = None) -> None:
        """Create the SageMaker model (CreateModel) without an endpoint."""
        check_deploy_arguments(instance_type=instance_type, require_resources=False,
                               serverless_inference_config=serverless_inference_config)
        self._create_sagemaker_model(instance_type=instance_type, accelerator_type=accelerator_type,
                                     tags=format_tags(tags), serverless_inference_config=serverless_inference_config,
                                     accept_eula=accept_eula, model_reference_arn=model_reference_arn)

    def deploy(
        self,
        initial_instance_count: Optional[int] = None,
        instance_type: Optional[str] = None,
        serializer: Any = None,
        deserializer: Any = None,
        accelerator_type: Optional[str] = None,
        endpoint_name: Optional[str] = None,
        tags: Any = None,
        kms_key: Optional[str] = None,
        wait: bool = True,
        data_capture_config: Any = None,
        async_inference_config: Any = None,
        serverless_inference_config: Any = None,
        volume_size: Optional[int] = None,
        model_data_download_timeout: Optional[int] = None,
        container_startup_health_check_timeout: Optional[int] = None,
        inference_recommendation_id: Optional[str] = None,
        explainer_config: Any = None,
        accept_eula: Optional[bool] = None,
        endpoint_logging: bool = False,
        resources: Any = None,
        endpoint_type: Any = None,
        managed_instance_scaling: Any = None,
        inference_component_name: Optional[str] = None,
        routing_config: Optional[Dict[str, Any]] = None,
        model_reference_arn: Optional[str] = None,
        inference_ami_version: Optional[str] = None,
        update_endpoint: bool = False,
        **kwargs: Any,
    ):
        """Create the model, an endpoint config and an endpoint; return ``predictor_cls(endpoint, session)``.

        Every argument is checked before anything is created.  Returns None when
        the model has no ``predictor_cls`` (as V2 does).
        """
        if kwargs:  # V2's Model.deploy takes **kwargs and ignores them
            from sagemaker_estimators.validation import warn_unknown_kwargs

            warn_unknown_kwargs("deploy", kwargs, ["initial_instance_count", "instance_type", "serializer",
                                                   "deserializer", "endpoint_name", "tags", "wait"])
        if resources is not None or inference_component_name is not None or managed_instance_scaling is not None \
                or str(getattr(endpoint_type, "value", endpoint_type or "ModelBased")) != "ModelBased":
            raise _unsupported("Inference-component endpoints (resources, endpoint_type, inference_component_name, "
                               "managed_instance_scaling)", "deploy a model-based endpoint.")
        if inference_recommendation_id is not None:
            raise _unsupported("inference_recommendation_id", "pass instance_type and initial_instance_count.")
        DeployOptions.from_arguments(locals()).check()
        self.accept_eula = accept_eula
        self._init_sagemaker_session_if_does_not_exist(instance_type)
        if is_local_instance_type(instance_type) and not getattr(self.sagemaker_session, "local_mode", False):
            from sagemaker_estimators.validation import ConfigurationError

            raise ConfigurationError(
                f"instance_type={instance_type!r} needs a LocalSession: pass sagemaker_session=LocalSession() "
                "to the model (or leave sagemaker_session unset)."
            )
        self.add_tags(tags)
        tags = format_tags(self._tags)
        if self.role is None:
            raise ValueError("Role can not be null for deploying a model")
        if self._is_compiled_model:
            raise _unsupported("Compiled (Neo) models", "deploy the uncompiled model.")
        is_serverless = serverless_inference_config is not None
        routing = self._routing_config(routing_config)
        self._create_sagemaker_model(instance_type=instance_type, accelerator_type=accelerator_type, tags=tags,
                                     serverless_inference_config=serverless_inference_config,
                                     accept_eula=accept_eula, model_reference_arn=model_reference_arn)
        serverless_dict = serverless_inference_config._to_request_dict() if is_serverless else None
        variant = req.production_variant(
            self.name, instance_type, initial_instance_count, accelerator_type=accelerator_type,
            serverless_inference_config=serverless_dict, volume_size=volume_size,
            model_data_download_timeout=model_data_download_timeout,
            container_startup_health_check_timeout=container_startup_health_check_timeout,
            routing_config=routing, inference_ami_version=inference_ami_version,
        )
        self.endpoint_name = endpoint_name or utils.name_from_base(
            self._base_name or utils.base_from_name(required(self.name, "model name")))
        capture = data_capture_config._to_request_dict() if data_capture_config is not None else None
        async_dict = None
        if async_inference_config is not None:
            self._default_async_paths(async_inference_config)
            async_dict = async_inference_config._to_request_dict()
        explainer = explainer_config._to_request_dict() if explainer_config is not None else None
        if update_endpoint:
            config_name = self._active_session().create_endpoint_config(
                name=required(self.name, "model name"), model_name=self.name,
                initial_instance_count=initial_instance_count,
                instance_type=instance_type, accelerator_type=accelerator_type, tags=tags, kms_key=kms_key,
                data_capture_config_dict=capture, volume_size=volume_size,
                model_data_download_timeout=model_data_download_timeout,
                container_startup_health_check_timeout=container_startup_health_check_timeout,
                explainer_config_dict=explainer, async_inference_config_dict=async_dict,
                serverless_inference_config_dict=serverless_dict, routing_config=routing,
                inference_ami_version=inference_ami_version,
            )
            self._active_session().update_endpoint(self.endpoint_name, config_name, wait=wait)
        else:
            self._active_session().endpoint_from_production_variants(
                name=self.endpoint_name, production_variants=[variant], tags=tags, kms_key=kms_key, wait=wait,
                data_capture_config_dict=capture, explainer_config_dict=explainer,
                async_inference_config_dict=async_dict, live_logging=endpoint_logging,
            )
        if not self.predictor_cls:
            return None
        predictor = self.predictor_cls(self.endpoint_name, self.sagemaker_session)
        if serializer:
            predictor.serializer = serializer
        if deserializer:
            predictor.deserializer = deserializer
        if async_inference_config is not None:
            logger.warning("Endpoint %s is asynchronous: invoke it with invoke_endpoint_async; the returned "
                           "predictor's predict() calls the synchronous API.", self.endpoint_name)
        return predictor

    @staticmethod
    def _routing_config(routing_config: Optional[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
        if routing_config is None:
            return None
        strategy = routing_config.get("RoutingStrategy")
        if strategy is not None and hasattr(strategy, "name"):
            return {"RoutingStrategy": strategy.name}
        return routing_config

    def _default_async_paths(self, config: Any) -> None:
        if getattr(config, "output_path", None) is not None and getattr(config, "failure_path", None) is not None:
            return
        session = self._active_session()
        folder = utils.unique_name_from_base(required(self.name, "model name"))
        for attribute, root in (("output_path", "async-endpoint-outputs"), ("failure_path", "async-endpoint-failures")):
            if getattr(config, attribute, None) is None:
                setattr(config, attribute, s3_path_join("s3://", session.default_bucket(),
                                                        session.default_bucket_prefix, root, folder))

    def transformer(self, instance_count: int, instance_type: str, strategy: Optional[str] = None,
                    assemble_with: Optional[str] = None, output_path: Optional[str] = None,
                    output_kms_key: Optional[str] = None, accept: Optional[str] = None,
                    env: Optional[Dict[str, str]] = None, max_concurrent_transforms: Optional[int] = None,
                    max_payload: Optional[int] = None, tags: Any = None, volume_kms_key: Optional[str] = None):
        """Create the model and return a Transformer for batch transform with it."""
        from sagemaker_estimators.serving.transformer import Transformer

        check_transform_resources(instance_count, instance_type, strategy=strategy, assemble_with=assemble_with,
                                  output_path=output_path, env=env)
        self._init_sagemaker_session_if_does_not_exist(instance_type)
        tags = format_tags(tags)
        self._create_sagemaker_model(instance_type, tags=tags)
        if self.enable_network_isolation():
            env = None
        return Transformer(
            required(self.name, "model name"), instance_count, instance_type, strategy=strategy,
            assemble_with=assemble_with,
            output_path=output_path, output_kms_key=output_kms_key, accept=accept,
            max_concurrent_transforms=max_concurrent_transforms, max_payload=max_payload, env=env, tags=tags,
            base_transform_job_name=self._base_name or self.name, volume_kms_key=volume_kms_key,
            sagemaker_session=self.sagemaker_session,
        )

    def delete_model(self) -> None:
        """Delete the SageMaker model; ValueError when it was never created."""
        if self.name is None:
            raise ValueError("The SageMaker model must be created first before attempting to delete.")
        self._active_session().delete_model(self.name)

    # V2 features this project does not provide ----------------------------------------------
    @classmethod
    def attach(cls, endpoint_name: str, inference_component_name: Optional[str] = None,
               sagemaker_session: Optional[SessionLike] = None):
        """Not provided (V2 raises NotImplementedError too): use ``Predictor(endpoint_name=...)``."""
        raise NotImplementedError("Model.attach is not implemented (as in V2): use Predictor(endpoint_name=...).")

    def register(self, *args: Any, **kwargs: Any):
        raise _unsupported("Model.register (model registry)", "use SageMaker Python SDK V3 for model packages.")

    def compile(self, *args: Any, **kwargs: Any):
        raise _unsupported("Model.compile (SageMaker Neo)", "use SageMaker Python SDK V3 for compilation.")

    def package_for_edge(self, *args: Any, **kwargs: Any):
        raise _unsupported("Model.package_for_edge", "use SageMaker Python SDK V3.")

    def right_size(self, *args: Any, **kwargs: Any):
        raise _unsupported("Model.right_size (Inference Recommender)", "use SageMaker Python SDK V3.")

    def tune(self, *args: Any, **kwargs: Any):
        raise _unsupported("Model.tune", "use SageMaker Python SDK V3 ModelBuilder.")


class FrameworkModel(Model):
    """A Model whose inference code runs in a framework image (script mode).

    The code is uploaded as ``sourcedir.tar.gz`` (or repacked into the model
    archive) and located through the ``SAGEMAKER_*`` environment.
    """

    def __init__(
        self,
        model_data: Any,
        image_uri: Optional[str],
        role: Optional[str] = None,
        entry_point: Optional[str] = None,
        source_dir: Optional[str] = None,
        predictor_cls: Optional[Callable] = None,
        env: Optional[Dict[str, str]] = None,
        name: Optional[str] = None,
        container_log_level: int = logging.INFO,
        code_location: Optional[str] = None,
        sagemaker_session: Optional[SessionLike] = None,
        dependencies: Optional[List[str]] = None,
        git_config: Optional[Dict[str, str]] = None,
        **kwargs: Any,
    ):
        super().__init__(
            image_uri, model_data, role, predictor_cls=predictor_cls, env=env, name=name,
            sagemaker_session=sagemaker_session, source_dir=source_dir, code_location=code_location,
            entry_point=entry_point, container_log_level=container_log_level, dependencies=dependencies,
            git_config=git_config, **kwargs,
        )

    def is_repack(self) -> bool:
        """Repack when source_dir and entry_point are given and no code_location prefix is set."""
        return bool(self.source_dir and self.entry_point and not (self.key_prefix or self.git_config))


class FrameworkServingModel(FrameworkModel):
    """Shared deploy logic of the framework models: image from the registry, code, worker count.

    Subclasses set ``_framework_name`` and implement :meth:`serving_image_uri`
    and :meth:`_repack_code`; ``_use_repacked_data`` says whether the container
    gets the repacked archive whenever one exists (PyTorch, HuggingFace) or only
    under network isolation (XGBoost, SKLearn).
    """

    _framework_name: Optional[str] = None
    _needs_instance_type = True
    _use_repacked_data = True
    model_server_workers: Optional[int] = None

    def serving_image_uri(self, region_name: str, instance_type: Optional[str], accelerator_type: Optional[str] = None,
                          serverless_inference_config: Any = None) -> str:
        """The framework's inference image (each framework model looks its own up)."""
        raise NotImplementedError

    def _repack_code(self) -> bool:
        return self.enable_network_isolation()

    def _repacks_model_data(self) -> bool:
        return self._repack_code()

    def _deploy_image(self, instance_type: Optional[str], accelerator_type: Optional[str],
                      serverless_inference_config: Any, **extra: Any) -> str:
        if self.image_uri:
            return self.image_uri
        if self._needs_instance_type and instance_type is None and serverless_inference_config is None:
            raise ValueError("Must supply either an instance type (for choosing CPU vs GPU) or an image URI.")
        return self.serving_image_uri(self._active_session().boto_region_name, instance_type,
                                      accelerator_type=accelerator_type,
                                      serverless_inference_config=serverless_inference_config, **extra)

    def prepare_container_def(self, instance_type: Optional[str] = None, accelerator_type: Optional[str] = None,
                              serverless_inference_config: Any = None, accept_eula: Optional[bool] = None,
                              model_reference_arn: Optional[str] = None, **extra: Any) -> Dict[str, Any]:
        """The framework container: registry image, code upload or repack, ``SAGEMAKER_*`` environment."""
        self._init_sagemaker_session_if_does_not_exist(instance_type)
        image = self._deploy_image(instance_type, accelerator_type, serverless_inference_config, **extra)
        self._upload_code(model_code_key_prefix(self.key_prefix, self.name, image), repack=self._repack_code())
        deploy_env = dict(self.env)
        deploy_env.update(self._script_mode_env_vars())
        if self.model_server_workers:
            deploy_env[MODEL_SERVER_WORKERS_PARAM_NAME] = str(self.model_server_workers)
        if self._use_repacked_data:
            model_data = self.repacked_model_data or self.model_data
        else:
            model_data = self.repacked_model_data if self.enable_network_isolation() else self.model_data
        return self._container(image, model_data, deploy_env, accept_eula=accept_eula,
                               model_reference_arn=model_reference_arn, image_config=self._image_config_sent())

    def _image_config_sent(self) -> Any:
        return None
