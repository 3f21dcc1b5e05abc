"""Where the defaults config meets each job kind, at the points where V2 applies it.

Pure functions: they take the merged config as data and the values the user
gave, and return the values to use (or a request with the config merged in).
The user's value always wins; a config value wins over V2's built-in default.

=======================  ===================================================================
job kind                 config keys applied
=======================  ===================================================================
estimator construction   ``SageMaker.TrainingJob``: RoleArn, OutputDataConfig.KmsKeyId,
                         ResourceConfig.VolumeKmsKeyId (KMS-capable instances only),
                         VpcConfig, EnableNetworkIsolation,
                         EnableInterContainerTrafficEncryption, Environment,
                         ProfilerConfig.DisableProfiler;
                         ``SageMaker.PythonSDK.Modules.Estimator.DebugHookConfig``
CreateTrainingJob        Tags (appended), VpcConfig, OutputDataConfig, ResourceConfig,
                         ProfilerConfig (merged)
Model construction       ``SageMaker.Model``: ExecutionRoleArn, VpcConfig,
                         EnableNetworkIsolation
CreateModel              the same, plus Tags and PrimaryContainer / Containers (merged)
CreateEndpointConfig     ``SageMaker.EndpointConfig``: KmsKeyId (KMS-capable instances),
                         Tags, DataCaptureConfig, AsyncInferenceConfig,
                         ProductionVariants[].CoreDumpConfig
CreateEndpoint           ``SageMaker.Endpoint.Tags``
Transformer / transform  ``SageMaker.TransformJob``: TransformOutput.KmsKeyId,
                         TransformResources.VolumeKmsKeyId, Environment,
                         DataCaptureConfig.KmsKeyId, Tags
Processor construction   ``SageMaker.ProcessingJob``: RoleArn, ProcessingOutputConfig.KmsKeyId,
                         ProcessingResources.ClusterConfig.VolumeKmsKeyId, Environment,
                         NetworkConfig attributes left None (config/processing_defaults.py)
CreateProcessingJob      Tags (appended), NetworkConfig, ProcessingInputs (dataset
                         definitions), RoleArn, ProcessingOutputConfig,
                         ProcessingResources (merged), Environment (:func:`processing_inputs`)
Session                  ``SageMaker.PythonSDK.Modules.Session``: DefaultS3Bucket,
                         DefaultS3ObjectKeyPrefix
=======================  ===================================================================
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Union

from sagemaker_estimators.config import keys as k
from sagemaker_estimators.config.resolve import (
    append_config_tags,
    merge_list_with_config,
    merge_with_config,
    resolve_value,
)

Config = Optional[Dict[str, Any]]


def instance_supports_kms(instance_type: Optional[str]) -> bool:
    """Whether SageMaker attaches a KMS-encrypted EBS volume to ``instance_type``.

    Instances with local NVMe storage (a ``d`` in the family: c5d, p4d ...), g5, g6,
    p5 and trn1, and local-mode types, take no volume key.
    """
    if not isinstance(instance_type, str) or instance_type.startswith("local"):
        return False
    parts = instance_type.split(".")
    if len(parts) == 3 and parts[0] == "ml":
        parts = parts[1:]
    if len(parts) != 2:
        return False
    family = parts[0]
    return "d" not in family and not family.startswith(("g5", "g6", "p5", "trn1"))


# training ------------------------------------------------------------------------------
def estimator_defaults(config: Config, *, role: Any, output_kms_key: Any, volume_kms_key: Any, subnets: Any,
                       security_group_ids: Any, encrypt_inter_container_traffic: Any, debugger_hook_config: Any,
                       enable_network_isolation: Any, disable_profiler: Any, environment: Any,
                       instance_type: Optional[str], instance_groups: Optional[list]) -> Dict[str, Any]:
    """The estimator's settings with the ``SageMaker.TrainingJob`` defaults filled in (V2's constructor)."""
    kms_capable = instance_supports_kms(instance_type) or any(
        instance_supports_kms(getattr(group, "instance_type", None)) for group in instance_groups or [])
    return {
        "role": resolve_value(role, k.TRAINING_JOB_ROLE_ARN_PATH, config),
        "output_kms_key": resolve_value(output_kms_key, k.TRAINING_JOB_KMS_KEY_ID_PATH, config),
        "volume_kms_key": (resolve_value(volume_kms_key, k.TRAINING_JOB_VOLUME_KMS_KEY_ID_PATH, config)
                           if kms_capable else volume_kms_key),
        "subnets": resolve_value(subnets, k.TRAINING_JOB_SUBNETS_PATH, config),
        "security_group_ids": resolve_value(security_group_ids, k.TRAINING_JOB_SECURITY_GROUP_IDS_PATH, config),
        "encrypt_inter_container_traffic": resolve_value(
            encrypt_inter_container_traffic, k.TRAINING_JOB_INTER_CONTAINER_ENCRYPTION_PATH, config, False),
        "debugger_hook_config": resolve_value(debugger_hook_config, k.ESTIMATOR_DEBUG_HOOK_CONFIG_PATH, config),
        "enable_network_isolation": resolve_value(
            enable_network_isolation, k.TRAINING_JOB_ENABLE_NETWORK_ISOLATION_PATH, config, False),
        "disable_profiler": resolve_value(disable_profiler, k.TRAINING_JOB_DISABLE_PROFILER_PATH, config, False),
        "environment": resolve_value(environment, k.TRAINING_JOB_ENVIRONMENT_PATH, config),
    }


def training_inputs(config: Config, *, role: Any, encrypt_inter_container_traffic: Any,
                    enable_network_isolation: Any, environment: Any) -> Dict[str, Any]:
    """``Session.train`` arguments that V2 resolves from the config before building the request."""
    return {
        "role": resolve_value(role, k.TRAINING_JOB_ROLE_ARN_PATH, config),
        "encrypt_inter_container_traffic": resolve_value(
            encrypt_inter_container_traffic, k.TRAINING_JOB_INTER_CONTAINER_ENCRYPTION_PATH, config, False),
        "enable_network_isolation": resolve_value(
            enable_network_isolation, k.TRAINING_JOB_ENABLE_NETWORK_ISOLATION_PATH, config, False),
        "environment": resolve_value(environment, k.TRAINING_JOB_ENVIRONMENT_PATH, config),
    }


def training_request_with_config(request: Dict[str, Any], config: Config) -> Dict[str, Any]:
    """A CreateTrainingJob request with the config's Tags appended and its VpcConfig,
    OutputDataConfig, ResourceConfig and ProfilerConfig merged under the request's own values.

    A volume key that came from the config is dropped for instance types that take
    none.  As in V2, the config tags are appended to the request's own tag list
    (so an estimator's ``tags`` list keeps them).
    """
    if not config:
        return request
    result = dict(request)
    tags = append_config_tags(request.get("Tags"), k.TRAINING_JOB_TAGS_PATH, config)
    if tags:
        result["Tags"] = tags
    for field, path in (("VpcConfig", k.TRAINING_JOB_VPC_CONFIG_PATH),
                        ("OutputDataConfig", k.TRAINING_JOB_OUTPUT_DATA_CONFIG_PATH),
                        ("ProfilerConfig", k.TRAINING_JOB_PROFILE_CONFIG_PATH)):
        merged = merge_with_config(request.get(field), path, config)
        if merged is not None:
            result[field] = merged
    resources = request.get("ResourceConfig") or {}
    merged_resources = merge_with_config(resources, k.TRAINING_JOB_RESOURCE_CONFIG_PATH, config)
    if ("VolumeKmsKeyId" not in resources and "InstanceType" in merged_resources
            and not instance_supports_kms(merged_resources["InstanceType"])):
        merged_resources.pop("VolumeKmsKeyId", None)
    if merged_resources or "ResourceConfig" in request:
        result["ResourceConfig"] = merged_resources
    return result


# models and endpoints --------------------------------------------------------------------
def model_defaults(config: Config, *, role: Any, vpc_config: Any, enable_network_isolation: Any) -> Dict[str, Any]:
    """A Model's role, VPC and isolation with the ``SageMaker.Model`` defaults filled in (V2's Model).

    The container environment is merged with ``PrimaryContainer.Environment`` when the model
    is created (:func:`model_inputs`), which gives the same result as V2's two steps.
    """
    return {
        "role": resolve_value(role, k.MODEL_EXECUTION_ROLE_ARN_PATH, config),
        "vpc_config": resolve_value(vpc_config, k.MODEL_VPC_CONFIG_PATH, config),
        "enable_network_isolation": resolve_value(
            enable_network_isolation, k.MODEL_ENABLE_NETWORK_ISOLATION_PATH, config, False),
    }


def model_inputs(config: Config, *, role: Any, container_defs: Any, vpc_config: Any,
                 enable_network_isolation: Any, tags: Optional[List[Dict[str, str]]]) -> Dict[str, Any]:
    """``Session.create_model`` arguments with the ``SageMaker.Model`` config applied (V2's order)."""
    containers: Union[List[Dict[str, Any]], Dict[str, Any], None]
    if isinstance(container_defs, list):
        containers = merge_list_with_config(container_defs, k.MODEL_CONTAINERS_PATH, config)
    else:
        containers = merge_with_config(container_defs, k.MODEL_PRIMARY_CONTAINER_PATH, config)
    return {
        "tags": append_config_tags(tags, k.MODEL_TAGS_PATH, config),
        "role": resolve_value(role, k.MODEL_EXECUTION_ROLE_ARN_PATH, config),
        "vpc_config": resolve_value(vpc_config, k.MODEL_VPC_CONFIG_PATH, config),
        "enable_network_isolation": resolve_value(
            enable_network_isolation, k.MODEL_ENABLE_NETWORK_ISOLATION_PATH, config, False),
        "container_defs": containers,
    }


def production_variants_with_config(variants: List[Dict[str, Any]], config: Config) -> List[Dict[str, Any]]:
    """Variants with ``SageMaker.EndpointConfig.ProductionVariants`` merged in (only where the merged
    variant has a CoreDumpConfig.DestinationS3Uri, V2's rule)."""
    return merge_list_with_config(variants, k.ENDPOINT_CONFIG_PRODUCTION_VARIANTS_PATH, config,
                                  required_key_paths=("CoreDumpConfig.DestinationS3Uri",)) or variants


def endpoint_config_inputs(config: Config, *, production_variants: List[Dict[str, Any]],
                           kms_key: Optional[str], tags: Optional[List[Dict[str, str]]],
                           data_capture_config: Optional[dict],
                           async_inference_config: Optional[dict],
                           instance_type: Optional[str] = None) -> Dict[str, Any]:
    """CreateEndpointConfig settings with the ``SageMaker.EndpointConfig`` config applied.

    The config's KmsKeyId applies only when an instance type of the config takes a volume key.
    """
    if instance_type is not None:
        kms_capable = instance_supports_kms(instance_type)
    else:
        kms_capable = any(instance_supports_kms(variant.get("InstanceType")) for variant in production_variants)
    return {
        "production_variants": production_variants_with_config(production_variants, config),
        "kms_key": resolve_value(kms_key, k.ENDPOINT_CONFIG_KMS_KEY_ID_PATH, config) if kms_capable else kms_key,
        "tags": append_config_tags(tags, k.ENDPOINT_CONFIG_TAGS_PATH, config),
        "data_capture_config": (merge_with_config(data_capture_config, k.ENDPOINT_CONFIG_DATA_CAPTURE_PATH, config)
                                if data_capture_config is not None else None),
        "async_inference_config": (
            merge_with_config(async_inference_config, k.ENDPOINT_CONFIG_ASYNC_INFERENCE_PATH, config)
            if async_inference_config is not None else None),
    }


def endpoint_tags(tags: Optional[List[Dict[str, str]]], config: Config) -> Optional[List[Dict[str, str]]]:
    """CreateEndpoint tags: the caller's followed by ``SageMaker.Endpoint.Tags``."""
    return append_config_tags(tags, k.ENDPOINT_TAGS_PATH, config)


# batch transform ---------------------------------------------------------------------------
def transformer_defaults(config: Config, *, volume_kms_key: Any, output_kms_key: Any, env: Any) -> Dict[str, Any]:
    """A Transformer's settings with the ``SageMaker.TransformJob`` defaults filled in."""
    return {
        "volume_kms_key": resolve_value(volume_kms_key, k.TRANSFORM_RESOURCES_VOLUME_KMS_KEY_ID_PATH, config),
        "output_kms_key": resolve_value(output_kms_key, k.TRANSFORM_OUTPUT_KMS_KEY_ID_PATH, config),
        "env": resolve_value(env, k.TRANSFORM_JOB_ENVIRONMENT_PATH, config),
    }


def transform_inputs(config: Config, *, tags: Optional[List[Dict[str, str]]], output_config: Dict[str, Any],
                     resource_config: Dict[str, Any], env: Any,
                     data_capture_config: Optional[Dict[str, Any]]) -> Dict[str, Any]:
    """``Session.transform`` arguments with the ``SageMaker.TransformJob`` config applied."""
    from sagemaker_estimators.config.resolve import set_nested_default

    return {
        "tags": append_config_tags(tags, k.TRANSFORM_JOB_TAGS_PATH, config),
        "data_capture_config": (set_nested_default(data_capture_config, [k.KMS_KEY_ID],
                                                   k.TRANSFORM_JOB_KMS_KEY_ID_PATH, config)
                                if data_capture_config is not None else None),
        "output_config": set_nested_default(output_config, [k.KMS_KEY_ID], k.TRANSFORM_OUTPUT_KMS_KEY_ID_PATH, config),
        "resource_config": set_nested_default(resource_config, [k.VOLUME_KMS_KEY_ID],
                                              k.TRANSFORM_RESOURCES_VOLUME_KMS_KEY_ID_PATH, config),
        "env": resolve_value(env, k.TRANSFORM_JOB_ENVIRONMENT_PATH, config),
    }


# session -------------------------------------------------------------------------------------
def session_defaults(config: Config, *, default_bucket: Optional[str],
                     default_bucket_prefix: Optional[str]) -> Dict[str, Any]:
    """The Session's default bucket and key prefix, from ``SageMaker.PythonSDK.Modules.Session`` when not given."""
    return {
        "default_bucket": resolve_value(default_bucket, k.SESSION_DEFAULT_S3_BUCKET_PATH, config),
        "default_bucket_prefix": resolve_value(default_bucket_prefix, k.SESSION_DEFAULT_S3_OBJECT_KEY_PREFIX_PATH,
                                               config),
    }


# processing -----------------------------------------------------------------------------------
#: ProcessingInputs may hold a DatasetDefinition or an S3Input, and Athena or Redshift, not both (V2's rule)
PROCESSING_INPUT_UNIONS = (("DatasetDefinition", "S3Input"),
                           ("DatasetDefinition.AthenaDatasetDefinition", "DatasetDefinition.RedshiftDatasetDefinition"))


def processing_inputs(config: Config, *, tags: Optional[List[Dict[str, str]]], network_config: Optional[dict],
                      inputs: Optional[List[Dict[str, Any]]], role_arn: Optional[str],
                      output_config: Optional[dict], resources: Optional[dict], environment: Any) -> Dict[str, Any]:
    """CreateProcessingJob fields with the ``SageMaker.ProcessingJob`` config applied, in V2's
    ``Session.process`` order: Tags appended; NetworkConfig's inter-container encryption filled,
    then the whole NetworkConfig merged; ProcessingInputs merged item by item; RoleArn;
    ProcessingOutputConfig and ProcessingResources merged; Environment.

    The keys of the result are the arguments' names.  (A Processor's own constructor
    defaults - role, KMS keys, subnets, security groups, isolation, environment - are
    resolved with :func:`~sagemaker_estimators.config.resolve.resolve_value` and the
    ``PROCESSING_JOB_*_PATH`` constants of :mod:`~sagemaker_estimators.config.keys`.)
    """
    from sagemaker_estimators.config.resolve import set_nested_default

    network_config = set_nested_default(network_config, [k.ENABLE_INTER_CONTAINER_TRAFFIC_ENCRYPTION],
                                        k.PROCESSING_JOB_INTER_CONTAINER_ENCRYPTION_PATH, config)
    return {
        "tags": append_config_tags(tags, k.PROCESSING_JOB_TAGS_PATH, config),
        "inputs": merge_list_with_config(inputs, k.PROCESSING_JOB_INPUTS_PATH, config,
                                         union_key_paths=PROCESSING_INPUT_UNIONS),
        "role_arn": resolve_value(role_arn, k.PROCESSING_JOB_ROLE_ARN_PATH, config),
        "network_config": merge_with_config(network_config, k.PROCESSING_JOB_NETWORK_CONFIG_PATH, config),
        "output_config": merge_with_config(output_config, k.PROCESSING_OUTPUT_CONFIG_PATH, config),
        "resources": merge_with_config(resources, k.PROCESSING_JOB_PROCESSING_RESOURCES_PATH, config),
        "environment": resolve_value(environment, k.PROCESSING_JOB_ENVIRONMENT_PATH, config),
    }
