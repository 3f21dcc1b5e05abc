"""Where the SageMaker defaults config (``SageMaker.ProcessingJob``) meets processing jobs, as in V2.

Two points, as V2 applies them:

* :func:`processor_defaults` - the Processor constructor fills in role, output and volume
  KMS keys, environment and the unset attributes of its NetworkConfig (subnets, security
  groups, isolation, inter-container encryption; a NetworkConfig is created when the
  config has one of them and the user gave none);
* :func:`configured_processing_request` - when the job is created, the config's Tags are
  appended and NetworkConfig, ProcessingInputs (dataset definitions), RoleArn,
  ProcessingOutputConfig, ProcessingResources and Environment are merged under the job's
  own values; then the pure request builder runs on the result.

Both read the merged config as data (``session.sagemaker_config``) and do no I/O.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from sagemaker_estimators.config import keys
from sagemaker_estimators.config.apply import processing_inputs
from sagemaker_estimators.config.resolve import get_config_value, resolve_value
from sagemaker_estimators.network import NetworkConfig
from sagemaker_estimators.request_builders import processing as requests

Config = Optional[Dict[str, Any]]

#: NetworkConfig attribute -> the config key that fills it when the attribute is None
NETWORK_CONFIG_ATTRIBUTES = (
    ("subnets", keys.PROCESSING_JOB_SUBNETS_PATH),
    ("security_group_ids", keys.PROCESSING_JOB_SECURITY_GROUP_IDS_PATH),
    ("enable_network_isolation", keys.PROCESSING_JOB_ENABLE_NETWORK_ISOLATION_PATH),
    ("encrypt_inter_container_traffic", keys.PROCESSING_JOB_INTER_CONTAINER_ENCRYPTION_PATH),
)


def network_config_with_defaults(network_config: Any, config: Config) -> Any:
    """``network_config`` with its unset (None) attributes taken from the config.

    A new :class:`~sagemaker_estimators.network.NetworkConfig` is made when the user gave
    none and the config holds one of the attributes; otherwise None stays None.  The
    user's object is changed in place, as V2 does.
    """
    for attribute, path in NETWORK_CONFIG_ATTRIBUTES:
        if get_config_value(config, path) is None:
            continue
        if network_config is None:
            network_config = NetworkConfig()
        elif not hasattr(network_config, attribute):
            raise TypeError(f"network_config must be a sagemaker.network.NetworkConfig, got {network_config!r}")
        setattr(network_config, attribute, resolve_value(getattr(network_config, attribute), path, config))
    return network_config


def processor_defaults(config: Config, *, role: Any, output_kms_key: Any, volume_kms_key: Any, env: Any,
                       network_config: Any) -> Dict[str, Any]:
    """A Processor's settings with the ``SageMaker.ProcessingJob`` defaults filled in (V2's constructor)."""
    return {
        "output_kms_key": resolve_value(output_kms_key, keys.PROCESSING_JOB_KMS_KEY_ID_PATH, config),
        "volume_kms_key": resolve_value(volume_kms_key, keys.PROCESSING_JOB_VOLUME_KMS_KEY_ID_PATH, config),
        "network_config": network_config_with_defaults(network_config, config),
        "role": resolve_value(role, keys.PROCESSING_JOB_ROLE_ARN_PATH, config),
        "env": resolve_value(env, keys.PROCESSING_JOB_ENVIRONMENT_PATH, config),
    }


def configured_processing_request(
    config: Config,
    *,
    job_name: str,
    inputs: List[Dict[str, Any]],
    output_config: Optional[Dict[str, Any]],
    resources: Dict[str, Any],
    app_spec: Dict[str, Any],
    role_arn: Optional[str],
    stopping: Optional[Dict[str, Any]] = None,
    environment: Optional[Dict[str, str]] = None,
    network_config: Optional[Dict[str, Any]] = None,
    tags: Optional[List[Dict[str, str]]] = None,
    experiment_config: Optional[Dict[str, str]] = None,
) -> Dict[str, Any]:
    """The CreateProcessingJob request with the config merged in at request time (V2's ``Session.process``).

    ``output_config`` is the ``ProcessingOutputConfig`` mapping (``Outputs`` and ``KmsKeyId``).
    """
    resolved = processing_inputs(config, tags=tags, network_config=network_config, inputs=inputs,
                                 role_arn=role_arn, output_config=output_config, resources=resources,
                                 environment=environment)
    merged_output = resolved["output_config"] or {}
    return requests.processing_job_request(
        job_name=job_name,
        inputs=resolved["inputs"] or [],
        outputs=merged_output.get("Outputs") or [],
        output_kms_key=merged_output.get("KmsKeyId"),
        resources=resolved["resources"],
        app_spec=app_spec,
        role_arn=resolved["role_arn"],
        stopping=stopping,
        environment=resolved["environment"],
        network_config=resolved["network_config"],
        tags=resolved["tags"],
        experiment_config=experiment_config,
    )
