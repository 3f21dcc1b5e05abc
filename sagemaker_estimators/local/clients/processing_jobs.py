"""CreateProcessingJob / DescribeProcessingJob / StopProcessingJob / ListProcessingJobs in local mode.

:class:`LocalProcessingJobs` is what :class:`~sagemaker_estimators.local.clients.sagemaker_client.LocalSagemakerClient`
delegates processing calls to.  A job runs to completion inside ``create_processing_job``
(as V2's local mode does): its inputs become local directories (``file://`` used in
place, ``s3://`` downloaded), the runtime the instance type names runs it, and each
output is copied (``file://``) or uploaded (``s3://``) to its destination.  The job's
record answers ``describe_processing_job`` as the service does; a failed job records
its exit message and raises.  Its scratch dir is removed afterwards, whatever happens.
"""
from __future__ import annotations

import logging
import os
import posixpath
import shutil
import threading
from typing import Any, Dict, List, Optional, Tuple

import attrs
from botocore.exceptions import ClientError

from sagemaker_estimators.local import data
from sagemaker_estimators.local.entities import (
    REGISTRY, LocalRecord, describe_request, error_reason, local_arn, not_found, now, recording_outcome,
)
from sagemaker_estimators.local.processing_layout import job_config, relative_path
from sagemaker_estimators.local.runtime import MountSpec, ProcessingFailedError, ProcessingSpec
from sagemaker_estimators.required import required
from sagemaker_estimators.utils import validate_name

logger = logging.getLogger(__name__)

#: local jobs by name (process-wide, as the other local records)
JOBS: Dict[str, "LocalProcessingJob"] = {}
_LOCK = threading.Lock()


def _failure_reason(error: BaseException) -> str:
    """A failing script is the algorithm's error (as SageMaker reports it); anything else is ours."""
    if isinstance(error, ProcessingFailedError):
        return f"AlgorithmError: {error.reason}"
    return error_reason(error)


@attrs.define
class LocalProcessingJob(LocalRecord):
    """One local processing job: its request, status and timestamps."""

    status: str = "InProgress"
    failure_reason: Optional[str] = None
    exit_message: Optional[str] = None
    start_time: Optional[Any] = None
    end_time: Optional[Any] = None

    def describe(self) -> Dict[str, Any]:
        """A DescribeProcessingJob response."""
        return describe_request(
            self.request,
            ProcessingJobName=self.name,
            ProcessingJobArn=self.arn,
            ProcessingJobStatus=self.status,
            ExitMessage=self.exit_message,
            FailureReason=self.failure_reason,
            CreationTime=self.creation_time,
            LastModifiedTime=self.end_time or self.start_time or self.creation_time,
            ProcessingStartTime=self.start_time,
            ProcessingEndTime=self.end_time,
        )


def _resources(request: Dict[str, Any]) -> Tuple[Optional[str], int]:
    cluster = (request.get("ProcessingResources") or {}).get("ClusterConfig") or {}
    count = cluster.get("InstanceCount", 1)
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise ValueError(f"ProcessingResources.ClusterConfig.InstanceCount must be an int >= 1, got {count!r}")
    return cluster.get("InstanceType"), count


def _s3_part(item: Dict[str, Any], where: str, key: str, cloud_only_key: str, cloud_only_reason: str,
             ) -> Dict[str, Any]:
    """``item[key]`` (its S3Input or S3Output) with a valid LocalPath; ``cloud_only_key`` (a source or
    target only SageMaker has) is refused with ``cloud_only_reason``."""
    if cloud_only_key in item:
        raise ValueError(f"{where}: {cloud_only_reason}")
    part = item.get(key)
    if not part:
        raise ValueError(f"{where} must have an {key}")
    relative_path(part.get("LocalPath") or "")
    return part


