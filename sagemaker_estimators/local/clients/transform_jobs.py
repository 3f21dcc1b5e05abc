"""Batch transform jobs of the local SageMaker client: the model served, every record sent to it.

CreateTransformJob starts the model's server (as an endpoint would), splits every input
file into records and requests (:mod:`.batching`), POSTs them to ``/invocations`` one at
a time and writes ``<file>.out`` next to where the input was, then delivers the output
folder (``file://`` or ``s3://``).  The job runs to completion inside the call.
"""
from __future__ import annotations

import json
import logging
import os
from typing import Any, Dict, List, Optional

from botocore.exceptions import ClientError

from sagemaker_estimators.local import data
from sagemaker_estimators.local.clients.base import check_instance_type, resource_in_use
from sagemaker_estimators.local.clients.batching import check_transform_settings, payloads
from sagemaker_estimators.local.clients.hosting import Hosting
from sagemaker_estimators.local.clients.runtime_client import INVOCATION_TIMEOUT, http_request, post
from sagemaker_estimators.local.entities import REGISTRY, LocalTransformJob, local_arn, not_found, now, recording_outcome
from sagemaker_estimators.local.runtime import RunningEndpoint
from sagemaker_estimators.utils import validate_name
from sagemaker_estimators.required import required

logger = logging.getLogger(__name__)

DEFAULT_BATCH_STRATEGY = "MultiRecord"
DEFAULT_MAX_PAYLOAD_MB = 6
_CONTAINER_STRATEGIES = {"MULTI_RECORD": "MultiRecord", "SINGLE_RECORD": "SingleRecord"}


