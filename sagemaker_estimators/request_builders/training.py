"""Pure builders of training requests: estimator state in, CreateTrainingJob dict out.

No function here performs I/O; the session sends what they return.  The field
set and the values equal V2's for the same user code.
"""
from __future__ import annotations

import json
from typing import Any, Dict, List, Mapping, Optional, Union

from sagemaker_estimators.inputs import FileSystemInput, LocalFileInput, TrainingInput
from sagemaker_estimators.request_builders.fields import set_present

ChannelInput = Union[str, TrainingInput, FileSystemInput, LocalFileInput]
MODEL_CHANNEL_CONTENT_TYPE = "application/x-sagemaker-model"


def _channel_from(value: Any, channel: str, local_mode: bool) -> Dict[str, Any]:
    if isinstance(value, str):
        if value.startswith("s3://"):
            return TrainingInput(value).config.copy()
        if value.startswith("file://"):
            if not local_mode:
                raise ValueError(
                    f"inputs[{channel!r}]={value!r}: file:// URIs are supported in local mode only "
                    "(instance_type 'local', 'local_gpu' or 'local_process'); use an s3:// URI."
                )
            return LocalFileInput(value).config.copy()
        raise ValueError(
            f"inputs[{channel!r}]={value!r} must be a valid S3 or FILE URI: must start with "
            '"s3://" or "file://"'
        )
    if isinstance(value, (TrainingInput, FileSystemInput, LocalFileInput)):
        if isinstance(value, TrainingInput) and str(value.s3_data).startswith("file://") and not local_mode:
            raise ValueError(
                f"inputs[{channel!r}].s3_data={value.s3_data!r}: file:// URIs are supported in "
                "local mode only; use an s3:// URI."
            )
        if isinstance(value, TrainingInput):
            value.check_request_fields(f"inputs[{channel!r}]")
        return value.config.copy()
    raise TypeError(
        f"inputs[{channel!r}] has type {type(value).__name__}; expecting one of str, "
        "TrainingInput or FileSystemInput"
    )


def input_channels(inputs: Any, local_mode: bool = False) -> Optional[List[Dict[str, Any]]]:
    """InputDataConfig for fit()'s ``inputs``: None, a URI, an input object, or a dict of those.

    A bare URI or input object becomes the channel ``training``.
    """
    if inputs is None:
        return None
    if isinstance(inputs, Mapping):
        named = dict(inputs)
    elif isinstance(inputs, (str, TrainingInput, FileSystemInput, LocalFileInput)):
        named = {"training": inputs}
    else:
        raise TypeError(
            f"inputs has type {type(inputs).__name__}; expecting one of str, dict, TrainingInput "
            "or FileSystemInput"
        )
    channels = []
    for name, value in named.items():
        validate_channel_name(name)
        channel = _channel_from(value, name, local_mode)
        channel["ChannelName"] = name
        channels.append(channel)
    return channels


def validate_channel_name(name: Any) -> None:
    """Channel names: 1-64 characters of letters, digits, '.', '-' and '_' (SageMaker's rule)."""
    import re

    if not isinstance(name, str) or not re.match(r"^[A-Za-z0-9\.\-_]{1,64}$", name):
        raise ValueError(
            f"inputs channel name {name!r} is invalid: use 1-64 letters, digits, '.', '-' or '_'."
        )


def extra_channel(
    input_config: Optional[List[Dict[str, Any]]],
    uri: Optional[str],
    name: str,
    local_mode: bool,
    content_type: Optional[str] = None,
    input_mode: Optional[str] = None,
) -> Optional[List[Dict[str, Any]]]:
    """Append the model or code channel (``model_uri`` / ``code_uri``); refuse a duplicate name."""
    if not uri:
        return input_config
    channels = list(input_config or [])
    if any(channel["ChannelName"] == name for channel in channels):
        raise ValueError(f"Duplicate channel {name} not allowed.")
    if isinstance(uri, str) and uri.startswith("s3://"):
        channel = TrainingInput(uri, content_type=content_type, input_mode=input_mode).config.copy()
    else:
        channel = _channel_from(uri, name, local_mode)
    channel["ChannelName"] = name
    channels.append(channel)
    return channels


def output_config(output_path: str, kms_key: Optional[str], disable_output_compression: bool = False) -> Dict[str, Any]:
    """OutputDataConfig."""
    config: Dict[str, Any] = {"S3OutputPath": output_path}
    if kms_key is not None:
        config["KmsKeyId"] = kms_key
    if disable_output_compression:
        config["CompressionType"] = "NONE"
    return config


def stop_condition(max_run: int, max_wait: Optional[int]) -> Dict[str, Any]:
    """StoppingCondition."""
    if max_wait:
        return {"MaxRuntimeInSeconds": max_run, "MaxWaitTimeInSeconds": max_wait}
    return {"MaxRuntimeInSeconds": max_run}


def vpc_config(subnets: Optional[List[str]], security_group_ids: Optional[List[str]]) -> Optional[Dict[str, Any]]:
    """VpcConfig, or None when neither list is set."""
    if not subnets or not security_group_ids:
        return None
    return {"Subnets": list(subnets), "SecurityGroupIds": list(security_group_ids)}


def encode_hyperparameters_str(hyperparameters: Optional[Mapping[str, Any]]) -> Optional[Dict[str, str]]:
    """The generic Estimator's encoding: ``str()`` of every key and value (V2 behaviour)."""
    if hyperparameters is None:
        return None
    return {str(key): str(value) for key, value in hyperparameters.items()}