def _check_inputs(inputs: List[Dict[str, Any]], instance_count: int) -> None:
    for index, item in enumerate(inputs):
        where = f"ProcessingInputs[{index}] ({item.get('InputName')})"
        s3_input = _s3_part(item, where, "S3Input", "DatasetDefinition",
                            "DatasetDefinition (Athena/Redshift) inputs need SageMaker; local mode reads S3Input "
                            "(s3:// or file://) inputs only")
        if s3_input.get("S3DataType", "S3Prefix") != "S3Prefix":
            raise ValueError(f"{where}: S3DataType {s3_input['S3DataType']!r} is not supported in local mode; "
                             "valid choices: ['S3Prefix']")
        if s3_input.get("S3CompressionType", "None") not in ("None", None):
            raise ValueError(f"{where}: S3CompressionType {s3_input['S3CompressionType']!r} is not supported in "
                             "local mode; valid choices: ['None']")
        distribution = s3_input.get("S3DataDistributionType", "FullyReplicated")
        if distribution != "FullyReplicated" and instance_count > 1:
            raise ValueError(f"{where}: S3DataDistributionType {distribution!r} is not supported in local mode "
                             "with more than one instance; valid choices: ['FullyReplicated']")
        if s3_input.get("S3InputMode", "File") != "File":
            logger.warning("%s: input mode %s is not emulated in local mode; the files are provided",
                           where, s3_input["S3InputMode"])


def _check_outputs(outputs: List[Dict[str, Any]]) -> None:
    for index, item in enumerate(outputs):
        where = f"ProcessingOutputConfig.Outputs[{index}] ({item.get('OutputName')})"
        s3_output = _s3_part(item, where, "S3Output", "FeatureStoreOutput",
                             "FeatureStoreOutput needs SageMaker Feature Store; local mode writes S3Output "
                             "(s3:// or file://) outputs only")
        data.scheme_of(s3_output.get("S3Uri"), f"{where}.S3Output.S3Uri")
        if s3_output.get("S3UploadMode", "EndOfJob") != "EndOfJob":
            logger.warning("%s: S3UploadMode %s is not emulated in local mode; the output is delivered when the "
                           "job ends", where, s3_output["S3UploadMode"])


def _contains(outer: str, inner: str) -> bool:
    outer, inner = posixpath.normpath(outer), posixpath.normpath(inner)
    return inner.startswith(outer + "/")


