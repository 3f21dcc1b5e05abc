"""Hosting and batch-transform calls of ``Session`` (V2's names and signatures).

Request bodies come from :mod:`sagemaker_estimators.request_builders.hosting`; this
mixin sends them through ``self.sagemaker_client`` (a LocalSession swaps in its
local client, so local mode goes through the same methods) and waits with
adaptive polling that ends on every terminal status.
"""
from __future__ import annotations

import json
import logging
import sys
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional

from botocore.exceptions import ClientError

from sagemaker_estimators.create_once import ENDPOINT, ENDPOINT_CONFIG, TRANSFORM_JOB, create_once
from sagemaker_estimators import job_logs
from sagemaker_estimators.exceptions import CapacityError, UnexpectedStatusException
from sagemaker_estimators.job_status import TERMINAL_JOB_STATUSES, check_job_status, wait_until
from sagemaker_estimators.request_builders import hosting as req
from sagemaker_estimators.validation import VPC_CONFIG_DEFAULT

logger = logging.getLogger(__name__)

TRANSFORM_LOG_GROUP = "/aws/sagemaker/TransformJobs"
#: endpoint statuses that mean "still working on it"
ENDPOINT_IN_PROGRESS = frozenset({"Creating", "Updating", "SystemUpdating"})
_ENDPOINT_MARKS = {"OutOfService": "x", "Creating": "-", "Updating": "-", "InService": "!",
                   "RollingBack": "<", "Deleting": "o", "Failed": "*"}
_TRANSFORM_MARKS = {"Completed": "!", "InProgress": ".", "Failed": "*", "Stopped": "s", "Stopping": "_"}
_ENDPOINT_HELP = ("Try changing the instance type or reference the troubleshooting page "
                  "https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference-troubleshooting.html")


def _error(error: ClientError) -> tuple:
    details = error.response.get("Error", {})
    return details.get("Code", ""), details.get("Message", "")


def _already_exists(error: ClientError) -> bool:
    code, message = _error(error)
    return code in ("ValidationException", "ResourceInUse") and (
        "Cannot create already existing" in message or "already exists" in message)


def _mark(marks: Dict[str, str], status: str) -> None:
    sys.stdout.write(marks.get(status, "?"))
    sys.stdout.flush()


def sanitize_vpc_config(vpc_config: Any) -> Optional[Dict[str, List[str]]]:
    """Check a VpcConfig dict and keep only Subnets and SecurityGroupIds (None stays None)."""
    if vpc_config is None:
        return None
    if not isinstance(vpc_config, dict) or not vpc_config:
        raise ValueError(f"vpc_config={vpc_config!r} must be a dict with 'Subnets' and 'SecurityGroupIds'")
    for key in ("Subnets", "SecurityGroupIds"):
        value = vpc_config.get(key)
        if not isinstance(value, list) or not value:
            raise ValueError(f"vpc_config[{key!r}]={value!r} must be a non-empty list of str")
    return {"Subnets": list(vpc_config["Subnets"]), "SecurityGroupIds": list(vpc_config["SecurityGroupIds"])}


