"""Endpoint options of ``deploy()``: serverless, asynchronous inference and data capture.

V2 names and request dicts (``sagemaker.serverless.ServerlessInferenceConfig``,
``sagemaker.async_inference.AsyncInferenceConfig``,
``sagemaker.model_monitor.DataCaptureConfig``).  deploy() accepts any object
with ``_to_request_dict()``, so V2's own classes keep working too.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional

from sagemaker_estimators.validation import check_choice, check_positive_int, check_s3_uri, check_str_list

if TYPE_CHECKING:
    from sagemaker_estimators.session_like import SessionLike

#: data-capture option names and the API's CaptureMode values
CAPTURE_MODES = {"REQUEST": "Input", "RESPONSE": "Output"}
_MODEL_MONITOR_S3_PATH = "model-monitor"
_DATA_CAPTURE_S3_PATH = "data-capture"


class ServerlessInferenceConfig:
    """Serverless endpoint settings: memory (MB), max concurrency, provisioned concurrency."""

    def __init__(self, memory_size_in_mb: int = 2048, max_concurrency: int = 5,
                 provisioned_concurrency: Optional[int] = None):
        check_choice("memory_size_in_mb", memory_size_in_mb, (1024, 2048, 3072, 4096, 5120, 6144))
        check_positive_int("max_concurrency", max_concurrency)
        check_positive_int("provisioned_concurrency", provisioned_concurrency)
        self.memory_size_in_mb = memory_size_in_mb
        self.max_concurrency = max_concurrency
        self.provisioned_concurrency = provisioned_concurrency

    def _to_request_dict(self) -> Dict[str, Any]:
        request: Dict[str, Any] = {"MemorySizeInMB": self.memory_size_in_mb, "MaxConcurrency": self.max_concurrency}
        if self.provisioned_concurrency is not None:
            request["ProvisionedConcurrency"] = self.provisioned_concurrency
        return request


class AsyncInferenceConfig:
    """Asynchronous endpoint settings; unset output/failure paths default to the session's bucket at deploy."""

    def __init__(self, output_path: Optional[str] = None, max_concurrent_invocations_per_instance: Optional[int] = None,
                 kms_key_id: Optional[str] = None, notification_config: Optional[Dict[str, str]] = None,
                 failure_path: Optional[str] = None):
        check_s3_uri("output_path", output_path)
        check_s3_uri("failure_path", failure_path)
        check_positive_int("max_concurrent_invocations_per_instance", max_concurrent_invocations_per_instance)
        self.output_path = output_path
        self.max_concurrent_invocations_per_instance = max_concurrent_invocations_per_instance
        self.kms_key_id = kms_key_id
        self.notification_config = notification_config
        self.failure_path = failure_path

    def _to_request_dict(self) -> Dict[str, Any]:
        output: Dict[str, Any] = {"S3OutputPath": self.output_path, "S3FailurePath": self.failure_path}
        request: Dict[str, Any] = {"OutputConfig": output}
        if self.max_concurrent_invocations_per_instance:
            request["ClientConfig"] = {
                "MaxConcurrentInvocationsPerInstance": self.max_concurrent_invocations_per_instance}
        if self.kms_key_id:
            output["KmsKeyId"] = self.kms_key_id
        if self.notification_config:
            output["NotificationConfig"] = self.notification_config
        return request


class DataCaptureConfig:
    """Capture endpoint requests and/or responses to S3.

    Without ``destination_s3_uri`` the session's default bucket is used
    (``s3://<bucket>/model-monitor/data-capture``), resolved when built, as V2 does.
    """

    API_MAPPING = CAPTURE_MODES

    def __init__(self, enable_capture: bool, sampling_percentage: int = 20, destination_s3_uri: Optional[str] = None,
                 kms_key_id: Optional[str] = None, capture_options: Optional[List[str]] = None,
                 csv_content_types: Optional[List[str]] = None, json_content_types: Optional[List[str]] = None,
                 sagemaker_session: Optional[SessionLike] = None):
        check_positive_int("sampling_percentage", sampling_percentage, minimum=0)
        if sampling_percentage > 100:
            raise ValueError(f"sampling_percentage={sampling_percentage!r} must be between 0 and 100.")
        check_s3_uri("destination_s3_uri", destination_s3_uri)
        check_str_list("capture_options", capture_options)
        for option in capture_options or []:
            check_choice("capture_options item", option.upper(), tuple(CAPTURE_MODES) + ("INPUT", "OUTPUT"))
        self.enable_capture = enable_capture
        self.sampling_percentage = sampling_percentage
        if destination_s3_uri is None:
            from sagemaker_estimators.s3_paths import s3_path_join

            if sagemaker_session is None:
                from sagemaker_estimators.session import Session

                sagemaker_session = Session()
            destination_s3_uri = s3_path_join("s3://", sagemaker_session.default_bucket(),
                                              sagemaker_session.default_bucket_prefix, _MODEL_MONITOR_S3_PATH,
                                              _DATA_CAPTURE_S3_PATH)
        self.destination_s3_uri = destination_s3_uri
        self.kms_key_id = kms_key_id
        self.capture_options = capture_options or ["REQUEST", "RESPONSE"]
        self.csv_content_types = csv_content_types or ["text/csv"]
        self.json_content_types = json_content_types or ["application/json"]

    def _to_request_dict(self) -> Dict[str, Any]:
        request: Dict[str, Any] = {
            "EnableCapture": self.enable_capture,
            "InitialSamplingPercentage": self.sampling_percentage,
            "DestinationS3Uri": self.destination_s3_uri,
            "CaptureOptions": [{"CaptureMode": CAPTURE_MODES.get(option.upper(), option)}
                               for option in self.capture_options],
        }
        if self.kms_key_id is not None:
            request["KmsKeyId"] = self.kms_key_id
        request["CaptureContentTypeHeader"] = {"CsvContentTypes": self.csv_content_types,
                                               "JsonContentTypes": self.json_content_types}
        return request
