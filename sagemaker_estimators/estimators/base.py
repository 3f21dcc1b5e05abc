"""``EstimatorBase`` and the generic ``Estimator`` (``sagemaker.estimator``).

Construction validates every argument (nothing touches AWS); ``fit()`` then
resolves what needs AWS (default bucket, code upload, role ARN), builds the
CreateTrainingJob request with :mod:`sagemaker_estimators.request_builders.training`
and sends it through the session.
"""
from __future__ import annotations

import logging
import os
from typing import Any, Dict, List, Optional, Union

from sagemaker_estimators import utils
from sagemaker_estimators.estimators import debugger as dbg
from sagemaker_estimators.estimators import parameters as params
from sagemaker_estimators.request_builders import training as req
from sagemaker_estimators.estimators.job_updates import TrainingJobUpdatesMixin
from sagemaker_estimators.estimators.training_job import TrainingJob
from sagemaker_estimators.inputs import TrainingInput
from sagemaker_estimators.image_uris.instances import is_local_instance_type
from sagemaker_estimators.staging.attributes import PreparedAttribute, keep_prepared_code
from sagemaker_estimators.staging.checks import validate_code_arguments
from sagemaker_estimators.staging.code import CodeSource, PreparedCode, stage_code, training_code_destination
from sagemaker_estimators.validation import (
    ConfigurationError,
    check_instance_type,
    check_positive_int,
    check_str,
    format_tags,
    warn_unknown_kwargs,
)
from sagemaker_estimators.validation import VPC_CONFIG_DEFAULT

logger = logging.getLogger(__name__)

#: V2's sentinel meaning "use the estimator's own VPC config"

#: the constructor arguments the SageMaker defaults config fills in when unset (and what it reads to do so)
CONFIG_DEFAULTED = ("role", "output_kms_key", "volume_kms_key", "subnets", "security_group_ids",
                    "encrypt_inter_container_traffic", "debugger_hook_config", "enable_network_isolation",
                    "disable_profiler", "environment", "instance_type", "instance_groups")

#: SageMaker SDK v1 keyword names and their V2 names
V1_RENAMED_KWARGS = {
    "train_instance_count": "instance_count",
    "train_instance_type": "instance_type",
    "train_max_run": "max_run",
    "train_use_spot_instances": "use_spot_instances",
    "train_max_wait": "max_wait",
    "train_volume_size": "volume_size",
    "train_volume_kms_key": "volume_kms_key",
}


def renamed_kwargs(kwargs: Dict[str, Any], values: Dict[str, Any]) -> None:
    """Move SDK v1 keyword names in ``kwargs`` to their V2 names in ``values``, with V2's message."""
    for old, new in V1_RENAMED_KWARGS.items():
        if old in kwargs:
            logger.warning(
                "%s has been renamed in sagemaker>=2.\nSee: "
                "https://sagemaker.readthedocs.io/en/stable/v2.html for details.", old
            )
            values[new] = kwargs.pop(old)


