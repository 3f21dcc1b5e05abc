"""Training jobs of the local SageMaker client: CreateTrainingJob runs the job to completion.

The request's channels become local directories (``file://`` used in place, ``s3://``
downloaded), ``sagemaker_submit_directory`` a local code dir, and the job runs on the
runtime the instance type names; its ``model.tar.gz`` / ``output.tar.gz`` are delivered
to the output path (``file://`` or ``s3://``) and the job is recorded for
``describe_training_job``, also when it fails.  The job's scratch dir is removed
afterwards, on success, failure or Ctrl-C.
"""
from __future__ import annotations

import json
import logging
import os
import tempfile
from typing import Any, Dict, List, Optional, Tuple

from botocore.exceptions import ClientError

from sagemaker_estimators.archives import limits_of
from sagemaker_estimators.local import data
from sagemaker_estimators.local.clients.base import (
    CONTAINER_CODE_DIR,
    LocalClientBase,
    check_instance_type,
    framework_from_image,
    resource_in_use,
)
from sagemaker_estimators.local.entities import REGISTRY, LocalTrainingJob, local_arn, not_found, now
from sagemaker_estimators.local.runtime import ChannelSpec, TrainingFailedError, TrainingSpec
from sagemaker_estimators.utils import validate_name
from sagemaker_estimators.required import required

logger = logging.getLogger(__name__)

SUBMIT_DIRECTORY = "sagemaker_submit_directory"
#: where artifacts go when a job has no output path (local code without output_path)
DEFAULT_OUTPUT_FOLDER = "sagemaker-local-output"


def _decode(value: str) -> Tuple[Any, bool]:
    """(decoded value, was JSON) of a hyperparameter value."""
    try:
        return json.loads(value), True
    except (TypeError, ValueError):
        return value, False


