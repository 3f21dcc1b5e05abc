"""CreateProcessingJob requests, built by pure functions (no I/O) as V2 builds them."""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from sagemaker_estimators.request_builders.fields import set_present


def app_specification(image_uri: str, entrypoint: Optional[List[str]], arguments: Optional[List[str]]) -> Dict[str, Any]:
    """``AppSpecification``: the image, then the container arguments and entrypoint when given."""
    spec: Dict[str, Any] = {"ImageUri": image_uri}
    set_present(spec, [("ContainerArguments", arguments), ("ContainerEntrypoint", entrypoint)])
    return spec


def output_config(outputs: List[Dict[str, Any]], kms_key_id: Optional[str]) -> Dict[str, Any]:
    """``ProcessingOutputConfig``."""
    config: Dict[str, Any] = {"Outputs": outputs}
    set_present(config, [("KmsKeyId", kms_key_id)])
    return config


def processing_resources(instance_count: int, instance_type: str, volume_kms_key: Optional[str],
                         volume_size_in_gb: int) -> Dict[str, Any]:
    """``ProcessingResources`` with its one ``ClusterConfig``."""
    cluster: Dict[str, Any] = {"InstanceCount": instance_count, "InstanceType": instance_type,
                               "VolumeSizeInGB": volume_size_in_gb}
    set_present(cluster, [("VolumeKmsKeyId", volume_kms_key)])
    return {"ClusterConfig": cluster}


def stopping_condition(max_runtime_in_seconds: Optional[int]) -> Optional[Dict[str, Any]]:
    """``StoppingCondition``, or None when no limit was given (SageMaker's default applies)."""
    if max_runtime_in_seconds is None:
        return None
    return {"MaxRuntimeInSeconds": max_runtime_in_seconds}


def processing_job_request(
    job_name: str,
    inputs: List[Dict[str, Any]],
    outputs: List[Dict[str, Any]],
    output_kms_key: Optional[str],
    resources: Dict[str, Any],
    app_spec: Dict[str, Any],
    role_arn: str,
    stopping: Optional[Dict[str, Any]] = None,
    environment: Optional[Dict[str, str]] = None,
    network_config: Optional[Dict[str, Any]] = None,
    tags: Optional[List[Dict[str, str]]] = None,
    experiment_config: Optional[Dict[str, str]] = None,
) -> Dict[str, Any]:
    """The CreateProcessingJob request; optional fields appear only when set, as V2 sends them."""
    request: Dict[str, Any] = {
        "ProcessingJobName": job_name,
        "ProcessingResources": resources,
        "AppSpecification": app_spec,
        "RoleArn": role_arn,
    }
    if inputs:
        request["ProcessingInputs"] = inputs
    if outputs:
        request["ProcessingOutputConfig"] = output_config(outputs, output_kms_key)
    set_present(request, [("Environment", environment), ("NetworkConfig", network_config),
                          ("StoppingCondition", stopping), ("Tags", tags)])
    if experiment_config:
        request["ExperimentConfig"] = experiment_config
    return request