class EstimatorBase(TrainingJobUpdatesMixin):
    """Base of all estimators: the training job's resources, I/O, security and run settings.

    The parameters are V2's (see the V2 documentation of
    ``sagemaker.estimator.EstimatorBase``); SDK v1 names such as
    ``train_instance_count`` are accepted with a "renamed" message.
    """

    JOB_CLASS_NAME = "training-job"
    LAUNCH_PT_XLA_ENV_NAME = "sagemaker_pytorch_xla_multi_worker_enabled"
    CONTAINER_CODE_CHANNEL_SOURCEDIR_PATH = "/opt/ml/input/data/code/sourcedir.tar.gz"
    #: framework name used by V2's debugger rules (None for generic images)
    _framework_name: Optional[str] = None

    # The code paths and where the code went, as V2 shows them after fit(): read from the code
    # fit() prepared (see _prepare_code), or what was assigned last (the constructor, attach()).
    entry_point = PreparedAttribute(lambda code: code.entry_point, "The script; in local mode after fit(), "
                                    "its name in source_dir (as V2 shows it).")
    source_dir = PreparedAttribute(lambda code: code.source_dir, "The code folder (local or an S3 "
                                   "sourcedir.tar.gz); in local mode after fit(), the script's folder.")
    uploaded_code = PreparedAttribute(lambda code: code.uploaded_code, "The uploaded code archive and the "
                                      "script's name in it (V2's UploadedCode), after fit().")
    code_uri = PreparedAttribute(lambda code: code.code_channel_uri, "The code channel's S3 URI (network "
                                 "isolation only), after fit().")
    #: the script-mode hyperparameters of the code fit() prepared (sagemaker_program, ...)
    _code_hyperparameters: Optional[Dict[str, Any]] = None

    # the constructor's stored arguments (declared in .parameters, set by __init__), typed for readers
    role: str
    instance_count: Optional[int]
    instance_type: Optional[str]
    keep_alive_period_in_seconds: Optional[int]
    volume_size: int
    volume_kms_key: Optional[str]
    max_run: int
    input_mode: str
    output_path: Optional[str]
    output_kms_key: Optional[str]
    base_job_name: Optional[str]
    sagemaker_session: Any
    tags: Any
    subnets: Optional[List[str]]
    security_group_ids: Optional[List[str]]
    model_uri: Optional[str]
    model_channel_name: str
    metric_definitions: Optional[List[Dict[str, str]]]
    encrypt_inter_container_traffic: bool
    use_spot_instances: bool
    max_wait: Optional[int]
    checkpoint_s3_uri: Optional[str]
    checkpoint_local_path: Optional[str]
    rules: Optional[list]
    debugger_hook_config: Any
    tensorboard_output_config: Any
    enable_sagemaker_metrics: Optional[bool]
    _enable_network_isolation: bool
    profiler_config: Any
    disable_profiler: bool
    environment: Optional[Dict[str, str]]
    max_retry_attempts: Optional[int]
    git_config: Optional[Dict[str, str]]
    _hyperparameters: Dict[str, Any]
    container_log_level: int
    code_location: Optional[str]
    dependencies: List[str]
    instance_groups: Optional[list]
    training_repository_access_mode: Optional[str]
    training_repository_credentials_provider_arn: Optional[str]
    enable_infra_check: Optional[bool]
    container_entry_point: Optional[List[str]]
    container_arguments: Optional[List[str]]
    disable_output_compression: bool
    _enable_remote_debug: Optional[bool]
    _enable_session_tag_chaining: Optional[bool]
    training_plan: Optional[str]
    instance_placement_config: Optional[Dict[str, Any]]

    def __init__(
        self,
        role: Optional[str] = None,
        instance_count: Optional[int] = None,
        instance_type: Optional[str] = None,
        keep_alive_period_in_seconds: Optional[int] = None,
        volume_size: int = 30,
        volume_kms_key: Optional[str] = None,
        max_run: int = 24 * 60 * 60,
        input_mode: str = "File",
        output_path: Optional[str] = None,
        output_kms_key: Optional[str] = None,
        base_job_name: Optional[str] = None,
        sagemaker_session: Any = None,
        tags: Any = None,
        subnets: Optional[List[str]] = None,
        security_group_ids: Optional[List[str]] = None,
        model_uri: Optional[str] = None,
        model_channel_name: str = "model",
        metric_definitions: Optional[List[Dict[str, str]]] = None,
        encrypt_inter_container_traffic: Optional[bool] = None,
        use_spot_instances: bool = False,
        max_wait: Optional[int] = None,
        checkpoint_s3_uri: Optional[str] = None,
        checkpoint_local_path: Optional[str] = None,
        rules: Optional[list] = None,
        debugger_hook_config: Any = None,
        tensorboard_output_config: Optional[dbg.TensorBoardOutputConfig] = None,
        enable_sagemaker_metrics: Optional[bool] = None,
        enable_network_isolation: Optional[bool] = None,
        profiler_config: Optional[dbg.ProfilerConfig] = None,
        disable_profiler: Optional[bool] = None,
        environment: Optional[Dict[str, str]] = None,
        max_retry_attempts: Optional[int] = None,
        source_dir: Optional[str] = None,
        git_config: Optional[Dict[str, str]] = None,
        hyperparameters: Optional[Union[Dict[str, Any], str]] = None,
        container_log_level: int = logging.INFO,
        code_location: Optional[str] = None,
        entry_point: Optional[str] = None,
        dependencies: Optional[List[str]] = None,
        instance_groups: Optional[list] = None,
        training_repository_access_mode: Optional[str] = None,
        training_repository_credentials_provider_arn: Optional[str] = None,
        enable_infra_check: Optional[bool] = None,
        container_entry_point: Optional[List[str]] = None,
        container_arguments: Optional[List[str]] = None,
        disable_output_compression: bool = False,
        enable_remote_debug: Optional[bool] = None,
        enable_session_tag_chaining: Optional[bool] = None,
        training_plan: Optional[str] = None,
        instance_placement_config: Optional[Dict[str, Any]] = None,
        **kwargs: Any,
    ):
        arguments = params.constructor_arguments(locals())
        renamed_kwargs(kwargs, arguments)
        if kwargs:
            # V2's EstimatorBase takes **kwargs and drops what it does not know (script_mode=True, env=...)
            warn_unknown_kwargs(type(self).__name__, kwargs, self._accepted_kwargs())
        # Only what V2 refuses at construction is refused here; every declared check runs in
        # fit() (see _validate_job_settings), before anything is uploaded or created.
        self._refuse_at_construction(arguments)
        session = self._session_for(arguments["instance_type"], sagemaker_session, arguments["instance_count"])
        arguments["sagemaker_session"] = session
        from sagemaker_estimators.config.apply import estimator_defaults
        from sagemaker_estimators.config.resolve import config_of

        # unset arguments take the SageMaker defaults config's values (V2's precedence); the half-VPC
        # check above is on the caller's arguments, as V2 makes it (V2 accepts what the config fills in)
        arguments.update(estimator_defaults(config_of(session), **{name: arguments[name] for name in CONFIG_DEFAULTED}))
        self._refuse_output_path_and_role(arguments)
        for attribute, value in params.stored_values(arguments).items():
            setattr(self, attribute, value)
        if self.checkpoint_local_path and not self.checkpoint_s3_uri:
            logger.warning("checkpoint_local_path=%r is ignored without checkpoint_s3_uri: SageMaker only uses a "
                           "local checkpoint path together with the S3 URI it syncs to (V2 drops it too).",
                           self.checkpoint_local_path)
        region = session.boto_region_name
        if not dbg.region_supports_profiler(region) or dbg.instance_type_disables_profiler(self.instance_type):
            self.disable_profiler = True
        self.code_uri = None
        self.code_channel_name = "code"
        self.uploaded_code = None
        self._current_job_name: Optional[str] = None
        self.latest_training_job: Optional[TrainingJob] = None
        self.jobs: List[TrainingJob] = []
        self.deploy_instance_type: Optional[str] = None
        self.debugger_rule_configs = None
        self.collection_configs: Optional[List[dbg.CollectionConfig]] = None
        self.profiler_rule_configs = None
        self._output_path_from_default_bucket = False

    # construction helpers ----------------------------------------------------------
    @staticmethod
    def _refuse_at_construction(arguments: Dict[str, Any]) -> None:
        """The argument combinations V2's constructor itself refuses."""
        instance_count, subnets, security_group_ids = (arguments["instance_count"], arguments["subnets"],
                                                       arguments["security_group_ids"])
        if arguments["instance_type"] == "local_gpu" and isinstance(instance_count, int) and instance_count > 1:
            raise ConfigurationError("Distributed Training in Local GPU is not supported. Set instance_count to 1.")
        if (subnets is None) != (security_group_ids is None):
            raise ConfigurationError(
                "When setting up custom VPC, both subnets and security_group_ids must be set "
                f"(got subnets={subnets!r}, security_group_ids={security_group_ids!r})."
            )

    @staticmethod
    def _refuse_output_path_and_role(arguments: Dict[str, Any]) -> None:
        """V2's constructor refuses a file:// output path outside local mode and a missing role."""
        output_path = arguments["output_path"]
        if (
            output_path
            and not arguments["sagemaker_session"].local_mode
            and isinstance(output_path, str)
            and output_path.startswith("file://")
        ):
            raise ConfigurationError(
                f"output_path={output_path!r}: file:// output paths are only supported in local mode "
                "(instance_type 'local', 'local_gpu' or 'local_process'); use an s3:// path."
            )
        if not arguments["role"]:
            raise ValueError(
                "An AWS IAM role is required to create an estimator. Please provide a valid `role` "
                "argument with the ARN of an IAM role that has the necessary SageMaker permissions."
            )

    @classmethod
    def _accepted_kwargs(cls) -> List[str]:
        import inspect

        names = set(V1_RENAMED_KWARGS)
        for klass in cls.__mro__:
            init = klass.__dict__.get("__init__")
            if init is None:
                continue
            for parameter in inspect.signature(init).parameters.values():
                if parameter.kind not in (parameter.VAR_KEYWORD, parameter.VAR_POSITIONAL):
                    names.add(parameter.name)
        names.discard("self")
        return sorted(names)

    def _validate_job_settings(self) -> None:
        """Every check of the constructor's arguments that V2 defers to fit(); raises before any upload.

        The per-parameter checks are declared in :mod:`.parameters`; the combinations are checked here.
        """
        self._validate_resources(self.instance_count, self.instance_type, self.instance_groups, self.volume_size,
                                 self.max_run)
        params.check_values(self._declared_values())
        if self.max_wait is not None and not self.use_spot_instances:
            raise ValueError(
                f"max_wait={self.max_wait!r} is only valid with use_spot_instances=True "
                "(it bounds the wait for spot capacity); drop it or enable spot training."
            )
        if self.use_spot_instances and self.max_wait is not None and self.max_wait < self.max_run:
            raise ValueError(f"max_wait={self.max_wait!r} must be >= max_run={self.max_run!r} for spot training.")
        self.tags = format_tags(self.tags)

    def _declared_values(self) -> Dict[str, Any]:
        """Parameter name -> this estimator's stored value, for every constructor parameter."""
        return {p.name: getattr(self, p.attribute, None) for p in params.CONSTRUCTOR_PARAMETERS}

    @staticmethod
    def _validate_resources(instance_count, instance_type, instance_groups, volume_size, max_run) -> None:
        if instance_groups is None:
            if instance_count is None or instance_type is None:
                raise ValueError(
                    "instance_count and instance_type must be set if instance_groups is not set "
                    f"(got instance_count={instance_count!r}, instance_type={instance_type!r})."
                )
            check_positive_int("instance_count", instance_count)
            check_instance_type("instance_type", instance_type)
            if instance_type == "local_gpu" and instance_count > 1:
                raise ConfigurationError(
                    "Distributed Training in Local GPU is not supported. Set instance_count to 1."
                )
        else:
            if instance_count is not None or instance_type is not None:
                raise ValueError("instance_count and instance_type cannot be set when instance_groups is set")
            if not isinstance(instance_groups, (list, tuple)) or not instance_groups:
                raise TypeError(f"instance_groups must be a non-empty list of InstanceGroup, got {instance_groups!r}")
            for group in instance_groups:
                if not hasattr(group, "_to_request_dict"):
                    raise TypeError(f"instance_groups item {group!r} is not an InstanceGroup")

    @staticmethod
    def _session_for(instance_type: Optional[str], sagemaker_session: Any, instance_count: Optional[int]) -> Any:
        if is_local_instance_type(instance_type):
            from sagemaker_estimators.session_factory import default_session

            session = sagemaker_session or default_session(instance_type)
            if not getattr(session, "local_mode", False):
                raise ConfigurationError(
                    f"instance_type={instance_type!r} is only supported with a LocalSession "
                    "(sagemaker.local.LocalSession); pass sagemaker_session=LocalSession() or leave it unset."
                )
            return session
        if sagemaker_session is not None:
            return sagemaker_session
        from sagemaker_estimators.session_factory import default_session

        return default_session(instance_type)

    # V2 API ------------------------------------------------------------------------
    def training_image_uri(self) -> str:
        """The training image (subclasses decide)."""
        raise NotImplementedError

    def hyperparameters(self) -> Dict[str, Any]:
        """The hyperparameters as the user set them (encoding happens in the request)."""
        raise NotImplementedError

    def enable_network_isolation(self) -> bool:
        """Whether the job runs without network access."""
        return self._enable_network_isolation

    def get_vpc_config(self, vpc_config_override: Any = VPC_CONFIG_DEFAULT) -> Optional[Dict[str, Any]]:
        """VpcConfig of this estimator, or ``vpc_config_override`` when given (None drops it)."""
        if vpc_config_override == VPC_CONFIG_DEFAULT:
            return req.vpc_config(self.subnets, self.security_group_ids)
        if vpc_config_override is None:
            return None
        if not isinstance(vpc_config_override, dict) or not {"Subnets", "SecurityGroupIds"} <= set(vpc_config_override):
            raise ValueError(
                f"vpc_config_override={vpc_config_override!r} must be a dict with 'Subnets' and 'SecurityGroupIds'"
            )
        return {"Subnets": list(vpc_config_override["Subnets"]),
                "SecurityGroupIds": list(vpc_config_override["SecurityGroupIds"])}

    @property
    def _current_job_name_or_error(self) -> str:
        if self._current_job_name is None:
            raise ValueError("Estimator is not associated with a training job")
        return self._current_job_name

    def _ensure_base_job_name(self) -> str:
        if not self.base_job_name:
            self.base_job_name = utils.base_name_from_image(self.training_image_uri(), self.JOB_CLASS_NAME)
        return self.base_job_name

    def _get_or_create_name(self, name: Optional[str] = None) -> str:
        if name:
            return name
        return utils.name_from_base(self._ensure_base_job_name())

    def _local_code(self) -> bool:
        config = getattr(self.sagemaker_session, "config", None) or {}
        return bool(self.sagemaker_session.local_mode and config.get("local", {}).get("local_code"))

    def _prepare_for_training(self, job_name: Optional[str] = None) -> None:
        """Resolve the job name, the output path and the code location (may touch S3)."""
        self._current_job_name = self._get_or_create_name(job_name)
        if self.output_path is None:
            if self._local_code():
                self.output_path = ""
            else:
                from sagemaker_estimators.s3_paths import s3_path_join

                self.output_path = s3_path_join(
                    "s3://", self.sagemaker_session.default_bucket(),
                    self.sagemaker_session.default_bucket_prefix, with_end_slash=True,
                )
                self._output_path_from_default_bucket = True
        if self.source_dir or self.entry_point or self.dependencies:
            prepared = self._prepare_code()
            keep_prepared_code(self, prepared)
            self._code_hyperparameters = self._script_mode_code_hyperparameters(
                prepared.submit_directory, prepared.script_name)
        self._prepare_debugger_for_training()
        self._prepare_profiler_for_training()

    def prepare_workflow_for_training(self, job_name: Optional[str] = None) -> None:
        """Everything ``fit()`` does before CreateTrainingJob: the job name, the output path and the
        code upload (V2's hook for workflow tools that create the job themselves)."""
        self._prepare_for_training(job_name=job_name)

    def _script_mode_hyperparameters(self, code_dir: str, script: str) -> Dict[str, Any]:
        """The hyperparameters script mode adds, in V2's order."""
        return {
            "sagemaker_submit_directory": code_dir,
            "sagemaker_program": script,
            "sagemaker_container_log_level": self.container_log_level,
            "sagemaker_job_name": self._current_job_name,
            "sagemaker_region": self.sagemaker_session.boto_region_name,
        }

    def _script_mode_code_hyperparameters(self, code_dir: str, script: str) -> Dict[str, Any]:
        """The script-mode hyperparameters as hyperparameters() shows them (JSON-encoded, as V2 does for
        generic images)."""
        import json

        return {key: json.dumps(value) for key, value in self._script_mode_hyperparameters(code_dir, script).items()}

    def _hyperparameters_with_code(self) -> Dict[str, Any]:
        """The hyperparameters set, with the script-mode ones of the code fit() prepared over them."""
        if not self._code_hyperparameters:
            return self._hyperparameters
        return {**self._hyperparameters, **self._code_hyperparameters}

    def _prepare_code(self) -> PreparedCode:
        """Check the code, then stage it: uploaded as sourcedir.tar.gz (V2's key), used as it is (an S3
        source_dir), or left in place in local mode; through the code channel under network isolation."""
        validate_code_arguments(self.entry_point, self.source_dir, self.dependencies)
        session = self.sagemaker_session
        source = CodeSource(self.entry_point, self.source_dir, self.dependencies)
        if session.local_mode and not (self.code_location or "").startswith("s3://") \
                and not (self.source_dir or "").startswith("s3://"):
            return stage_code(session, source, None)
        job_name = self._current_job_name_or_error
        prepared = stage_code(session, source, lambda: training_code_destination(
            session, job_name, self.code_location, self.output_path, self.output_kms_key,
            self._output_path_from_default_bucket))
        if self.enable_network_isolation() and self.entry_point:
            prepared = prepared.through_code_channel(self.CONTAINER_CODE_CHANNEL_SOURCEDIR_PATH)
        return prepared

    def _prepare_debugger_for_training(self) -> None:
        if dbg.region_supports_debugger(self.sagemaker_session.boto_region_name):
            if self.debugger_hook_config in (None, {}):
                self.debugger_hook_config = dbg.DebuggerHookConfig(s3_output_path=self.output_path)
            elif self.debugger_hook_config and not self.debugger_hook_config.s3_output_path:
                self.debugger_hook_config.s3_output_path = self.output_path
        else:
            if self.debugger_hook_config:
                raise ValueError("Current region does not support debugger but debugger hook config is set!")
            self.debugger_hook_config = False
        collections: List[dbg.CollectionConfig] = []
        if self.debugger_hook_config:
            for collection in self.debugger_hook_config.collection_configs or []:
                if collection not in collections:
                    collections.append(collection)
        self.collection_configs = collections

    def _prepare_profiler_for_training(self) -> None:
        if self.disable_profiler:
            if self.profiler_config is not None and not self.profiler_config.disable_profiler:
                raise ConfigurationError("profiler_config.disable_profiler cannot be False when disable_profiler is True.")
        elif dbg.region_supports_profiler(self.sagemaker_session.boto_region_name):
            if self.profiler_config is None:
                self.profiler_config = dbg.ProfilerConfig(s3_output_path=self.output_path)
        if self.profiler_config is not None and not self.profiler_config.s3_output_path:
            self.profiler_config.s3_output_path = self.output_path
        if self.profiler_config is None:
            self.profiler_config = dbg.ProfilerConfig(disable_profiler=True)

    def _encoded_hyperparameters(self) -> Optional[Dict[str, str]]:
        current = self.hyperparameters()
        if current is None:
            return None
        return req.encode_hyperparameters_str(current)

    def _training_request(self, input_config: Optional[List[Dict[str, Any]]], role_arn: str,
                          experiment_config: Optional[Dict[str, str]],
                          input_mode: Optional[str] = None) -> Dict[str, Any]:
        """Build the CreateTrainingJob request from this estimator's state (no I/O).

        ``input_mode`` overrides the estimator's (V2 lets a lone TrainingInput's input_mode win).
        """
        local_mode = self.sagemaker_session.local_mode
        input_config = req.extra_channel(
            input_config, self.model_uri, self.model_channel_name, local_mode,
            content_type=req.MODEL_CHANNEL_CONTENT_TYPE, input_mode="File",
        )
        input_config = req.extra_channel(input_config, self.code_uri, self.code_channel_name, local_mode)
        if self.debugger_hook_config:
            self.debugger_hook_config.collection_configs = self.collection_configs
        if (self.use_spot_instances or self.checkpoint_s3_uri or self.checkpoint_local_path) and local_mode:
            raise ValueError("Spot training and checkpoints (use_spot_instances, checkpoint_s3_uri, "
                             "checkpoint_local_path) are not supported in local mode.")
        values = self._declared_values()
        values.update(
            role=role_arn, input_mode=input_mode or self.input_mode, hyperparameters=self._encoded_hyperparameters(),
            enable_network_isolation=self.enable_network_isolation(), job_name=self._current_job_name,
            image_uri=self.training_image_uri(), input_config=input_config, vpc_config=self.get_vpc_config(),
            experiment_config=experiment_config,
        )
        from sagemaker_estimators.config.apply import training_request_with_config

        return training_request_with_config(params.training_request(values),
                                            getattr(self.sagemaker_session, "sagemaker_config", None))

    def fit(
        self,
        inputs: Any = None,
        wait: bool = True,
        logs: Union[str, bool] = "All",
        job_name: Optional[str] = None,
        experiment_config: Optional[Dict[str, str]] = None,
    ) -> None:
        """Start a training job on ``inputs`` and, with ``wait``, follow it to the end.

        ``inputs``: an ``s3://`` (or, in local mode, ``file://``) URI, a
        TrainingInput/FileSystemInput, or a dict of channel name to those; a bare
        URI or object is the channel ``training``.  ``logs``: "All" (default),
        "None"/False for no logs.  Everything is validated before any upload.
        """
        if job_name is not None:
            utils.validate_name(job_name, "job_name")
        input_config = req.input_channels(inputs, local_mode=self.sagemaker_session.local_mode)
        if experiment_config is not None and not isinstance(experiment_config, dict):
            raise TypeError(f"experiment_config must be a dict, got {experiment_config!r}")
        self._check_before_fit(inputs)
        self._prepare_for_training(job_name=job_name)
        role_arn = self.sagemaker_session.expand_role(self.role)
        # a single TrainingInput's input_mode overrides the estimator's, as in V2
        input_mode = inputs.config.get("InputMode") if isinstance(inputs, TrainingInput) else None
        request = self._training_request(input_config, role_arn, experiment_config, input_mode=input_mode)
        self.sagemaker_session.create_training_job(request)
        self.latest_training_job = TrainingJob(self.sagemaker_session, self._current_job_name_or_error)
        self.jobs.append(self.latest_training_job)
        if wait:
            self.latest_training_job.wait(logs=logs)

    def _check_before_fit(self, inputs: Any) -> None:
        """Validation that must pass before anything is created or uploaded (subclasses extend it)."""
        self._validate_job_settings()
        if self.entry_point or self.source_dir or self.dependencies:
            validate_code_arguments(self.entry_point, self.source_dir, self.dependencies)

    def _ensure_latest_training_job(self, error_message: str = "Estimator is not associated with a training job") -> None:
        if self.latest_training_job is None:
            raise ValueError(error_message)

    def logs(self) -> None:
        """Print the latest training job's logs, following it until it ends."""
        self._ensure_latest_training_job("No training job is associated with this estimator; call fit() first.")
        assert self.latest_training_job is not None  # checked above
        self.sagemaker_session.logs_for_job(self.latest_training_job.name, wait=True)

    @property
    def model_data(self) -> Union[str, Dict[str, Any]]:
        """S3 URI of the latest job's model.tar.gz (an S3DataSource dict when compression is off)."""
        if self.latest_training_job is not None:
            description = self.sagemaker_session.describe_training_job(self.latest_training_job.name)
            uri = description["ModelArtifacts"]["S3ModelArtifacts"]
            compression = description.get("OutputDataConfig", {}).get("CompressionType", "GZIP")
            if compression == "GZIP":
                return uri
            if compression != "NONE":
                raise ValueError(f'Unrecognized training job output data compression type "{compression}"')
            if not uri.endswith("/"):
                uri += "/"
            return {"S3DataSource": {"S3Uri": uri, "S3DataType": "S3Prefix", "CompressionType": "None"}}
        logger.warning(
            "No finished training job found associated with this estimator. Please make sure "
            "this estimator is only used for building workflow config"
        )
        return os.path.join(self.output_path or "", self._current_job_name or "", "output", "model.tar.gz")

    # attach --------------------------------------------------------------------
    @classmethod
    def attach(cls, training_job_name: str, sagemaker_session: Any = None, model_channel_name: str = "model"):
        """An estimator for an existing training job; waits (without logs) until the job ends."""
        check_str("training_job_name", training_job_name, allow_none=False)
        if sagemaker_session is None:
            from sagemaker_estimators.session import Session

            sagemaker_session = Session()
        description = sagemaker_session.describe_training_job(training_job_name)
        init_params = cls._prepare_init_params_from_job_description(description, model_channel_name)
        arn = description.get("TrainingJobArn")
        if arn:
            # V2 keeps the (possibly empty) tag list, so later requests send "Tags": [] as V2's do
            init_params["tags"] = sagemaker_session.sagemaker_client.list_tags(ResourceArn=arn).get("Tags", [])
        estimator = cls(sagemaker_session=sagemaker_session, **init_params)
        estimator.latest_training_job = TrainingJob(sagemaker_session, training_job_name)
        estimator._current_job_name = training_job_name
        estimator._after_attach(description)
        estimator.latest_training_job.wait(logs="None")
        return estimator

    def _after_attach(self, description: Dict[str, Any]) -> None:
        """Hook for subclasses to restore state that is not a constructor argument."""

    @classmethod
    def _prepare_init_params_from_job_description(cls, job_details: Dict[str, Any],
                                                  model_channel_name: Optional[str] = None) -> Dict[str, Any]:
        """Constructor arguments for the job described by ``job_details`` (declared in :mod:`.parameters`)."""
        return params.init_params_from_description(job_details, model_channel_name)

    # hosting (implemented in serving) ------------------------------------------------
    def create_model(self, **kwargs: Any):
        """A deployable Model from the latest training job (see subclasses)."""
        raise NotImplementedError("create_model is provided by Estimator and the framework estimators")

    def deploy(self, initial_instance_count: Optional[int] = None, instance_type: Optional[str] = None,
               serializer: Any = None, deserializer: Any = None, accelerator_type: Optional[str] = None,
               endpoint_name: Optional[str] = None, use_compiled_model: bool = False, wait: bool = True,
               model_name: Optional[str] = None, kms_key: Optional[str] = None, data_capture_config: Any = None,
               tags: Any = None, serverless_inference_config: Any = None, async_inference_config: Any = None,
               volume_size: Optional[int] = None, model_data_download_timeout: Optional[int] = None,
               container_startup_health_check_timeout: Optional[int] = None,
               inference_recommendation_id: Optional[str] = None, explainer_config: Any = None, **kwargs: Any):
        """Deploy the trained model to an endpoint and return a Predictor."""
        from sagemaker_estimators.estimators.hosting import deploy_estimator
        from sagemaker_estimators.serving.deploy_options import DeployOptions

        return deploy_estimator(self, DeployOptions.from_arguments(locals()), use_compiled_model=use_compiled_model,
                                model_name=model_name, **kwargs)

    def transformer(self, instance_count: int, instance_type: str, strategy: Optional[str] = None,
                    assemble_with: Optional[str] = None, output_path: Optional[str] = None,
                    output_kms_key: Optional[str] = None, accept: Optional[str] = None,
                    env: Optional[Dict[str, str]] = None, max_concurrent_transforms: Optional[int] = None,
                    max_payload: Optional[int] = None, tags: Any = None, role: Optional[str] = None,
                    volume_kms_key: Optional[str] = None, vpc_config_override: Any = VPC_CONFIG_DEFAULT,
                    enable_network_isolation: Optional[bool] = None, model_name: Optional[str] = None, **kwargs: Any):
        """A Transformer for batch transform with the trained model."""
        from sagemaker_estimators.estimators.hosting import estimator_transformer

        return estimator_transformer(
            self, instance_count=instance_count, instance_type=instance_type, strategy=strategy,
            assemble_with=assemble_with, output_path=output_path, output_kms_key=output_kms_key,
            accept=accept, env=env, max_concurrent_transforms=max_concurrent_transforms,
            max_payload=max_payload, tags=tags, role=role, volume_kms_key=volume_kms_key,
            vpc_config_override=vpc_config_override, enable_network_isolation=enable_network_isolation,
            model_name=model_name, **kwargs,
        )

    def delete_endpoint(self, **kwargs: Any) -> None:
        """Removed in V2 ("use predictor.delete_endpoint()"); raises as V2 does."""
        raise NotImplementedError(
            "estimator.delete_endpoint() was removed in SageMaker SDK V2: call predictor.delete_endpoint()."
        )