class TrainingJobs(LocalClientBase):
    """CreateTrainingJob, DescribeTrainingJob, StopTrainingJob and ListTrainingJobs on local runtimes."""

    def create_training_job(
        self,
        TrainingJobName: str,  # noqa: N803 - boto3's parameter names
        AlgorithmSpecification: Dict[str, Any],  # noqa: N803
        OutputDataConfig: Dict[str, Any],  # noqa: N803
        ResourceConfig: Dict[str, Any],  # noqa: N803
        InputDataConfig: Optional[List[Dict[str, Any]]] = None,  # noqa: N803
        Environment: Optional[Dict[str, str]] = None,  # noqa: N803
        **kwargs: Any,
    ) -> Dict[str, Any]:
        """Run the training job to completion and record it.

        Raises:
            ValueError: the request asks for something local mode cannot do.
            TrainingFailedError: a host failed (the job is recorded as Failed first).
        """
        validate_name(TrainingJobName, "TrainingJobName")
        request = dict(kwargs, TrainingJobName=TrainingJobName, AlgorithmSpecification=AlgorithmSpecification,
                       OutputDataConfig=OutputDataConfig, ResourceConfig=ResourceConfig)
        if InputDataConfig is not None:
            request["InputDataConfig"] = InputDataConfig
        if Environment is not None:
            request["Environment"] = Environment
        instance_type, instance_count = self._training_resources(ResourceConfig)
        image = AlgorithmSpecification.get("TrainingImage")
        if not image:
            raise ValueError(
                "AlgorithmSpecification.TrainingImage is required in local mode (algorithm resources, "
                f"AlgorithmName={AlgorithmSpecification.get('AlgorithmName')!r}, only exist in SageMaker)"
            )
        for ignored in ("CheckpointConfig", "VpcConfig", "ExperimentConfig", "RetryStrategy"):
            if kwargs.get(ignored):
                logger.warning("%s is ignored in local mode.", ignored)
        runtime = self.runtime(instance_type)
        with REGISTRY.lock:
            if TrainingJobName in REGISTRY.training_jobs:
                raise resource_in_use("CreateTrainingJob", "training job", TrainingJobName)
            job = LocalTrainingJob(TrainingJobName, request, local_arn(self._region(), "training-job", TrainingJobName))
            REGISTRY.training_jobs[TrainingJobName] = job
            REGISTRY.tags[job.arn] = list(kwargs.get("Tags") or [])

        scratch = self._scratch(TrainingJobName)
        artifacts_dir = os.path.join(scratch, "artifacts")
        try:
            job.start_time = now()
            job.secondary_status = "Downloading"
            channels = self._channels(InputDataConfig or [], scratch)
            hyperparameters, code_dir = self._code(dict(kwargs.get("HyperParameters") or {}), channels, scratch)
            environment = self._container_credentials(instance_type)
            environment.update(TRAINING_JOB_NAME=TrainingJobName, AWS_REGION=self._region())
            environment.update(Environment or {})
            spec = TrainingSpec(
                job_name=TrainingJobName,
                image_uri=image,
                framework=framework_from_image(image),
                instance_type=instance_type,
                instance_count=instance_count,
                hyperparameters=hyperparameters,
                channels=channels,
                code_dir=code_dir,
                environment=environment,
                work_dir=os.path.join(scratch, "job"),
                artifacts_dir=artifacts_dir,
                container_entry_point=AlgorithmSpecification.get("ContainerEntrypoint"),
                container_arguments=AlgorithmSpecification.get("ContainerArguments"),
            )
            job.secondary_status = "Training"
            logger.info("Starting local training job %s on %s x %s", TrainingJobName, instance_count, instance_type)
            try:
                runtime.train(spec)
            except TrainingFailedError as error:
                self._finish(job, "Failed", error.reason or str(error))
                try:  # the failure file is an output too; delivering it must not hide the failure
                    self._store_training_outputs(job, artifacts_dir, scratch)
                except Exception as store_error:  # noqa: BLE001
                    logger.warning("Could not deliver the outputs of failed job %s: %s", TrainingJobName, store_error)
                raise
            job.secondary_status = "Uploading"
            self._store_training_outputs(job, artifacts_dir, scratch)
            self._finish(job, "Completed")
        except KeyboardInterrupt:
            self._finish(job, "Stopped", "Interrupted by the user (KeyboardInterrupt)")
            raise
        except BaseException as error:
            if job.status == "InProgress":
                self._finish(job, "Failed", f"{type(error).__name__}: {error}")
            raise
        finally:
            data.remove_dirs([scratch])
        return {"TrainingJobArn": job.arn}

    @staticmethod
    def _training_resources(resource_config: Dict[str, Any]) -> Tuple[str, int]:
        if resource_config.get("InstanceGroups"):
            raise ValueError("ResourceConfig.InstanceGroups (heterogeneous clusters) are not supported in local mode")
        instance_type = check_instance_type(resource_config.get("InstanceType"), "ResourceConfig.InstanceType")
        count = resource_config.get("InstanceCount", 1)
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise ValueError(f"ResourceConfig.InstanceCount must be an int >= 1, got {count!r}")
        return instance_type, count

    def _finish(self, job: LocalTrainingJob, status: str, reason: Optional[str] = None) -> None:
        job.status = status
        job.secondary_status = status
        job.failure_reason = reason
        job.end_time = now()

    def _channels(self, input_config: List[Dict[str, Any]], scratch: str) -> List[ChannelSpec]:
        channels = []
        for index, channel in enumerate(input_config):
            where = f"InputDataConfig[{index}]"
            name = required(channel.get("ChannelName"), f"{where}.ChannelName")
            source = channel.get("DataSource") or {}
            if "S3DataSource" in source:
                s3_source = source["S3DataSource"]
                uri = s3_source.get("S3Uri")
                distribution = s3_source.get("S3DataDistributionType", "FullyReplicated")
                data_type = s3_source.get("S3DataType", "S3Prefix")
                if data_type != "S3Prefix":
                    raise ValueError(
                        f"{where} ({name}): S3DataType {data_type!r} is not supported in local mode; "
                        "valid choices: ['S3Prefix']"
                    )
            elif "FileDataSource" in source:
                uri = source["FileDataSource"].get("FileUri")
                distribution = source["FileDataSource"].get("FileDataDistributionType", "FullyReplicated")
            else:
                raise ValueError(
                    f"{where} ({name}): local mode reads S3DataSource or FileDataSource channels, got "
                    f"{sorted(source)}"
                )
            if distribution != "FullyReplicated":
                raise ValueError(
                    f"{where} ({name}): data distribution {distribution!r} is not supported in local mode; "
                    "valid choices: ['FullyReplicated']"
                )
            input_mode = channel.get("InputMode") or "File"
            if input_mode == "Pipe":
                logger.warning("Channel %s: Pipe input mode is not emulated in local mode; files are provided", name)
            local_dir = data.materialize_dir(uri, os.path.join(scratch, "data", name), self.sagemaker_session,
                                             f"{where}.DataSource")
            channels.append(
                ChannelSpec(
                    name=name,
                    local_dir=local_dir,
                    content_type=channel.get("ContentType"),
                    input_mode="File",
                    compression_type=channel.get("CompressionType"),
                    record_wrapper_type=channel.get("RecordWrapperType"),
                )
            )
        return channels

    def _code(self, hyperparameters: Dict[str, str], channels: List[ChannelSpec],
              scratch: str) -> Tuple[Dict[str, str], Optional[str]]:
        """(hyperparameters the container sees, local code dir) from ``sagemaker_submit_directory``."""
        raw = hyperparameters.get(SUBMIT_DIRECTORY)
        if raw is None:
            return hyperparameters, None
        location, was_json = _decode(raw)
        if not isinstance(location, str):
            raise ValueError(f"HyperParameters.{SUBMIT_DIRECTORY}={raw!r} must name a directory or archive")
        code_dir = self.code_dir_from(location, scratch, channels, f"HyperParameters.{SUBMIT_DIRECTORY}")
        if code_dir is not None:
            hyperparameters[SUBMIT_DIRECTORY] = json.dumps(CONTAINER_CODE_DIR) if was_json else CONTAINER_CODE_DIR
        return hyperparameters, code_dir

    def _store_training_outputs(self, job: LocalTrainingJob, artifacts_dir: str, scratch: str) -> None:
        """Deliver model.tar.gz and output.tar.gz to the job's output folder."""
        model_archive = os.path.join(artifacts_dir, "model.tar.gz")
        if not os.path.isfile(model_archive):
            return
        output_config = job.request.get("OutputDataConfig") or {}
        output_path = output_config.get("S3OutputPath") or ""
        if not output_path:
            root = os.path.abspath(os.path.expanduser(self._container_root() or tempfile.gettempdir()))
            output_path = "file://" + os.path.join(root, DEFAULT_OUTPUT_FOLDER)
        _, destination = data.training_output_location(output_path, job.name)
        delivered = data.deliver(artifacts_dir, destination, self.sagemaker_session, "OutputDataConfig.S3OutputPath")
        job.output_artifacts = f"{delivered}/output.tar.gz"
        if output_config.get("CompressionType") == "NONE":
            uncompressed = os.path.join(scratch, "uncompressed-model")
            data.extract_archive(model_archive, uncompressed, limits_of(self.sagemaker_session))
            model_uri = f"{delivered}/model/"
            data.deliver(uncompressed, model_uri, self.sagemaker_session, "OutputDataConfig.S3OutputPath")
            job.model_artifacts = model_uri
        else:
            job.model_artifacts = f"{delivered}/model.tar.gz"
        logger.info("Artifacts of %s: %s", job.name, job.model_artifacts)

    def describe_training_job(self, TrainingJobName: str) -> Dict[str, Any]:  # noqa: N803
        """DescribeTrainingJob of a local job."""
        with REGISTRY.lock:
            job = REGISTRY.training_jobs.get(TrainingJobName)
        if job is None:
            raise not_found("DescribeTrainingJob", "training job", TrainingJobName)
        return job.describe()

    def stop_training_job(self, TrainingJobName: str) -> None:  # noqa: N803
        """Local jobs run inside create_training_job, so there is never one to stop."""
        self.describe_training_job(TrainingJobName)
        raise ClientError(
            {"Error": {"Code": "ValidationException",
                       "Message": f"The local training job {TrainingJobName} is not running (local jobs run "
                                  "synchronously; press Ctrl-C to stop one)"}},
            "StopTrainingJob",
        )

    def list_training_jobs(self, **kwargs: Any) -> Dict[str, Any]:
        """ListTrainingJobs (NameContains and StatusEquals filters)."""
        with REGISTRY.lock:
            jobs = list(REGISTRY.training_jobs.values())
        summaries = [
            {"TrainingJobName": job.name, "TrainingJobArn": job.arn, "CreationTime": job.creation_time,
             "TrainingEndTime": job.end_time, "TrainingJobStatus": job.status}
            for job in jobs
            if kwargs.get("NameContains", "") in job.name
            and kwargs.get("StatusEquals", job.status) == job.status
        ]
        return {"TrainingJobSummaries": summaries}