def encode_hyperparameters_json(hyperparameters: Optional[Mapping[str, Any]]) -> Optional[Dict[str, str]]:
    """Framework estimators' encoding: every value JSON-encoded (``"\\"0.2\\""`` for a str)."""
    if hyperparameters is None:
        return None
    return {str(key): json.dumps(value) for key, value in hyperparameters.items()}


def set_job_flags(request: Dict[str, Any], enable_network_isolation: bool, encrypt_inter_container_traffic: bool,
                  use_spot_instances: bool, checkpoint_s3_uri: Optional[str],
                  checkpoint_local_path: Optional[str]) -> None:
    """The isolation, encryption, spot and checkpoint fields a training job (or tuning definition) sends
    only when set."""
    if enable_network_isolation:
        request["EnableNetworkIsolation"] = enable_network_isolation
    if encrypt_inter_container_traffic:
        request["EnableInterContainerTrafficEncryption"] = encrypt_inter_container_traffic
    if use_spot_instances:
        request["EnableManagedSpotTraining"] = use_spot_instances
    if checkpoint_s3_uri:
        checkpoint: Dict[str, Any] = {"S3Uri": checkpoint_s3_uri}
        if checkpoint_local_path:
            checkpoint["LocalPath"] = checkpoint_local_path
        request["CheckpointConfig"] = checkpoint


def check_image_or_algorithm(image_uri: Optional[str], algorithm_arn: Optional[str]) -> None:
    """A training job runs exactly one of an image and an algorithm (V2's messages)."""
    if image_uri and algorithm_arn:
        raise ValueError(
            f"image_uri and algorithm_arn are mutually exclusive. Both were provided: image_uri: "
            f"{image_uri} algorithm_arn: {algorithm_arn}"
        )
    if image_uri is None and algorithm_arn is None:
        raise ValueError("either image_uri or algorithm_arn is required. None was provided.")


def training_job_request(
    input_mode: str,
    input_config: Optional[List[Dict[str, Any]]],
    role: Optional[str] = None,
    job_name: Optional[str] = None,
    output_config: Optional[Dict[str, Any]] = None,
    resource_config: Optional[Dict[str, Any]] = None,
    vpc_config: Optional[Dict[str, Any]] = None,
    hyperparameters: Optional[Dict[str, str]] = None,
    stop_condition: Optional[Dict[str, Any]] = None,
    tags: Optional[List[Dict[str, str]]] = None,
    metric_definitions: Optional[List[Dict[str, str]]] = None,
    enable_network_isolation: bool = False,
    image_uri: Optional[str] = None,
    training_image_config: Optional[Dict[str, Any]] = None,
    infra_check_config: Optional[Dict[str, Any]] = None,
    container_entry_point: Optional[List[str]] = None,
    container_arguments: Optional[List[str]] = None,
    algorithm_arn: Optional[str] = None,
    encrypt_inter_container_traffic: bool = False,
    use_spot_instances: bool = False,
    checkpoint_s3_uri: Optional[str] = None,
    checkpoint_local_path: Optional[str] = None,
    experiment_config: Optional[Dict[str, str]] = None,
    debugger_rule_configs: Optional[List[Dict[str, Any]]] = None,
    debugger_hook_config: Optional[Dict[str, Any]] = None,
    tensorboard_output_config: Optional[Dict[str, Any]] = None,
    enable_sagemaker_metrics: Optional[bool] = None,
    profiler_rule_configs: Optional[List[Dict[str, Any]]] = None,
    profiler_config: Optional[Dict[str, Any]] = None,
    environment: Optional[Dict[str, str]] = None,
    retry_strategy: Optional[Dict[str, Any]] = None,
    remote_debug_config: Optional[Dict[str, Any]] = None,
    session_chaining_config: Optional[Dict[str, Any]] = None,
) -> Dict[str, Any]:
    """The CreateTrainingJob request for V2's ``Session.train`` arguments."""
    check_image_or_algorithm(image_uri, algorithm_arn)
    algorithm: Dict[str, Any] = {"TrainingInputMode": input_mode}
    request: Dict[str, Any] = {
        "AlgorithmSpecification": algorithm,
        "OutputDataConfig": output_config,
        "TrainingJobName": job_name,
        "StoppingCondition": stop_condition,
        "ResourceConfig": resource_config,
        "RoleArn": role,
    }
    set_present(algorithm, (
        ("TrainingImage", image_uri),
        ("TrainingImageConfig", training_image_config),
        ("ContainerEntrypoint", container_entry_point),
        ("ContainerArguments", container_arguments),
        ("AlgorithmName", algorithm_arn),
        ("MetricDefinitions", metric_definitions),
        ("EnableSageMakerMetricsTimeSeries", enable_sagemaker_metrics),
    ))
    set_present(request, (("InfraCheckConfig", infra_check_config), ("InputDataConfig", input_config)))
    if hyperparameters:
        request["HyperParameters"] = hyperparameters
    set_present(request, (("Environment", environment), ("Tags", tags), ("VpcConfig", vpc_config)))
    if experiment_config:
        request["ExperimentConfig"] = experiment_config
    set_job_flags(request, enable_network_isolation, encrypt_inter_container_traffic, use_spot_instances,
                  checkpoint_s3_uri, checkpoint_local_path)
    set_present(request, (
        ("DebugRuleConfigurations", debugger_rule_configs),
        ("DebugHookConfig", debugger_hook_config),
        ("TensorBoardOutputConfig", tensorboard_output_config),
        ("ProfilerRuleConfigurations", profiler_rule_configs),
        ("ProfilerConfig", profiler_config),
        ("RemoteDebugConfig", remote_debug_config),
        ("SessionChainingConfig", session_chaining_config),
        ("RetryStrategy", retry_strategy),
    ))
    return request
