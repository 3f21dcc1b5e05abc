"""Pure builders of hosting and batch-transform requests.

Model state in, request dict out: CreateModel, CreateEndpointConfig,
CreateEndpoint and CreateTransformJob bodies with V2's field set and values.
No function here performs I/O; :class:`~sagemaker_estimators.session.Session`
sends what they return.  ``container_def`` and ``production_variant`` are also
V2's public ``sagemaker.container_def`` / ``sagemaker.production_variant``.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Union

from sagemaker_estimators.request_builders.fields import set_present as _set_present
from sagemaker_estimators.validation import format_tags

ModelData = Union[str, Dict[str, Any], None]


def container_def(
    image_uri: str,
    model_data_url: ModelData = None,
    env: Optional[Dict[str, str]] = None,
    container_mode: Optional[str] = None,
    image_config: Optional[Dict[str, Any]] = None,
    accept_eula: Optional[bool] = None,
    additional_model_data_sources: Optional[List[Dict[str, Any]]] = None,
    model_reference_arn: Optional[str] = None,
) -> Dict[str, Any]:
    """A container definition (``PrimaryContainer``) for CreateModel.

    A ``model_data_url`` string is sent as ``ModelDataUrl``; a dict (an
    uncompressed ``S3DataSource``) as ``ModelDataSource``.  With ``accept_eula``
    an S3 ``.tar.gz`` is sent as a ``ModelDataSource`` carrying the
    ``ModelAccessConfig``, as V2 does.
    """
    definition: Dict[str, Any] = {"Image": image_uri, "Environment": {} if env is None else env}
    if additional_model_data_sources:
        definition["AdditionalModelDataSources"] = additional_model_data_sources
    needs_source = isinstance(model_data_url, dict) or (
        isinstance(model_data_url, str) and accept_eula is not None
        and model_data_url.startswith("s3://") and model_data_url.endswith("tar.gz")
    )
    if needs_source:
        if isinstance(model_data_url, dict):
            source = model_data_url
        else:
            source = {"S3DataSource": {"S3Uri": model_data_url, "S3DataType": "S3Object",
                                       "CompressionType": "Gzip"}}
        definition["ModelDataSource"] = source
        if accept_eula is not None:
            source["S3DataSource"]["ModelAccessConfig"] = {"AcceptEula": accept_eula}
        if model_reference_arn:
            source["S3DataSource"]["HubAccessConfig"] = {"HubContentArn": model_reference_arn}
    elif model_data_url is not None:
        definition["ModelDataUrl"] = model_data_url
    if container_mode:
        definition["Mode"] = container_mode
    if image_config:
        definition["ImageConfig"] = image_config
    return definition


def production_variant(
    model_name: Optional[str] = None,
    instance_type: Optional[str] = None,
    initial_instance_count: Optional[int] = None,
    variant_name: str = "AllTraffic",
    initial_weight: float = 1,
    accelerator_type: Optional[str] = None,
    serverless_inference_config: Optional[Dict[str, Any]] = None,
    volume_size: Optional[int] = None,
    model_data_download_timeout: Optional[int] = None,
    container_startup_health_check_timeout: Optional[int] = None,
    managed_instance_scaling: Optional[Dict[str, Any]] = None,
    routing_config: Optional[Dict[str, Any]] = None,
    inference_ami_version: Optional[str] = None,
) -> Dict[str, Any]:
    """One ``ProductionVariants`` entry of CreateEndpointConfig (instance count defaults to 1)."""
    variant: Dict[str, Any] = {"VariantName": variant_name}
    if model_name:
        variant["ModelName"] = model_name
        variant["InitialVariantWeight"] = initial_weight
    if accelerator_type:
        variant["AcceleratorType"] = accelerator_type
    if managed_instance_scaling:
        variant["ManagedInstanceScaling"] = managed_instance_scaling
    if serverless_inference_config:
        variant["ServerlessConfig"] = serverless_inference_config
    else:
        variant["InitialInstanceCount"] = initial_instance_count or 1
        variant["InstanceType"] = instance_type
        _set_present(variant, (("VolumeSizeInGB", volume_size),
                               ("ModelDataDownloadTimeoutInSeconds", model_data_download_timeout),
                               ("ContainerStartupHealthCheckTimeoutInSeconds", container_startup_health_check_timeout),
                               ("RoutingConfig", routing_config)))
    if inference_ami_version:
        variant["InferenceAmiVersion"] = inference_ami_version
    return variant


def model_request(
    name: str,
    role_arn: str,
    container_defs: Union[str, Dict[str, Any], List[Dict[str, Any]]],
    vpc_config: Optional[Dict[str, Any]] = None,
    enable_network_isolation: Optional[bool] = False,
    tags: Any = None,
) -> Dict[str, Any]:
    """CreateModel: one container becomes ``PrimaryContainer``, a list ``Containers``."""
    if isinstance(container_defs, str):
        container_defs = container_def(container_defs)
    request: Dict[str, Any] = {"ModelName": name, "ExecutionRoleArn": role_arn}
    if isinstance(container_defs, list):
        request["Containers"] = container_defs
    elif "ModelPackageName" in container_defs:
        request["Containers"] = [container_defs]
    else:
        request["PrimaryContainer"] = container_defs
    tags = format_tags(tags)
    if tags:
        request["Tags"] = tags
    if vpc_config:
        request["VpcConfig"] = vpc_config
    if enable_network_isolation:
        request["EnableNetworkIsolation"] = enable_network_isolation
    return request


def endpoint_config_request(
    name: str,
    production_variants: List[Dict[str, Any]],
    tags: Any = None,
    kms_key: Optional[str] = None,
    data_capture_config: Optional[Dict[str, Any]] = None,
    async_inference_config: Optional[Dict[str, Any]] = None,
    explainer_config: Optional[Dict[str, Any]] = None,
    vpc_config: Optional[Dict[str, Any]] = None,
    enable_network_isolation: Optional[bool] = None,
    role_arn: Optional[str] = None,
    tags_always: bool = False,
) -> Dict[str, Any]:
    """CreateEndpointConfig.

    ``tags_always`` sends ``Tags`` even when empty (V2's ``create_endpoint_config``
    does; ``endpoint_from_production_variants`` sends them only when present).
    """
    request: Dict[str, Any] = {"EndpointConfigName": name, "ProductionVariants": production_variants}
    tags = format_tags(tags)
    if tags_always:
        request["Tags"] = tags or []
    elif tags:
        request["Tags"] = tags
    if kms_key:
        request["KmsKeyId"] = kms_key
    _set_present(request, (("DataCaptureConfig", data_capture_config), ("AsyncInferenceConfig", async_inference_config),
                           ("ExplainerConfig", explainer_config), ("VpcConfig", vpc_config),
                           ("EnableNetworkIsolation", enable_network_isolation), ("ExecutionRoleArn", role_arn)))
    return request


def endpoint_request(endpoint_name: str, config_name: str, tags: Any = None) -> Dict[str, Any]:
    """CreateEndpoint; ``Tags`` is always sent (``[]`` when there are none), as V2 does."""
    return {"EndpointName": endpoint_name, "EndpointConfigName": config_name, "Tags": format_tags(tags) or []}


def transform_input(data: str, data_type: str = "S3Prefix", content_type: Optional[str] = None,
                    compression_type: Optional[str] = None, split_type: Optional[str] = None) -> Dict[str, Any]:
    """TransformInput."""
    config: Dict[str, Any] = {"DataSource": {"S3DataSource": {"S3DataType": data_type, "S3Uri": data}}}
    _set_present(config, (("ContentType", content_type), ("CompressionType", compression_type),
                          ("SplitType", split_type)))
    return config


def transform_output(output_path: str, kms_key: Optional[str] = None, assemble_with: Optional[str] = None,
                     accept: Optional[str] = None) -> Dict[str, Any]:
    """TransformOutput."""
    config: Dict[str, Any] = {"S3OutputPath": output_path}
    _set_present(config, (("KmsKeyId", kms_key), ("AssembleWith", assemble_with), ("Accept", accept)))
    return config


def transform_resources(instance_count: int, instance_type: str, volume_kms_key: Optional[str] = None) -> Dict[str, Any]:
    """TransformResources."""
    config: Dict[str, Any] = {"InstanceCount": instance_count, "InstanceType": instance_type}
    if volume_kms_key is not None:
        config["VolumeKmsKeyId"] = volume_kms_key
    return config


def data_processing(input_filter: Optional[str] = None, output_filter: Optional[str] = None,
                    join_source: Optional[str] = None) -> Optional[Dict[str, Any]]:
    """DataProcessing, or None when no filter or join is set."""
    config = {key: value for key, value in (("InputFilter", input_filter), ("OutputFilter", output_filter),
                                            ("JoinSource", join_source)) if value is not None}
    return config or None


def transform_job_request(
    job_name: str,
    model_name: str,
    input_config: Dict[str, Any],
    output_config: Dict[str, Any],
    resource_config: Dict[str, Any],
    strategy: Optional[str] = None,
    max_concurrent_transforms: Optional[int] = None,
    max_payload: Optional[int] = None,
    env: Optional[Dict[str, str]] = None,
    tags: Any = None,
    data_processing: Optional[Dict[str, Any]] = None,  # noqa: F811 - V2's parameter name
    experiment_config: Optional[Dict[str, str]] = None,
    model_client_config: Optional[Dict[str, Any]] = None,
    data_capture_config: Optional[Dict[str, Any]] = None,
) -> Dict[str, Any]:
    """CreateTransformJob."""
    request: Dict[str, Any] = {
        "TransformJobName": job_name,
        "ModelName": model_name,
        "TransformInput": input_config,
        "TransformOutput": output_config,
        "TransformResources": resource_config,
    }
    _set_present(request, (("BatchStrategy", strategy), ("MaxConcurrentTransforms", max_concurrent_transforms),
                           ("MaxPayloadInMB", max_payload), ("Environment", env), ("Tags", format_tags(tags)),
                           ("DataProcessing", data_processing)))
    if experiment_config:
        request["ExperimentConfig"] = experiment_config
    if model_client_config:
        request["ModelClientConfig"] = model_client_config
    if data_capture_config is not None:
        request["DataCaptureConfig"] = data_capture_config
    return request
