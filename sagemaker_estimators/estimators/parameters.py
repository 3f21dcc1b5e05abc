"""Every parameter of a training job, declared once.

Each :class:`TrainingParameter` says, for one V2 constructor argument of
``EstimatorBase`` (or one value ``fit()`` supplies: job name, image, channels):

* how the constructor stores it (``attribute``, ``store``) - the constructor only
  stores; V2's few construction-time refusals stay in ``EstimatorBase.__init__``;
* how ``fit()`` checks it before anything is uploaded (``check``);
* where it goes in the CreateTrainingJob request (``field``, ``to_request``,
  ``sent_when``, ``sent_with``);
* how ``attach()`` reads it back from DescribeTrainingJob (``restore``,
  ``from_description``).

:func:`training_request` builds the request from the declared values and
:func:`init_params_from_description` maps a description back to constructor
arguments; neither performs I/O.  Adding a plain V2 parameter is one line in
:data:`TRAINING_PARAMETERS` (plus its name in the V2 signatures of
``EstimatorBase.__init__`` and ``Estimator.__init__``, which are V2's public
surface).  Parameters whose mapping is irregular name a small function below.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

import attrs

from sagemaker_estimators import utils
from sagemaker_estimators.inputs import INPUT_MODES
from sagemaker_estimators.request_builders.fields import MISSING, read_at, set_at
from sagemaker_estimators.request_builders.training import check_image_or_algorithm
from sagemaker_estimators.validation import (
    check_choice,
    check_hyperparameters,
    check_positive_int,
    check_s3_uri,
    check_str,
    check_str_list,
    check_str_mapping,
    tags_as_list,
)

#: ``check(name, value)`` raises ValueError/TypeError naming the parameter
Check = Callable[[str, Any], None]
#: ``reader(description)`` returns the constructor value, or MISSING to leave the argument out
Reader = Callable[[Mapping[str, Any]], Any]


def _same(value: Any) -> Any:
    return value


def _is_set(value: Any) -> bool:
    return value is not None


def _always(value: Any) -> bool:
    return True


@attrs.frozen
class TrainingParameter:
    """One training-job parameter: storage, check, request field and attach mapping.

    Attributes:
        name: the V2 constructor keyword (or, with ``from_fit``, the name of the fit-time value).
        field: its path in CreateTrainingJob; empty when it is not sent by itself.
        check: run by ``fit()`` on the stored value (never at construction).
        to_request: the stored value as sent (``None`` leaves the field out).
        sent_when: whether the converted value is sent (default: when it is not None).
        sent_with: the name of another parameter that must have been sent for this one to be.
        restore: how ``attach()`` reads it back from ``field``: ``"present"`` (when the
            description has it), ``"truthy"`` (when it is also truthy) or ``"no"``.
        from_description: reads it back instead (irregular mappings); MISSING leaves it out.
        attribute: the estimator attribute holding it (default: ``name``).
        store: what the constructor stores for the argument.
        from_fit: not an ``EstimatorBase`` constructor argument: ``fit()`` supplies the value.
    """

    name: str
    field: Tuple[str, ...] = ()
    check: Optional[Check] = None
    to_request: Callable[[Any], Any] = _same
    sent_when: Callable[[Any], bool] = _is_set
    sent_with: Optional[str] = None
    restore: str = attrs.field(default="present", validator=attrs.validators.in_(("present", "truthy", "no")))
    from_description: Optional[Reader] = None
    attribute: str = attrs.field(default=attrs.Factory(lambda self: self.name, takes_self=True))
    store: Callable[[Any], Any] = _same
    from_fit: bool = False

    def read_back(self, description: Mapping[str, Any]) -> Any:
        """The constructor value attach() restores from ``description``, or MISSING."""
        if self.from_description is not None:
            return self.from_description(description)
        if self.restore == "no" or not self.field:
            return MISSING
        value = read_at(description, self.field)
        if self.restore == "truthy" and not value:
            return MISSING
        return value


# checks (fit time) -----------------------------------------------------------------------
def _at_least_zero(name: str, value: Any) -> None:
    check_positive_int(name, value, minimum=0)


def _one_of_input_modes(name: str, value: Any) -> None:
    check_choice(name, value, INPUT_MODES)


def _s3_or_file_uri(name: str, value: Any) -> None:
    check_s3_uri(name, value, allow_file=True)


def _output_path(name: str, value: Any) -> None:
    if value:
        check_s3_uri(name, value, allow_file=True)


def _job_name_base(name: str, value: Any) -> None:
    check_str(name, value)
    if value is not None:
        utils.validate_name(value, name)


def _metric_definitions(name: str, value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"{name} must be a list of {{'Name', 'Regex'}} dicts, got {value!r}")
    for item in value:
        if not isinstance(item, dict) or set(item) != {"Name", "Regex"}:
            raise ValueError(f"{name} item {item!r} must be a dict with exactly 'Name' and 'Regex'")


def _hyperparameter_values(name: str, value: Any) -> None:
    check_hyperparameters(value)


def _refuse_rules(name: str, value: Any) -> None:
    if value:
        raise NotImplementedError(
            "rules (SageMaker Debugger rules) are not supported by sagemaker-estimators: they run "
            "AWS-owned rule containers as processing jobs. Remove the rules argument."
        )


def _refuse_git_config(name: str, value: Any) -> None:
    if value is not None:
        raise NotImplementedError(
            "git_config is not supported by sagemaker-estimators: clone the repository yourself "
            "and pass its directory as source_dir."
        )


# storage (construction) ----------------------------------------------------------------------
def _hook_true_means_default(value: Any) -> Any:
    return {} if value is True else value


def _list_or_empty(value: Any) -> List[Any]:
    return list(value or [])


def _hyperparameters_dict(value: Any) -> Dict[str, Any]:
    import os

    if isinstance(value, (str, os.PathLike)):
        from sagemaker_estimators.estimators.hyperparameter_files import load_hyperparameter_file

        value = load_hyperparameter_file(os.fspath(value))
        check_hyperparameters(value)
    return dict(value) if value else {}


# request conversions -----------------------------------------------------------------------
def _request_dict(value: Any) -> Any:
    """A debugger/profiler/TensorBoard config object as sent (left out when unset or False)."""
    return value._to_request_dict() if value else None


def _group_dicts(groups: Any) -> Any:
    return None if groups is None else [group._to_request_dict() for group in groups]


def _uncompressed(disable_output_compression: Any) -> Optional[str]:
    return "NONE" if disable_output_compression else None


# attach readers --------------------------------------------------------------------------------
def _unless_instance_groups(key: str) -> Reader:
    def read(description: Mapping[str, Any]) -> Any:
        resources = description["ResourceConfig"]
        return MISSING if resources.get("InstanceGroups") else resources[key]
    return read


def _instance_groups(description: Mapping[str, Any]) -> Any:
    groups = description["ResourceConfig"].get("InstanceGroups")
    if not groups:
        return MISSING
    from sagemaker_estimators.estimators.instance_group import InstanceGroup

    return [InstanceGroup(g["InstanceGroupName"], g["InstanceType"], g["InstanceCount"]) for g in groups]


def _base_job_name(description: Mapping[str, Any]) -> Any:
    return utils.base_from_name(description["TrainingJobName"])


def _output_value(key: str) -> Reader:
    """V2 restores output_path and output_kms_key even when absent (as None)."""
    def read(description: Mapping[str, Any]) -> Any:
        return description.get("OutputDataConfig", {}).get(key)
    return read


def _vpc_value(key: str) -> Reader:
    """Subnets and security groups come back only together (a half VPC is not restored)."""
    def read(description: Mapping[str, Any]) -> Any:
        vpc = description.get("VpcConfig") or {}
        return vpc[key] if vpc.get("Subnets") and vpc.get("SecurityGroupIds") else MISSING
    return read


def _metric_definitions_back(description: Mapping[str, Any]) -> Any:
    # V2 reads a misspelt key here and never restores metric definitions; we do.
    definitions = description["AlgorithmSpecification"].get("MetricDefinitions")
    return [{"Name": m["Name"], "Regex": m["Regex"]} for m in definitions] if definitions else MISSING


def _spot(description: Mapping[str, Any]) -> Any:
    return True if description.get("EnableManagedSpotTraining") else MISSING


def _max_wait(description: Mapping[str, Any]) -> Any:
    wait = description.get("StoppingCondition", {}).get("MaxWaitTimeInSeconds")
    return wait if description.get("EnableManagedSpotTraining") and wait else MISSING


def _retry_attempts(description: Mapping[str, Any]) -> Any:
    strategy = description.get("RetryStrategy")
    return strategy.get("MaximumRetryAttempts") if strategy else MISSING


def _hyperparameters_back(description: Mapping[str, Any]) -> Any:
    return dict(description.get("HyperParameters") or {})


def _image_uri(description: Mapping[str, Any]) -> Any:
    algorithm = description["AlgorithmSpecification"]
    if "AlgorithmName" in algorithm:
        return MISSING
    if "TrainingImage" not in algorithm:
        raise RuntimeError("Invalid AlgorithmSpecification. Either TrainingImage or AlgorithmName is expected.")
    return algorithm["TrainingImage"]


def _image_config_value(*path: str) -> Reader:
    def read(description: Mapping[str, Any]) -> Any:
        algorithm = description["AlgorithmSpecification"]
        if "AlgorithmName" in algorithm or not algorithm.get("TrainingImageConfig"):
            return MISSING
        value = read_at(algorithm["TrainingImageConfig"], path)
        return None if value is MISSING else value
    return read


def _infra_check(description: Mapping[str, Any]) -> Any:
    config = description.get("InfraCheckConfig")
    return MISSING if config is None else config.get("EnableInfraCheck")


def _remote_debug(description: Mapping[str, Any]) -> Any:
    config = description.get("RemoteDebugConfig")
    return MISSING if config is None else config.get("EnableRemoteDebug")


def _checkpoint_uri(description: Mapping[str, Any]) -> Any:
    config = description.get("CheckpointConfig")
    return config.get("S3Uri") if config else MISSING


_P = TrainingParameter
_ALGORITHM = "AlgorithmSpecification"
_RESOURCES = "ResourceConfig"
_IMAGE_CONFIG = (_ALGORITHM, "TrainingImageConfig")

#: Every training-job parameter, in V2's constructor order, then the values fit() supplies.
TRAINING_PARAMETERS: Tuple[TrainingParameter, ...] = (
    _P("role", ("RoleArn",), check=check_str, sent_when=_always, from_description=lambda d: d["RoleArn"]),
    _P("instance_count", (_RESOURCES, "InstanceCount"), from_description=_unless_instance_groups("InstanceCount")),
    _P("instance_type", (_RESOURCES, "InstanceType"), from_description=_unless_instance_groups("InstanceType")),
    _P("keep_alive_period_in_seconds", (_RESOURCES, "KeepAlivePeriodInSeconds"), check=_at_least_zero),
    _P("volume_size", (_RESOURCES, "VolumeSizeInGB"), check=check_positive_int, sent_when=_always,
       from_description=lambda d: d[_RESOURCES]["VolumeSizeInGB"]),
    _P("volume_kms_key", (_RESOURCES, "VolumeKmsKeyId")),
    _P("max_run", ("StoppingCondition", "MaxRuntimeInSeconds"), check=check_positive_int, sent_when=_always,
       from_description=lambda d: d["StoppingCondition"]["MaxRuntimeInSeconds"]),
    _P("input_mode", (_ALGORITHM, "TrainingInputMode"), check=_one_of_input_modes, sent_when=_always,
       from_description=lambda d: d[_ALGORITHM]["TrainingInputMode"]),
    _P("output_path", ("OutputDataConfig", "S3OutputPath"), check=_output_path, sent_when=_always,
       from_description=_output_value("S3OutputPath")),
    _P("output_kms_key", ("OutputDataConfig", "KmsKeyId"), from_description=_output_value("KmsKeyId")),
    _P("base_job_name", check=_job_name_base, from_description=_base_job_name),
    _P("sagemaker_session", restore="no"),  # EstimatorBase picks the local or cloud session first
    _P("tags", ("Tags",), store=tags_as_list, restore="no"),  # attach() reads them with ListTags
    _P("subnets", check=check_str_list, from_description=_vpc_value("Subnets")),  # sent as vpc_config
    _P("security_group_ids", check=check_str_list, from_description=_vpc_value("SecurityGroupIds")),
    _P("model_uri", check=_s3_or_file_uri, restore="no"),  # the model channel; see model_channel_params
    _P("model_channel_name", restore="no"),
    _P("metric_definitions", (_ALGORITHM, "MetricDefinitions"), check=_metric_definitions,
       from_description=_metric_definitions_back),
    _P("encrypt_inter_container_traffic", ("EnableInterContainerTrafficEncryption",), store=bool, sent_when=bool),
    _P("use_spot_instances", ("EnableManagedSpotTraining",), sent_when=bool, from_description=_spot),
    _P("max_wait", ("StoppingCondition", "MaxWaitTimeInSeconds"), check=check_positive_int, sent_when=bool,
       from_description=_max_wait),
    _P("checkpoint_s3_uri", ("CheckpointConfig", "S3Uri"), check=check_s3_uri, sent_when=bool,
       from_description=_checkpoint_uri),
    _P("checkpoint_local_path", ("CheckpointConfig", "LocalPath"), check=check_str, sent_when=bool,
       sent_with="checkpoint_s3_uri", restore="truthy"),
    _P("rules", check=_refuse_rules, restore="no"),
    _P("debugger_hook_config", ("DebugHookConfig",), store=_hook_true_means_default, to_request=_request_dict,
       restore="no"),
    _P("tensorboard_output_config", ("TensorBoardOutputConfig",), to_request=_request_dict, restore="no"),
    _P("enable_sagemaker_metrics", (_ALGORITHM, "EnableSageMakerMetricsTimeSeries"), restore="no"),
    _P("enable_network_isolation", ("EnableNetworkIsolation",), attribute="_enable_network_isolation", store=bool,
       sent_when=bool),
    _P("profiler_config", ("ProfilerConfig",), to_request=_request_dict, restore="no"),
    _P("disable_profiler", store=bool, restore="no"),
    _P("environment", ("Environment",), check=check_str_mapping, restore="truthy"),
    _P("max_retry_attempts", ("RetryStrategy", "MaximumRetryAttempts"), check=check_positive_int,
       from_description=_retry_attempts),
    _P("source_dir", restore="no"),  # code staging; Framework restores it from the hyperparameters
    _P("git_config", check=_refuse_git_config, restore="no"),
    _P("hyperparameters", ("HyperParameters",), attribute="_hyperparameters", check=_hyperparameter_values,
       store=_hyperparameters_dict, sent_when=bool, from_description=_hyperparameters_back),
    _P("container_log_level", restore="no"),
    _P("code_location", check=check_s3_uri, restore="no"),
    _P("entry_point", restore="no"),
    _P("dependencies", store=_list_or_empty, restore="no"),
    _P("instance_groups", (_RESOURCES, "InstanceGroups"), to_request=_group_dicts, from_description=_instance_groups),
    _P("training_repository_access_mode", _IMAGE_CONFIG + ("TrainingRepositoryAccessMode",),
       from_description=_image_config_value("TrainingRepositoryAccessMode")),
    _P("training_repository_credentials_provider_arn",
       _IMAGE_CONFIG + ("TrainingRepositoryAuthConfig", "TrainingRepositoryCredentialsProviderArn"),
       sent_with="training_repository_access_mode",
       from_description=_image_config_value("TrainingRepositoryAuthConfig",
                                            "TrainingRepositoryCredentialsProviderArn")),
    _P("enable_infra_check", ("InfraCheckConfig", "EnableInfraCheck"), from_description=_infra_check),
    _P("container_entry_point", (_ALGORITHM, "ContainerEntrypoint"), check=check_str_list),
    _P("container_arguments", (_ALGORITHM, "ContainerArguments"), check=check_str_list),
    _P("disable_output_compression", ("OutputDataConfig", "CompressionType"), to_request=_uncompressed, restore="no"),
    _P("enable_remote_debug", ("RemoteDebugConfig", "EnableRemoteDebug"), attribute="_enable_remote_debug",
       from_description=_remote_debug),
    _P("enable_session_tag_chaining", ("SessionChainingConfig", "EnableSessionTagChaining"),
       attribute="_enable_session_tag_chaining", restore="no"),
    _P("training_plan", (_RESOURCES, "TrainingPlanArn")),
    _P("instance_placement_config", (_RESOURCES, "InstancePlacementConfig")),
    # values fit() supplies ------------------------------------------------------------------
    _P("job_name", ("TrainingJobName",), sent_when=_always, restore="no", from_fit=True),
    _P("image_uri", (_ALGORITHM, "TrainingImage"), from_description=_image_uri, from_fit=True),
    _P("algorithm_arn", (_ALGORITHM, "AlgorithmName"),
       from_description=lambda d: d[_ALGORITHM].get("AlgorithmName", MISSING), from_fit=True),
    _P("input_config", ("InputDataConfig",), restore="no", from_fit=True),
    _P("vpc_config", ("VpcConfig",), restore="no", from_fit=True),
    _P("experiment_config", ("ExperimentConfig",), sent_when=bool, restore="no", from_fit=True),
)

#: the parameters ``EstimatorBase.__init__`` takes and stores
CONSTRUCTOR_PARAMETERS: Tuple[TrainingParameter, ...] = tuple(p for p in TRAINING_PARAMETERS if not p.from_fit)
CONSTRUCTOR_NAMES: Tuple[str, ...] = tuple(p.name for p in CONSTRUCTOR_PARAMETERS)


def constructor_arguments(values: Mapping[str, Any]) -> Dict[str, Any]:
    """The entries of ``values`` (a subclass constructor's ``locals()``) that ``EstimatorBase`` takes."""
    return {name: values[name] for name in CONSTRUCTOR_NAMES if name in values}


def stored_values(arguments: Mapping[str, Any]) -> Dict[str, Any]:
    """Attribute name -> value the constructor stores for ``arguments`` (V2's constructor values)."""
    return {p.attribute: p.store(arguments.get(p.name)) for p in CONSTRUCTOR_PARAMETERS}


def check_values(values: Mapping[str, Any]) -> None:
    """Run every declared check on ``values`` (name -> stored value), in declaration order."""
    for parameter in TRAINING_PARAMETERS:
        if parameter.check is not None:
            parameter.check(parameter.name, values.get(parameter.name))


def _check_request_values(values: Mapping[str, Any]) -> None:
    """The combinations the request cannot hold (V2's Session.train refuses the same)."""
    check_image_or_algorithm(values.get("image_uri"), values.get("algorithm_arn"))
    if values.get("instance_groups") is not None:
        if values.get("instance_count") is not None or values.get("instance_type") is not None:
            raise ValueError("instance_count and instance_type cannot be set when instance_groups is set")
    elif values.get("instance_count") is None or values.get("instance_type") is None:
        raise ValueError("instance_count and instance_type must be set if instance_groups is not set")


def training_request(values: Mapping[str, Any]) -> Dict[str, Any]:
    """The CreateTrainingJob request for ``values`` (parameter name -> value to send); no I/O.

    Each declared field is set when its converted value passes ``sent_when`` (and its
    ``sent_with`` parameter was sent); values missing from ``values`` count as None.
    """
    _check_request_values(values)
    request: Dict[str, Any] = {}
    sent = set()
    for parameter in TRAINING_PARAMETERS:
        if not parameter.field:
            continue
        value = parameter.to_request(values.get(parameter.name))
        if not parameter.sent_when(value):
            continue
        if parameter.sent_with is not None and parameter.sent_with not in sent:
            continue
        set_at(request, parameter.field, value)
        sent.add(parameter.name)
    return request


def model_channel_params(description: Mapping[str, Any], model_channel_name: Optional[str]) -> Dict[str, Any]:
    """model_uri and model_channel_name, read from the job's input channel of that name."""
    if not model_channel_name:
        return {}
    for channel in description.get("InputDataConfig", []):
        if channel["ChannelName"] == model_channel_name:
            return {"model_channel_name": model_channel_name,
                    "model_uri": channel["DataSource"]["S3DataSource"]["S3Uri"]}
    return {}


def init_params_from_description(description: Mapping[str, Any],
                                 model_channel_name: Optional[str] = None) -> Dict[str, Any]:
    """Constructor arguments that recreate the estimator of a DescribeTrainingJob response (no I/O)."""
    params: Dict[str, Any] = {}
    for parameter in TRAINING_PARAMETERS:
        value = parameter.read_back(description)
        if value is not MISSING:
            params[parameter.name] = value
    params.update(model_channel_params(description, model_channel_name))
    return params