class TransformJobs(Hosting):
    """CreateTransformJob, DescribeTransformJob, StopTransformJob and ListTransformJobs (serving from Hosting)."""

    def create_transform_job(
        self,
        TransformJobName: str,  # noqa: N803
        ModelName: str,  # noqa: N803
        TransformInput: Dict[str, Any],  # noqa: N803
        TransformOutput: Dict[str, Any],  # noqa: N803
        TransformResources: Dict[str, Any],  # noqa: N803
        **kwargs: Any,
    ) -> Dict[str, Any]:
        """Serve the model, send every input file's records to ``/invocations``, write ``<file>.out``."""
        validate_name(TransformJobName, "TransformJobName")
        request = dict(kwargs, TransformJobName=TransformJobName, ModelName=ModelName, TransformInput=TransformInput,
                       TransformOutput=TransformOutput, TransformResources=TransformResources)
        instance_type = check_instance_type(TransformResources.get("InstanceType"), "TransformResources.InstanceType")
        model = self._model(ModelName, "CreateTransformJob")
        source = (TransformInput.get("DataSource") or {}).get("S3DataSource") or {}
        input_uri = source.get("S3Uri")
        data.scheme_of(input_uri, "TransformInput.DataSource.S3DataSource.S3Uri")
        if source.get("S3DataType", "S3Prefix") != "S3Prefix":
            raise ValueError(
                f"TransformInput S3DataType {source.get('S3DataType')!r} is not supported in local mode; "
                "valid choices: ['S3Prefix']"
            )
        if TransformInput.get("CompressionType", "None") not in ("None", None):
            raise ValueError(f"TransformInput.CompressionType {TransformInput['CompressionType']!r} is not supported "
                             "in local mode; valid choices: ['None']")
        output_uri = TransformOutput.get("S3OutputPath")
        data.scheme_of(output_uri, "TransformOutput.S3OutputPath")
        assemble = TransformOutput.get("AssembleWith", "None")
        if assemble not in ("None", "Line"):
            raise ValueError(f"TransformOutput.AssembleWith must be one of ['None', 'Line'], got {assemble!r}")
        if kwargs.get("DataProcessing"):
            logger.warning("DataProcessing (input/output filters, join) is ignored in local mode.")
        split_type = TransformInput.get("SplitType")
        if "BatchStrategy" in kwargs or "MaxPayloadInMB" in kwargs:
            check_transform_settings(split_type, kwargs.get("BatchStrategy", DEFAULT_BATCH_STRATEGY),
                                     kwargs.get("MaxPayloadInMB", DEFAULT_MAX_PAYLOAD_MB))
        with REGISTRY.lock:
            if TransformJobName in REGISTRY.transform_jobs:
                raise resource_in_use("CreateTransformJob", "transform job", TransformJobName)
            job = LocalTransformJob(TransformJobName, request,
                                    local_arn(self._region(), "transform-job", TransformJobName))
            REGISTRY.transform_jobs[TransformJobName] = job
            REGISTRY.tags[job.arn] = list(kwargs.get("Tags") or [])

        server: Optional[RunningEndpoint] = None
        serving_scratch: Optional[str] = None
        scratch = self._scratch(TransformJobName)
        try:
            with recording_outcome(job):
                job.start_time = now()
                server, serving_scratch = self._start_server(
                    TransformJobName, model, instance_type, self._batch_environment(kwargs)
                )
                settings = self._execution_parameters(server, kwargs)
                check_transform_settings(split_type, settings["BatchStrategy"], settings["MaxPayloadInMB"])
                job.request.update(settings)
                input_dir = data.materialize_dir(
                    required(input_uri, "TransformInput.DataSource.S3DataSource.S3Uri"),
                    os.path.join(scratch, "input"), self.sagemaker_session,
                    "TransformInput.DataSource.S3DataSource.S3Uri")
                output_dir = os.path.join(scratch, "output")
                os.makedirs(output_dir)
                for path in sorted(self._input_files(input_dir)):
                    relative = os.path.relpath(path, input_dir)
                    target = os.path.join(output_dir, relative + ".out")
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    with open(target, "wb") as out:
                        for body in payloads(path, split_type, settings["BatchStrategy"], settings["MaxPayloadInMB"]):
                            result = self._invoke(server, body, TransformInput.get("ContentType"),
                                                  TransformOutput.get("Accept"), relative)
                            out.write(result)
                            if assemble == "Line" and not result.endswith(b"\n"):
                                out.write(b"\n")
                data.deliver(output_dir, required(output_uri, "TransformOutput.S3OutputPath"), self.sagemaker_session,
                             "TransformOutput.S3OutputPath")
                job.status = "Completed"
        finally:
            if server is not None:
                try:
                    server.stop()
                except Exception as error:  # noqa: BLE001
                    logger.warning("Could not stop the model server of %s: %s", TransformJobName, error)
            data.remove_dirs([scratch, serving_scratch])
        return {"TransformJobArn": job.arn}

    @staticmethod
    def _batch_environment(kwargs: Dict[str, Any]) -> Dict[str, str]:
        environment = {"SAGEMAKER_BATCH": "True", "SAGEMAKER_MAX_CONCURRENT_TRANSFORMS": "1"}
        if "MaxPayloadInMB" in kwargs:
            environment["SAGEMAKER_MAX_PAYLOAD_IN_MB"] = str(kwargs["MaxPayloadInMB"])
        if "BatchStrategy" in kwargs:
            by_api_name = {api: env for env, api in _CONTAINER_STRATEGIES.items()}
            environment["SAGEMAKER_BATCH_STRATEGY"] = by_api_name.get(kwargs["BatchStrategy"], str(kwargs["BatchStrategy"]))
        if int(kwargs.get("MaxConcurrentTransforms") or 1) > 1:
            logger.warning("Local transform jobs send one request at a time; MaxConcurrentTransforms is ignored")
        environment.update(kwargs.get("Environment") or {})
        return environment

    @staticmethod
    def _execution_parameters(server: RunningEndpoint, kwargs: Dict[str, Any]) -> Dict[str, Any]:
        """BatchStrategy / MaxPayloadInMB: the request's, else the container's ``/execution-parameters``,
        else SageMaker's defaults."""
        settings: Dict[str, Any] = {key: kwargs[key] for key in ("BatchStrategy", "MaxPayloadInMB") if key in kwargs}
        if len(settings) < 2:
            try:
                status, body, _ = http_request("GET", server.url, "/execution-parameters", timeout=5.0)
                offered = json.loads(body.decode("utf-8")) if status == 200 else {}
            except (OSError, ValueError):
                offered = {}
            offered = offered if isinstance(offered, dict) else {}
            # containers answer in their environment-variable spelling (MULTI_RECORD); V2 took it
            # verbatim and then rejected it
            offered_strategy = offered.get("BatchStrategy")
            strategy = (_CONTAINER_STRATEGIES.get(offered_strategy, offered_strategy)
                        if isinstance(offered_strategy, str) else offered_strategy)
            if "BatchStrategy" not in settings and strategy is not None:
                settings["BatchStrategy"] = strategy
            if "MaxPayloadInMB" not in settings and offered.get("MaxPayloadInMB") is not None:
                settings["MaxPayloadInMB"] = offered["MaxPayloadInMB"]
        settings.setdefault("BatchStrategy", DEFAULT_BATCH_STRATEGY)
        settings.setdefault("MaxPayloadInMB", DEFAULT_MAX_PAYLOAD_MB)
        return settings

    @staticmethod
    def _input_files(root: str) -> List[str]:
        files: List[str] = []
        for folder, dirs, names in os.walk(root):
            dirs.sort()
            files.extend(os.path.join(folder, name) for name in names)
        return files

    @staticmethod
    def _invoke(server: RunningEndpoint, body: bytes, content_type: Optional[str], accept: Optional[str],
                source: str) -> bytes:
        headers = {}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        status, result, _ = post(server.url, "/invocations", body, headers, INVOCATION_TIMEOUT)
        if status >= 400:
            raise RuntimeError(
                f"the model answered {status} for a record of {source}: {result.decode('utf-8', 'replace')[:2000]}"
                f"\n--- last lines of the model server ---\n{server.log_tail(20)}"
            )
        return result

    def describe_transform_job(self, TransformJobName: str) -> Dict[str, Any]:  # noqa: N803
        """DescribeTransformJob."""
        with REGISTRY.lock:
            job = REGISTRY.transform_jobs.get(TransformJobName)
        if job is None:
            raise not_found("DescribeTransformJob", "transform job", TransformJobName)
        return job.describe()

    def stop_transform_job(self, TransformJobName: str) -> None:  # noqa: N803
        """Local transform jobs run inside create_transform_job, so there is never one to stop."""
        self.describe_transform_job(TransformJobName)
        raise ClientError(
            {"Error": {"Code": "ValidationException",
                       "Message": f"The local transform job {TransformJobName} is not running"}},
            "StopTransformJob",
        )

    def list_transform_jobs(self, **kwargs: Any) -> Dict[str, Any]:
        """ListTransformJobs (NameContains and StatusEquals filters)."""
        with REGISTRY.lock:
            jobs = list(REGISTRY.transform_jobs.values())
        return {"TransformJobSummaries": [
            {"TransformJobName": j.name, "TransformJobArn": j.arn, "CreationTime": j.creation_time,
             "TransformEndTime": j.end_time, "TransformJobStatus": j.status}
            for j in jobs
            if kwargs.get("NameContains", "") in j.name and kwargs.get("StatusEquals", j.status) == j.status]}