class LocalProcessingJobs:
    """The processing calls of a local SageMaker client.

    Args:
        client: the :class:`LocalSagemakerClient` (its session, runtimes, scratch dirs and credentials).
    """

    def __init__(self, client: Any):
        self._client = client

    def create(self, request: Dict[str, Any]) -> Dict[str, Any]:
        """Run the job to completion and record it; raise when it failed."""
        name = validate_name(request.get("ProcessingJobName"), "ProcessingJobName")
        instance_type, instance_count = _resources(request)
        runtime = self._client.runtime(instance_type)
        app = request.get("AppSpecification") or {}
        if not app.get("ImageUri"):
            raise ValueError("AppSpecification.ImageUri is required")
        inputs = list(request.get("ProcessingInputs") or [])
        outputs = list((request.get("ProcessingOutputConfig") or {}).get("Outputs") or [])
        _check_inputs(inputs, instance_count)
        _check_outputs(outputs)
        for ignored in ("NetworkConfig", "ExperimentConfig", "StoppingCondition"):
            if request.get(ignored):
                logger.info("%s is not applied to local processing jobs.", ignored)
        arn = local_arn(self._client._region(), "processing-job", name)
        with _LOCK:
            if name in JOBS:
                raise ClientError({"Error": {"Code": "ResourceInUse",
                                             "Message": f"local processing job {name!r} already exists"}},
                                  "CreateProcessingJob")
            job = LocalProcessingJob(name, dict(request), arn)
            JOBS[name] = job
        with REGISTRY.lock:
            REGISTRY.tags[arn] = list(request.get("Tags") or [])
        scratch = self._client._scratch(name)
        try:
            with recording_outcome(job, _failure_reason):
                job.start_time = now()
                mounts = self._materialize_inputs(inputs, scratch)
                output_mounts = [MountSpec(item["OutputName"],
                                           os.path.join(scratch, "outputs", item["OutputName"]),
                                           item["S3Output"]["LocalPath"]) for item in outputs]
                environment = self._client._container_credentials(instance_type)
                environment.update(request.get("Environment") or {})
                spec = ProcessingSpec(
                    job_name=name, image_uri=app["ImageUri"],
                    instance_type=required(instance_type, "InstanceType"),  # runtime() checked it
                    instance_count=instance_count, entrypoint=app.get("ContainerEntrypoint"),
                    arguments=app.get("ContainerArguments"), environment=environment, inputs=mounts,
                    outputs=output_mounts, job_config=job_config(request, arn),
                    work_dir=os.path.join(scratch, "job"),
                )
                logger.info("Starting local processing job %s on %s x %s", name, instance_count, instance_type)
                try:
                    runtime.process(spec)
                except ProcessingFailedError as error:
                    job.exit_message = error.reason
                    raise
                for item, mount in zip(outputs, output_mounts):
                    data.deliver(mount.local_dir, item["S3Output"]["S3Uri"], self._client.sagemaker_session,
                                 f"Outputs[{item['OutputName']}].S3Output.S3Uri")
                job.status = "Completed"
        finally:
            data.remove_dirs([scratch])
        return {"ProcessingJobArn": arn}

    def _materialize_inputs(self, inputs: List[Dict[str, Any]], scratch: str) -> List[MountSpec]:
        """Each input as a local directory; one another input lies inside gets a private copy."""
        mounts = []
        paths = [item["S3Input"]["LocalPath"] for item in inputs]
        for index, item in enumerate(inputs):
            s3_input = item["S3Input"]
            parameter = f"ProcessingInputs[{index}].S3Input.S3Uri"
            target = os.path.join(scratch, "inputs", str(index))
            local_dir = data.materialize_dir(s3_input.get("S3Uri"), target, self._client.sagemaker_session, parameter)
            outer = any(_contains(s3_input["LocalPath"], other) for other in paths)
            if outer and os.path.abspath(local_dir) != os.path.abspath(target):
                # another input is mounted inside this one: never create its mount point in the user's folder
                shutil.copytree(local_dir, target, symlinks=True, dirs_exist_ok=True)
                local_dir = target
            mounts.append(MountSpec(item["InputName"], local_dir, s3_input["LocalPath"]))
        return mounts

    @staticmethod
    def _job(name: str, operation: str) -> LocalProcessingJob:
        with _LOCK:
            job = JOBS.get(name)
        if job is None:
            raise not_found(operation, "processing job", name)
        return job

    def describe(self, name: str) -> Dict[str, Any]:
        """DescribeProcessingJob."""
        return self._job(name, "DescribeProcessingJob").describe()

    def stop(self, name: str) -> None:
        """Local jobs run inside create_processing_job, so there is never one to stop."""
        self._job(name, "StopProcessingJob")
        raise ClientError({"Error": {"Code": "ValidationException",
                                     "Message": f"The local processing job {name} is not running"}},
                          "StopProcessingJob")

    def list(self, **kwargs: Any) -> Dict[str, Any]:
        """ListProcessingJobs (NameContains and StatusEquals filters)."""
        with _LOCK:
            jobs = list(JOBS.values())
        return {"ProcessingJobSummaries": [
            {"ProcessingJobName": job.name, "ProcessingJobArn": job.arn, "CreationTime": job.creation_time,
             "ProcessingEndTime": job.end_time, "ProcessingJobStatus": job.status}
            for job in jobs
            if kwargs.get("NameContains", "") in job.name and kwargs.get("StatusEquals", job.status) == job.status]}