class Estimator(EstimatorBase):
    """A generic estimator for any training image (``sagemaker.estimator.Estimator``).

    Hyperparameters are sent as ``str()`` of each value, as V2 does for this class.
    """

    def __init__(self, image_uri: str, role: Optional[str] = None, instance_count: Optional[int] = None,
                 instance_type: Optional[str] = None, keep_alive_period_in_seconds: Optional[int] = None,
                 volume_size: int = 30, volume_kms_key: Optional[str] = None, max_run: int = 24 * 60 * 60,
                 input_mode: str = "File", output_path: Optional[str] = None,
                 output_kms_key: Optional[str] = None, base_job_name: Optional[str] = None,
                 sagemaker_session: Any = None, hyperparameters: Optional[Union[Dict[str, Any], str]] = None,
                 tags: Any = None, subnets: Optional[List[str]] = None,
                 security_group_ids: Optional[List[str]] = None, model_uri: Optional[str] = None,
                 model_channel_name: str = "model", metric_definitions: Optional[List[Dict[str, str]]] = None,
                 encrypt_inter_container_traffic: Optional[bool] = None, use_spot_instances: bool = False,
                 max_wait: Optional[int] = None, checkpoint_s3_uri: Optional[str] = None,
                 checkpoint_local_path: Optional[str] = None, enable_network_isolation: Optional[bool] = None,
                 rules: Optional[list] = None, debugger_hook_config: Any = None,
                 tensorboard_output_config: Any = None, enable_sagemaker_metrics: Optional[bool] = None,
                 profiler_config: Any = None, disable_profiler: bool = False,
                 environment: Optional[Dict[str, str]] = None, max_retry_attempts: Optional[int] = None,
                 source_dir: Optional[str] = None, git_config: Optional[Dict[str, str]] = None,
                 container_log_level: int = logging.INFO, code_location: Optional[str] = None,
                 entry_point: Optional[str] = None, dependencies: Optional[List[str]] = None,
                 instance_groups: Optional[list] = None, training_repository_access_mode: Optional[str] = None,
                 training_repository_credentials_provider_arn: Optional[str] = None,
                 container_entry_point: Optional[List[str]] = None,
                 container_arguments: Optional[List[str]] = None, disable_output_compression: bool = False,
                 enable_infra_check: Optional[bool] = None, enable_remote_debug: Optional[bool] = None,
                 enable_session_tag_chaining: Optional[bool] = None, training_plan: Optional[str] = None,
                 instance_placement_config: Optional[Dict[str, Any]] = None, **kwargs: Any):
        self.image_uri = image_uri
        super().__init__(**params.constructor_arguments(locals()), **kwargs)

    def training_image_uri(self) -> str:
        return self.image_uri

    def _validate_job_settings(self) -> None:
        if not isinstance(self.image_uri, str) or not self.image_uri:
            raise TypeError(f"image_uri must be a non-empty str, got {self.image_uri!r}")
        super()._validate_job_settings()

    def set_hyperparameters(self, **kwargs: Any) -> None:
        """Add or replace hyperparameters (values are checked and encoded at fit)."""
        self._hyperparameters.update(kwargs)

    def hyperparameters(self) -> Dict[str, Any]:
        return self._hyperparameters_with_code()

    def create_model(self, role: Optional[str] = None, image_uri: Optional[str] = None, predictor_cls: Any = None,
                     vpc_config_override: Any = VPC_CONFIG_DEFAULT, **kwargs: Any):
        """A ``Model`` of the latest training job's artifacts with this estimator's image (or ``image_uri``)."""
        from sagemaker_estimators.estimators.hosting import generic_create_model

        return generic_create_model(self, role=role, image_uri=image_uri, predictor_cls=predictor_cls,
                                    vpc_config_override=vpc_config_override, **kwargs)
