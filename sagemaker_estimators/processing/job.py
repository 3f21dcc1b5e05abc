"""``ProcessingJob``: a processing job by name (describe, wait, stop, attach by name or ARN)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional

from sagemaker_estimators.job_status import JobHandle
from sagemaker_estimators.request_builders import processing as requests
from sagemaker_estimators.processing.dataset_definition import DatasetDefinition, FeatureStoreOutput, S3Input
from sagemaker_estimators.processing.inputs import ProcessingInput, ProcessingOutput

if TYPE_CHECKING:
    from sagemaker_estimators.session_like import SessionLike


class ProcessingJob(JobHandle):
    """A started processing job (``sagemaker.processing.ProcessingJob``).

    Args:
        sagemaker_session: the session that started (or describes) the job.
        job_name: the job's name.
        inputs: its :class:`ProcessingInput` list, as sent.
        outputs: its :class:`ProcessingOutput` list, as sent.
        output_kms_key: the KMS key of its outputs.
    """

    _describe_method = "describe_processing_job"

    def __init__(self, sagemaker_session: SessionLike, job_name: str, inputs: Optional[List[ProcessingInput]],
                 outputs: Optional[List[ProcessingOutput]], output_kms_key: Optional[str] = None):
        super().__init__(sagemaker_session, job_name)
        self.inputs = inputs
        self.outputs = outputs
        self.output_kms_key = output_kms_key

    @classmethod
    def start_new(cls, processor: Any, inputs: List[ProcessingInput], outputs: List[ProcessingOutput],
                  experiment_config: Optional[Dict[str, str]]) -> "ProcessingJob":
        """Send CreateProcessingJob for ``processor``'s current job and return its handle."""
        request = processor._processing_request(inputs, outputs, experiment_config)
        processor.sagemaker_session.create_processing_job(request)
        return cls(processor.sagemaker_session, processor._current_job_name, inputs, outputs,
                   processor.output_kms_key)

    @classmethod
    def from_processing_name(cls, sagemaker_session: SessionLike, processing_job_name: str) -> "ProcessingJob":
        """The job named ``processing_job_name``, with its inputs and outputs read back from Describe."""
        description = sagemaker_session.describe_processing_job(processing_job_name)
        inputs = None
        if description.get("ProcessingInputs"):
            inputs = [
                ProcessingInput(
                    input_name=item["InputName"],
                    s3_input=S3Input.from_boto(item.get("S3Input")),
                    dataset_definition=DatasetDefinition.from_boto(item.get("DatasetDefinition")),
                    app_managed=item.get("AppManaged", False),
                )
                for item in description["ProcessingInputs"]
            ]
        output_config = description.get("ProcessingOutputConfig") or {}
        outputs = None
        if output_config.get("Outputs"):
            outputs = []
            for item in output_config["Outputs"]:
                output = ProcessingOutput(
                    output_name=item["OutputName"],
                    app_managed=item.get("AppManaged", False),
                    feature_store_output=FeatureStoreOutput.from_boto(item.get("FeatureStoreOutput")),
                )
                if "S3Output" in item:
                    output.source = item["S3Output"]["LocalPath"]
                    output.destination = item["S3Output"]["S3Uri"]
                outputs.append(output)
        return cls(sagemaker_session, processing_job_name, inputs, outputs, output_config.get("KmsKeyId"))

    @classmethod
    def from_processing_arn(cls, sagemaker_session: SessionLike, processing_job_arn: str) -> "ProcessingJob":
        """The job whose ARN is ``arn:aws:sagemaker:<region>:<account>:processing-job/<name>``."""
        resource = processing_job_arn.split(":", 5)[-1] if processing_job_arn.count(":") >= 5 else ""
        if not resource.startswith("processing-job/"):
            raise ValueError(f"processing_job_arn={processing_job_arn!r} is not a processing job ARN "
                             "(arn:aws:sagemaker:<region>:<account>:processing-job/<name>)")
        return cls.from_processing_name(sagemaker_session, resource[len("processing-job/"):])

    def wait(self, logs: bool = True) -> None:
        """Wait for the job to end (printing its logs when ``logs``); raise if it failed."""
        if logs:
            self.sagemaker_session.logs_for_processing_job(self.job_name, wait=True)
        else:
            self.sagemaker_session.wait_for_processing_job(self.job_name)

    def stop(self) -> None:
        """StopProcessingJob."""
        self.sagemaker_session.stop_processing_job(self.name)

    # V2's static request helpers ---------------------------------------------------
    @staticmethod
    def prepare_app_specification(container_arguments: Optional[List[str]], container_entrypoint: Optional[List[str]],
                                  image_uri: str) -> Dict[str, Any]:
        """``AppSpecification`` of a job."""
        return requests.app_specification(image_uri, container_entrypoint, container_arguments)

    @staticmethod
    def prepare_output_config(kms_key_id: Optional[str], outputs: List[Dict[str, Any]]) -> Dict[str, Any]:
        """``ProcessingOutputConfig`` of a job."""
        return requests.output_config(outputs, kms_key_id)

    @staticmethod
    def prepare_processing_resources(instance_count: int, instance_type: str, volume_kms_key_id: Optional[str],
                                     volume_size_in_gb: int) -> Dict[str, Any]:
        """``ProcessingResources`` of a job."""
        return requests.processing_resources(instance_count, instance_type, volume_kms_key_id, volume_size_in_gb)

    @staticmethod
    def prepare_stopping_condition(max_runtime_in_seconds: int) -> Dict[str, Any]:
        """``{"MaxRuntimeInSeconds": max_runtime_in_seconds}``."""
        return {"MaxRuntimeInSeconds": max_runtime_in_seconds}
