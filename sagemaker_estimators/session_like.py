"""``SessionLike``: what the job kinds use of a SageMaker session, as a typing protocol.

Estimators, models, predictors, transformers, processors and tuners take a
``sagemaker_session``; they only need the members below, so they are typed against
this protocol rather than against :class:`~sagemaker_estimators.session.Session`.
Both ``Session`` and ``LocalSession`` satisfy it (mypy checks that where they are
passed), and so does any other object with these members.

This module is at the bottom of the package's layers: it imports nothing from the
package, so every layer may name the protocol.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional, Protocol


class SessionLike(Protocol):
    """The members of a SageMaker session that the job kinds read or call (V2's names)."""

    # where and how -------------------------------------------------------------
    @property
    def boto_region_name(self) -> str:
        """The AWS region the session talks to."""

    @property
    def local_mode(self) -> bool:
        """True for a ``LocalSession`` (jobs run on this machine)."""

    @property
    def boto_session(self) -> Any:
        """The ``boto3.Session`` behind the clients."""

    @property
    def sagemaker_client(self) -> Any:
        """The SageMaker control-plane client (emulated by a ``LocalSession``)."""

    @property
    def sagemaker_runtime_client(self) -> Any:
        """The endpoint invocation client (emulated by a ``LocalSession``)."""

    @property
    def sagemaker_config(self) -> Optional[Dict[str, Any]]:
        """The SageMaker defaults config (V2's format), when one was loaded."""

    @property
    def default_bucket_prefix(self) -> Optional[str]:
        """Key prefix inside the default bucket."""

    def default_bucket(self) -> str:
        """The bucket for code, models and outputs."""

    def expand_role(self, role: str) -> str:
        """A role name as its ARN."""

    # S3 --------------------------------------------------------------------------
    @property
    def s3_client(self) -> Any:
        """The boto3 S3 client (a ``LocalSession`` honours its local endpoint settings)."""

    def upload_data(self, path: str, bucket: Optional[str] = None, key_prefix: str = "data",
                    callback: Optional[Callable[[int], None]] = None,
                    extra_args: Optional[Dict[str, Any]] = None) -> str:
        """Upload a file or directory; the S3 URI it now has."""

    def upload_string_as_file_body(self, body: str, bucket: str, key: str, kms_key: Optional[str] = None) -> str:
        """Write ``body`` to ``s3://bucket/key``."""

    def upload_file_to_key(self, local_path: str, s3_uri: str, extra_args: Optional[Dict[str, Any]] = None) -> str:
        """Upload one file to exactly ``s3_uri``."""

    def open_upload_stream(self, s3_uri: str, extra_args: Optional[Dict[str, Any]] = None) -> Any:
        """A writable stream that lands at ``s3_uri`` when closed."""

    def download_data(self, path: str, bucket: str, key_prefix: str = "",
                      extra_args: Optional[Dict[str, Any]] = None) -> List[str]:
        """Download the objects under ``s3://bucket/key_prefix`` into ``path``."""

    def read_s3_file(self, bucket: str, key_prefix: str) -> str:
        """The text of one S3 object."""

    def list_s3_files(self, bucket: str, key_prefix: str) -> List[str]:
        """The keys under a prefix."""

    # training --------------------------------------------------------------------
    def create_training_job(self, request: Dict[str, Any]) -> Dict[str, Any]:
        """Send a CreateTrainingJob request."""

    def describe_training_job(self, job_name: str) -> Dict[str, Any]:
        """DescribeTrainingJob."""

    def stop_training_job(self, job_name: str) -> None:
        """StopTrainingJob."""

    def wait_for_job(self, job: str, poll: float = 5) -> Dict[str, Any]:
        """Wait for a training job to end."""

    def logs_for_job(self, job_name: str, wait: bool = False, poll: float = 10, log_type: str = "All",
                     timeout: Optional[float] = None) -> Dict[str, Any]:
        """Show a training job's logs (and with ``wait`` follow them to the end)."""

    def update_training_job(self, job_name: str, profiler_rule_configs: Optional[List[Dict[str, Any]]] = None,
                            profiler_config: Optional[Dict[str, Any]] = None,
                            resource_config: Optional[Dict[str, Any]] = None,
                            remote_debug_config: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
        """UpdateTrainingJob."""

    # processing ------------------------------------------------------------------
    def create_processing_job(self, request: Dict[str, Any]) -> Dict[str, Any]:
        """Send a CreateProcessingJob request."""

    def describe_processing_job(self, job_name: str) -> Dict[str, Any]:
        """DescribeProcessingJob."""

    def stop_processing_job(self, job_name: str) -> None:
        """StopProcessingJob."""

    def wait_for_processing_job(self, job: str, poll: float = 5) -> Dict[str, Any]:
        """Wait for a processing job to end."""

    def logs_for_processing_job(self, job_name: str, wait: bool = False, poll: float = 10) -> Dict[str, Any]:
        """Show a processing job's logs (and with ``wait`` follow them to the end)."""

    # tuning ----------------------------------------------------------------------
    def create_tuning_job(self, job_name: str, tuning_config: Dict[str, Any],
                          training_config: Optional[Dict[str, Any]] = None,
                          training_config_list: Optional[List[Dict[str, Any]]] = None,
                          warm_start_config: Optional[Dict[str, Any]] = None, tags: Any = None,
                          autotune: bool = False) -> Dict[str, Any]:
        """CreateHyperParameterTuningJob from V2's keyword arguments."""

    def describe_tuning_job(self, job_name: str) -> Dict[str, Any]:
        """DescribeHyperParameterTuningJob."""

    def stop_tuning_job(self, name: str) -> None:
        """StopHyperParameterTuningJob."""

    def wait_for_tuning_job(self, job: str, poll: float = 5) -> Dict[str, Any]:
        """Wait for a tuning job to end."""

    # hosting ---------------------------------------------------------------------
    def create_model(self, name: str, role: Optional[str] = None, container_defs: Any = None,
                     vpc_config: Optional[Dict[str, Any]] = None, enable_network_isolation: Optional[bool] = None,
                     primary_container: Any = None, tags: Any = None) -> str:
        """CreateModel."""

    def describe_model(self, name: str) -> Dict[str, Any]:
        """DescribeModel."""

    def delete_model(self, model_name: str) -> None:
        """DeleteModel."""

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
        """CreateEndpointConfig."""

    def create_endpoint_config_from_existing(self, existing_config_name: str, new_config_name: str,
                                             new_tags: Any = None, new_kms_key: Optional[str] = None,
                                             new_data_capture_config_dict: Optional[dict] = None,
                                             new_production_variants: Optional[List[dict]] = None,
                                             new_explainer_config_dict: Optional[dict] = None,
                                             endpoint_type: Any = None) -> None:
        """A new endpoint config from an existing one, with the given fields replaced."""

    def describe_endpoint_config(self, endpoint_config_name: str) -> Dict[str, Any]:
        """DescribeEndpointConfig."""

    def delete_endpoint_config(self, endpoint_config_name: str) -> None:
        """DeleteEndpointConfig."""

    def create_endpoint(self, endpoint_name: str, config_name: str, tags: Any = None, wait: bool = True,
                        live_logging: bool = False) -> str:
        """CreateEndpoint (and with ``wait`` wait until it is in service)."""

    def endpoint_from_production_variants(self, name: str, production_variants: List[Dict[str, Any]],
                                          tags: Any = None, kms_key: Optional[str] = None, wait: bool = True,
                                          data_capture_config_dict: Optional[dict] = None,
                                          async_inference_config_dict: Optional[dict] = None,
                                          explainer_config_dict: Optional[dict] = None, live_logging: bool = False,
                                          vpc_config: Optional[dict] = None,
                                          enable_network_isolation: Optional[bool] = None,
                                          role: Optional[str] = None) -> str:
        """An endpoint config and an endpoint for the given production variants."""

    def update_endpoint(self, endpoint_name: str, endpoint_config_name: str, wait: bool = True) -> str:
        """UpdateEndpoint."""

    def describe_endpoint(self, endpoint_name: str) -> Dict[str, Any]:
        """DescribeEndpoint."""

    def delete_endpoint(self, endpoint_name: str) -> None:
        """DeleteEndpoint."""

    def wait_for_endpoint(self, endpoint: str, poll: float = 30, live_logging: bool = False,
                          timeout: Optional[float] = None) -> Dict[str, Any]:
        """Wait until the endpoint is in service (or failed)."""

    # batch transform -------------------------------------------------------------
    def transform(self, job_name: str, model_name: str, strategy: Optional[str],
                  max_concurrent_transforms: Optional[int], max_payload: Optional[int],
                  input_config: Dict[str, Any], output_config: Dict[str, Any], resource_config: Dict[str, Any],
                  experiment_config: Optional[Dict[str, str]], env: Optional[Dict[str, str]] = None,
                  tags: Any = None, data_processing: Optional[Dict[str, Any]] = None,
                  model_client_config: Optional[Dict[str, Any]] = None,
                  batch_data_capture_config: Any = None) -> Dict[str, Any]:
        """CreateTransformJob from V2's keyword arguments."""

    def describe_transform_job(self, job_name: str) -> Dict[str, Any]:
        """DescribeTransformJob."""

    def stop_transform_job(self, name: str) -> None:
        """StopTransformJob."""

    def wait_for_transform_job(self, job: str, poll: float = 5, timeout: Optional[float] = None) -> Dict[str, Any]:
        """Wait for a transform job to end."""

    def logs_for_transform_job(self, job_name: str, wait: bool = False, poll: float = 10,
                               timeout: Optional[float] = None) -> Dict[str, Any]:
        """Show a transform job's logs (and with ``wait`` follow them to the end)."""


__all__ = ["SessionLike"]
