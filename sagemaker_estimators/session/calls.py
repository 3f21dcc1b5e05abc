"""More of V2's ``Session`` methods that legacy code calls: a model from a training job, training-job
updates, waits for processing jobs and model packages, and Search.

Each request is built by a pure function here; :class:`SessionCallsMixin` only sends it.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional

from sagemaker_estimators.exceptions import CapacityError, UnexpectedStatusException
from sagemaker_estimators.job_status import TERMINAL_JOB_STATUSES, check_job_status, wait_until
from sagemaker_estimators.validation import VPC_CONFIG_DEFAULT

logger = logging.getLogger(__name__)

#: model package statuses that mean "still being created"
MODEL_PACKAGE_IN_PROGRESS = frozenset({"InProgress", "Pending"})


def model_data_source_from_job(description: Dict[str, Any]) -> Dict[str, Any]:
    """The ``ModelDataSource`` of a training job's artifacts, as V2 builds it (compressed: an S3Object;
    uncompressed: an S3Prefix ending in "/")."""
    uri = description["ModelArtifacts"]["S3ModelArtifacts"]
    compression = description.get("OutputDataConfig", {}).get("CompressionType", "GZIP")
    if compression not in ("GZIP", "NONE"):
        raise ValueError(f'Unrecognized training job output data compression type "{compression}"')
    if compression == "NONE" and not uri.endswith("/"):
        uri += "/"
    return {"S3DataSource": {"S3Uri": uri, "S3DataType": "S3Object" if compression == "GZIP" else "S3Prefix",
                             "CompressionType": compression.title()}}


def update_training_job_request(job_name: str, profiler_rule_configs: Optional[List[Dict[str, Any]]] = None,
                                profiler_config: Optional[Dict[str, Any]] = None,
                                resource_config: Optional[Dict[str, Any]] = None,
                                remote_debug_config: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """The UpdateTrainingJob request: the job name and each setting that is given."""
    request: Dict[str, Any] = {"TrainingJobName": job_name}
    for key, value in (("ProfilerRuleConfigurations", profiler_rule_configs), ("ProfilerConfig", profiler_config),
                       ("ResourceConfig", resource_config), ("RemoteDebugConfig", remote_debug_config)):
        if value is not None:
            request[key] = value
    return request


def search_request(resource: str, search_expression: Optional[Dict[str, Any]] = None,
                   sort_by: Optional[str] = None, sort_order: Optional[str] = None,
                   next_token: Optional[str] = None, max_results: Optional[int] = None) -> Dict[str, Any]:
    """The Search request: the resource and each option that is given (empty ones are left out, as V2 does)."""
    request: Dict[str, Any] = {"Resource": resource}
    for key, value in (("SearchExpression", search_expression), ("SortBy", sort_by), ("SortOrder", sort_order),
                       ("NextToken", next_token), ("MaxResults", max_results)):
        if value:
            request[key] = value
    return request


def check_model_package_status(name: str, description: Dict[str, Any]) -> None:
    """Raise (CapacityError or UnexpectedStatusException, V2's) unless the package completed."""
    status = description["ModelPackageStatus"]
    if status == "Completed":
        return
    reason = description.get("FailureReason")
    message = f"Error creating model package {name}: {status} Reason: {reason}"
    if "CapacityError" in str(reason):
        raise CapacityError(message=message, allowed_statuses=["InService"], actual_status=status)
    raise UnexpectedStatusException(message=message, allowed_statuses=["Completed"], actual_status=status)


class SessionCallsMixin:
    """The V2 ``Session`` methods above, sent through ``sagemaker_client``."""

    sagemaker_client: Any

    def create_model_from_job(self, training_job_name: str, name: Optional[str] = None, role: Optional[str] = None,
                              image_uri: Optional[str] = None, model_data_url: Any = None,
                              env: Optional[Dict[str, str]] = None, enable_network_isolation: Optional[bool] = None,
                              vpc_config_override: Any = VPC_CONFIG_DEFAULT, tags: Any = None) -> str:
        """CreateModel from a training job: its image, artifacts, role and VPC unless given. Returns the name."""
        from sagemaker_estimators.request_builders.hosting import container_def
        from sagemaker_estimators.session.hosting import sanitize_vpc_config

        job = self.sagemaker_client.describe_training_job(TrainingJobName=training_job_name)
        container = container_def(image_uri or job["AlgorithmSpecification"]["TrainingImage"],
                                  model_data_url=model_data_url or model_data_source_from_job(job), env=env or {})
        if vpc_config_override == VPC_CONFIG_DEFAULT:
            vpc_config = job.get("VpcConfig")
        else:
            vpc_config = sanitize_vpc_config(vpc_config_override) if vpc_config_override else None
        return self.create_model(  # type: ignore[attr-defined]
            name or training_job_name, role or job["RoleArn"], container, vpc_config=vpc_config,
            enable_network_isolation=bool(enable_network_isolation), tags=tags,
        )

    def update_training_job(self, job_name: str, profiler_rule_configs: Optional[List[Dict[str, Any]]] = None,
                            profiler_config: Optional[Dict[str, Any]] = None,
                            resource_config: Optional[Dict[str, Any]] = None,
                            remote_debug_config: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
        """UpdateTrainingJob (profiler settings, keep-alive period, remote debugging)."""
        request = update_training_job_request(job_name, profiler_rule_configs, profiler_config, resource_config,
                                              remote_debug_config)
        logger.info("Updating training job with name %s", job_name)
        return self.sagemaker_client.update_training_job(**request)

    def wait_for_processing_job(self, job: str, poll: float = 5) -> Dict[str, Any]:
        """Wait until the processing job ends; raise if it failed; return its description."""
        description = wait_until(
            lambda: self.sagemaker_client.describe_processing_job(ProcessingJobName=job),
            lambda desc: desc.get("ProcessingJobStatus") in TERMINAL_JOB_STATUSES,
            poll=poll,
        )
        check_job_status(job, description, "ProcessingJobStatus")
        return description

    def wait_for_model_package(self, model_package_name: str, poll: float = 5) -> Dict[str, Any]:
        """Wait until the model package is no longer being created; raise unless it completed."""
        description = wait_until(
            lambda: self.sagemaker_client.describe_model_package(ModelPackageName=model_package_name),
            lambda desc: desc.get("ModelPackageStatus") not in MODEL_PACKAGE_IN_PROGRESS,
            poll=poll,
        )
        check_model_package_status(model_package_name, description)
        return description

    def search(self, resource: str, search_expression: Optional[Dict[str, Any]] = None,
               sort_by: Optional[str] = None, sort_order: Optional[str] = None, next_token: Optional[str] = None,
               max_results: Optional[int] = None) -> Dict[str, Any]:
        """SageMaker Search; returns the raw response."""
        return self.sagemaker_client.search(**search_request(resource, search_expression, sort_by, sort_order,
                                                             next_token, max_results))