class HostingMixin:
    """Session methods for models, endpoints and transform jobs.

    Arguments left unset take the session's defaults config (``sagemaker_config``)
    values, as V2 does (see :mod:`sagemaker_estimators.config.apply`).
    """

    sagemaker_client: Any
    sagemaker_config: Optional[Dict[str, Any]] = None

    if TYPE_CHECKING:  # provided by Session, which this mixin is part of
        @property
        def boto_region_name(self) -> str: ...

        @property
        def logs_client(self) -> Any: ...

        def expand_role(self, role: str) -> str: ...

        def get_caller_identity_arn(self) -> str: ...

    # models ----------------------------------------------------------------------
    def create_model(self, name: str, role: Optional[str] = None, container_defs: Any = None,
                     vpc_config: Optional[Dict[str, Any]] = None, enable_network_isolation: Optional[bool] = None,
                     primary_container: Any = None, tags: Any = None) -> str:
        """CreateModel; an existing model of that name is reused with a warning (V2). Returns the name."""
        from sagemaker_estimators.config.apply import model_inputs

        if container_defs and primary_container:
            raise ValueError("Both container_defs and primary_container can not be passed as input")
        container_defs = container_defs or primary_container
        if container_defs is None:
            raise ValueError("create_model needs container_defs (see sagemaker.container_def)")
        resolved = model_inputs(self.sagemaker_config, role=role, container_defs=container_defs,
                                vpc_config=vpc_config, enable_network_isolation=enable_network_isolation,
                                tags=tags if isinstance(tags, list) else req.format_tags(tags))
        if resolved["role"] is None:
            raise ValueError("role is required to create a model: pass an IAM role ARN or name.")
        request = req.model_request(name, self.expand_role(resolved["role"]), resolved["container_defs"],
                                    resolved["vpc_config"], bool(resolved["enable_network_isolation"]),
                                    resolved["tags"])
        logger.info("Creating model with name: %s", name)
        logger.debug("CreateModel request: %s", json.dumps(request, default=str))
        try:
            self.sagemaker_client.create_model(**request)
        except ClientError as error:
            code, message = _error(error)
            if code == "ValidationException" and "Cannot create already existing model" in message:
                logger.warning("Using already existing model: %s", name)
            else:
                raise
        return name

    def describe_model(self, name: str) -> Dict[str, Any]:
        """DescribeModel."""
        return self.sagemaker_client.describe_model(ModelName=name)

    def delete_model(self, model_name: str) -> None:
        """DeleteModel."""
        logger.info("Deleting model with name: %s", model_name)
        self.sagemaker_client.delete_model(ModelName=model_name)

    # endpoint configs ------------------------------------------------------------------
    def create_endpoint_config(self, name: str, model_name: Optional[str] = None,
                               initial_instance_count: Optional[int] = None, instance_type: Optional[str] = None,
                               accelerator_type: Optional[str] = None, tags: Any = None,
                               kms_key: Optional[str] = None, data_capture_config_dict: Optional[dict] = None,
                               volume_size: Optional[int] = None, model_data_download_timeout: Optional[int] = None,
                               container_startup_health_check_timeout: Optional[int] = None,
                               explainer_config_dict: Optional[dict] = None,
                               async_inference_config_dict: Optional[dict] = None,
                               serverless_inference_config_dict: Optional[dict] = None,
                               routing_config: Optional[Dict[str, Any]] = None,
                               inference_ami_version: Optional[str] = None,
                               production_variants: Optional[List[Dict[str, Any]]] = None,
                               role: Optional[str] = None) -> str:
        """CreateEndpointConfig with one variant of ``model_name`` (or ``production_variants``)."""
        from sagemaker_estimators.config.apply import endpoint_config_inputs

        if production_variants is None:
            production_variants = [req.production_variant(
                model_name, instance_type, initial_instance_count, accelerator_type=accelerator_type,
                serverless_inference_config=serverless_inference_config_dict, volume_size=volume_size,
                model_data_download_timeout=model_data_download_timeout,
                container_startup_health_check_timeout=container_startup_health_check_timeout,
                routing_config=routing_config, inference_ami_version=inference_ami_version,
            )]
        resolved = endpoint_config_inputs(
            self.sagemaker_config, production_variants=production_variants, kms_key=kms_key,
            tags=req.format_tags(tags) or [], data_capture_config=data_capture_config_dict,
            async_inference_config=async_inference_config_dict, instance_type=instance_type)
        role_arn = None
        if not any("ModelName" in variant for variant in production_variants):
            role_arn = self.expand_role(role) if role else None
        request = req.endpoint_config_request(
            name, resolved["production_variants"], tags=resolved["tags"], kms_key=resolved["kms_key"],
            data_capture_config=resolved["data_capture_config"],
            async_inference_config=resolved["async_inference_config"], explainer_config=explainer_config_dict,
            role_arn=role_arn, tags_always=True,
        )
        logger.info("Creating endpoint-config with name %s", name)
        create_once(self.sagemaker_client, ENDPOINT_CONFIG, request)
        return name

    def create_endpoint_config_from_existing(self, existing_config_name: str, new_config_name: str,
                                             new_tags: Any = None, new_kms_key: Optional[str] = None,
                                             new_data_capture_config_dict: Optional[dict] = None,
                                             new_production_variants: Optional[List[dict]] = None,
                                             new_explainer_config_dict: Optional[dict] = None,
                                             endpoint_type: Any = None) -> None:
        """A copy of an endpoint config with some settings replaced (used by ``update_endpoint``)."""
        logger.info("Creating endpoint-config with name %s", new_config_name)
        existing = self.sagemaker_client.describe_endpoint_config(EndpointConfigName=existing_config_name)
        variants = new_production_variants or existing["ProductionVariants"]
        request: Dict[str, Any] = {"EndpointConfigName": new_config_name, "ProductionVariants": variants}
        if any(not variant.get("ModelName") for variant in variants):
            request["ExecutionRoleArn"] = self.get_caller_identity_arn()
        tags = req.format_tags(new_tags)
        if not tags and existing.get("EndpointConfigArn"):
            tags = self.list_tags(existing["EndpointConfigArn"])
        if tags:
            request["Tags"] = tags
        kms_key = new_kms_key or existing.get("KmsKeyId")
        if kms_key is not None:
            request["KmsKeyId"] = kms_key
        capture = new_data_capture_config_dict or existing.get("DataCaptureConfig")
        if capture:
            request["DataCaptureConfig"] = capture
        if existing.get("AsyncInferenceConfig") is not None:
            request["AsyncInferenceConfig"] = existing["AsyncInferenceConfig"]
        explainer = new_explainer_config_dict or existing.get("ExplainerConfig")
        if explainer is not None:
            request["ExplainerConfig"] = explainer
        create_once(self.sagemaker_client, ENDPOINT_CONFIG, request)

    def describe_endpoint_config(self, endpoint_config_name: str) -> Dict[str, Any]:
        """DescribeEndpointConfig."""
        return self.sagemaker_client.describe_endpoint_config(EndpointConfigName=endpoint_config_name)

    def delete_endpoint_config(self, endpoint_config_name: str) -> None:
        """DeleteEndpointConfig."""
        logger.info("Deleting endpoint configuration with name: %s", endpoint_config_name)
        self.sagemaker_client.delete_endpoint_config(EndpointConfigName=endpoint_config_name)

    def list_tags(self, resource_arn: str, max_results: int = 50) -> List[Dict[str, str]]:
        """Every tag of a SageMaker resource except AWS-reserved ``aws:*`` tags."""
        tags: List[Dict[str, str]] = []
        kwargs: Dict[str, Any] = {"ResourceArn": resource_arn, "MaxResults": max_results}
        while True:
            response = self.sagemaker_client.list_tags(**kwargs)
            tags.extend(response.get("Tags", []))
            token = response.get("nextToken") or response.get("NextToken")
            if not token:
                break
            kwargs["NextToken"] = token
        return [tag for tag in tags if "aws:" not in tag["Key"]]

    # endpoints ------------------------------------------------------------------------
    def create_endpoint(self, endpoint_name: str, config_name: str, tags: Any = None, wait: bool = True,
                        live_logging: bool = False) -> str:
        """CreateEndpoint (``Tags`` always sent); with ``wait`` block until it is InService."""
        from sagemaker_estimators.config.apply import endpoint_tags

        tags = endpoint_tags(tags if isinstance(tags, list) else req.format_tags(tags), self.sagemaker_config)
        request = req.endpoint_request(endpoint_name, config_name, tags)
        logger.info("Creating endpoint with name %s", endpoint_name)
        response = create_once(self.sagemaker_client, ENDPOINT, request)
        if response and "EndpointArn" in response:
            self.endpoint_arn = response["EndpointArn"]
        if wait:
            self.wait_for_endpoint(endpoint_name, live_logging=live_logging)
        return endpoint_name

    def update_endpoint(self, endpoint_name: str, endpoint_config_name: str, wait: bool = True) -> str:
        """Point an existing endpoint at another config; ValueError when the endpoint does not exist."""
        try:
            self.sagemaker_client.describe_endpoint(EndpointName=endpoint_name)
        except ClientError as error:
            code, message = _error(error)
            if code == "ValidationException" and "Could not find" in message:
                raise ValueError(f"Endpoint with name '{endpoint_name}' does not exist; please use an "
                                 "existing endpoint name") from error
            raise
        response = self.sagemaker_client.update_endpoint(EndpointName=endpoint_name,
                                                         EndpointConfigName=endpoint_config_name)
        if response and "EndpointArn" in response:
            self.endpoint_arn = response["EndpointArn"]
        if wait:
            self.wait_for_endpoint(endpoint_name)
        return endpoint_name

    def describe_endpoint(self, endpoint_name: str) -> Dict[str, Any]:
        """DescribeEndpoint."""
        return self.sagemaker_client.describe_endpoint(EndpointName=endpoint_name)

    def delete_endpoint(self, endpoint_name: str) -> None:
        """DeleteEndpoint."""
        logger.info("Deleting endpoint with name: %s", endpoint_name)
        self.sagemaker_client.delete_endpoint(EndpointName=endpoint_name)

    def endpoint_in_service_or_not(self, endpoint_name: str) -> bool:
        """True when the endpoint exists and is InService."""
        try:
            return self.describe_endpoint(endpoint_name)["EndpointStatus"] == "InService"
        except ClientError as error:
            text = str(error).lower()
            if "could not find" in text or "not found" in text:
                return False
            raise

    def wait_for_endpoint(self, endpoint: str, poll: float = 30, live_logging: bool = False,
                          timeout: Optional[float] = None) -> Dict[str, Any]:
        """Wait until the endpoint leaves Creating/Updating; raise unless it is InService.

        The error names the status and SageMaker's FailureReason.  The first
        check is immediate and polling backs off up to ``poll`` seconds.
        """
        def describe() -> Dict[str, Any]:
            description = self.describe_endpoint(endpoint)
            _mark(_ENDPOINT_MARKS, description["EndpointStatus"])
            return description

        description = wait_until(describe, lambda d: d["EndpointStatus"] not in ENDPOINT_IN_PROGRESS,
                                 poll=poll, timeout=timeout)
        sys.stdout.write("\n")
        status = description["EndpointStatus"]
        if status != "InService":
            reason = description.get("FailureReason")
            message = f"Error hosting endpoint {endpoint}: {status}. Reason: {reason}. {_ENDPOINT_HELP}"
            error = CapacityError if "CapacityError" in str(reason) else UnexpectedStatusException
            raise error(message=message, allowed_statuses=["InService"], actual_status=status)
        return description

    def endpoint_from_production_variants(self, name: str, production_variants: List[Dict[str, Any]],
                                          tags: Any = None, kms_key: Optional[str] = None, wait: bool = True,
                                          data_capture_config_dict: Optional[dict] = None,
                                          async_inference_config_dict: Optional[dict] = None,
                                          explainer_config_dict: Optional[dict] = None,
                                          live_logging: bool = False, vpc_config: Optional[dict] = None,
                                          enable_network_isolation: Optional[bool] = None,
                                          role: Optional[str] = None) -> str:
        """CreateEndpointConfig + CreateEndpoint, both named ``name``."""
        from sagemaker_estimators.config.apply import endpoint_config_inputs

        tags = tags if isinstance(tags, list) else req.format_tags(tags)
        resolved = endpoint_config_inputs(
            self.sagemaker_config, production_variants=production_variants, kms_key=kms_key, tags=tags,
            data_capture_config=data_capture_config_dict, async_inference_config=async_inference_config_dict)
        role_arn = role
        if not any("ModelName" in variant for variant in production_variants) and role is not None:
            role_arn = self.expand_role(role)
        request = req.endpoint_config_request(
            name, resolved["production_variants"], tags=resolved["tags"], kms_key=resolved["kms_key"],
            data_capture_config=resolved["data_capture_config"],
            async_inference_config=resolved["async_inference_config"], explainer_config=explainer_config_dict,
            vpc_config=vpc_config, enable_network_isolation=enable_network_isolation, role_arn=role_arn,
        )
        logger.info("Creating endpoint-config with name %s", name)
        create_once(self.sagemaker_client, ENDPOINT_CONFIG, request)
        return self.create_endpoint(name, name, tags=tags, wait=wait, live_logging=live_logging)

    def endpoint_from_model_data(self, model_s3_location: Any, image_uri: str, initial_instance_count: int,
                                 instance_type: str, name: Optional[str] = None, role: Optional[str] = None,
                                 wait: bool = True, model_environment_vars: Optional[Dict[str, str]] = None,
                                 model_vpc_config: Optional[dict] = None, accelerator_type: Optional[str] = None,
                                 data_capture_config: Any = None, tags: Any = None) -> str:
        """Model, endpoint config and endpoint (all named ``name``) for a model archive and image."""
        from sagemaker_estimators import utils

        name = name or utils.name_from_base(utils.base_name_from_image(image_uri))
        container = req.container_def(image_uri, model_s3_location, model_environment_vars or {})
        self.create_model(name=name, role=role, container_defs=container,
                          vpc_config=sanitize_vpc_config(model_vpc_config))
        capture = data_capture_config._to_request_dict() if data_capture_config is not None else None
        self._create_if_missing(lambda: self.create_endpoint_config(
            name=name, model_name=name, initial_instance_count=initial_instance_count,
            instance_type=instance_type, accelerator_type=accelerator_type,
            data_capture_config_dict=capture, tags=tags))
        if not self._create_if_missing(lambda: self.create_endpoint(name, name, tags=tags, wait=wait)):
            raise ValueError(f'Endpoint with name "{name}" already exists; please pick a different name.')
        return name

    def endpoint_from_job(self, job_name: str, initial_instance_count: int, instance_type: str,
                          image_uri: Optional[str] = None, name: Optional[str] = None, role: Optional[str] = None,
                          wait: bool = True, model_environment_vars: Optional[Dict[str, str]] = None,
                          vpc_config_override: Any = VPC_CONFIG_DEFAULT, accelerator_type: Optional[str] = None,
                          data_capture_config: Any = None) -> str:
        """An endpoint for a training job's model artifacts (image and role default to the job's)."""
        from sagemaker_estimators.session.calls import model_data_source_from_job

        job = self.sagemaker_client.describe_training_job(TrainingJobName=job_name)
        source = model_data_source_from_job(job)
        vpc = job.get("VpcConfig") if vpc_config_override == VPC_CONFIG_DEFAULT else vpc_config_override
        return self.endpoint_from_model_data(
            model_s3_location=source, image_uri=image_uri or job["AlgorithmSpecification"]["TrainingImage"],
            initial_instance_count=initial_instance_count, instance_type=instance_type, name=name or job_name,
            role=role or job["RoleArn"], wait=wait, model_environment_vars=model_environment_vars,
            model_vpc_config=vpc, accelerator_type=accelerator_type, data_capture_config=data_capture_config,
        )

    @staticmethod
    def _create_if_missing(create: Callable[[], Any]) -> bool:
        try:
            create()
            return True
        except ClientError as error:
            if _already_exists(error):
                return False
            raise

    # batch transform ------------------------------------------------------------------------
    def transform(self, job_name: str, model_name: str, strategy: Optional[str],
                  max_concurrent_transforms: Optional[int], max_payload: Optional[int],
                  input_config: Dict[str, Any], output_config: Dict[str, Any], resource_config: Dict[str, Any],
                  experiment_config: Optional[Dict[str, str]], env: Optional[Dict[str, str]] = None,
                  tags: Any = None, data_processing: Optional[Dict[str, Any]] = None,
                  model_client_config: Optional[Dict[str, Any]] = None,
                  batch_data_capture_config: Any = None) -> Dict[str, Any]:
        """CreateTransformJob from V2's ``Session.transform`` arguments; returns the request sent."""
        from sagemaker_estimators.config.apply import transform_inputs

        capture = batch_data_capture_config._to_request_dict() if batch_data_capture_config is not None else None
        resolved = transform_inputs(self.sagemaker_config, tags=tags if isinstance(tags, list) else
                                    req.format_tags(tags), output_config=output_config,
                                    resource_config=resource_config, env=env, data_capture_config=capture)
        request = req.transform_job_request(
            job_name, model_name, input_config, resolved["output_config"], resolved["resource_config"],
            strategy=strategy, max_concurrent_transforms=max_concurrent_transforms, max_payload=max_payload,
            env=resolved["env"], tags=resolved["tags"], data_processing=data_processing,
            experiment_config=experiment_config, model_client_config=model_client_config,
            data_capture_config=resolved["data_capture_config"],
        )
        logger.info("Creating transform job with name: %s", job_name)
        logger.debug("Transform request: %s", json.dumps(request, default=str))
        create_once(self.sagemaker_client, TRANSFORM_JOB, request)
        return request

    def describe_transform_job(self, job_name: str) -> Dict[str, Any]:
        """DescribeTransformJob."""
        return self.sagemaker_client.describe_transform_job(TransformJobName=job_name)

    def wait_for_transform_job(self, job: str, poll: float = 5, timeout: Optional[float] = None) -> Dict[str, Any]:
        """Wait until the transform job ends; raise with the FailureReason when it failed."""
        def describe() -> Dict[str, Any]:
            description = self.describe_transform_job(job)
            _mark(_TRANSFORM_MARKS, description["TransformJobStatus"])
            return description

        description = wait_until(describe, lambda d: d["TransformJobStatus"] in TERMINAL_JOB_STATUSES,
                                 poll=poll, timeout=timeout)
        sys.stdout.write("\n")
        check_job_status(job, description, "TransformJobStatus")
        return description

    def stop_transform_job(self, name: str) -> None:
        """StopTransformJob; a job that already ended is left alone with a log line."""
        try:
            logger.info("Stopping transform job: %s", name)
            self.sagemaker_client.stop_transform_job(TransformJobName=name)
        except ClientError as error:
            if _error(error)[0] == "ValidationException":
                logger.info("Transform job: %s is already stopped or not running.", name)
            else:
                logger.error("Error occurred while attempting to stop transform job: %s.", name)
                raise

    def logs_for_transform_job(self, job_name: str, wait: bool = False, poll: float = 10,
                               timeout: Optional[float] = None) -> Dict[str, Any]:
        """Print the transform job's CloudWatch logs; with ``wait`` follow it until it ends."""
        return job_logs.follow_job(
            describe=lambda: self.describe_transform_job(job_name),
            logs_client=self.logs_client,
            job_name=job_name,
            log_group=TRANSFORM_LOG_GROUP,
            status_key="TransformJobStatus",
            wait=wait,
            poll=poll,
            timeout=timeout,
        )
