"""The interface between local mode's SageMaker emulation and the runtimes that run containers.

:class:`~sagemaker_estimators.local.session.LocalSession`'s clients turn
CreateTrainingJob / CreateEndpoint / CreateTransformJob requests into the
specs below, with every input already materialised as a local directory, and
hand them to a runtime: the compose runtime (``instance_type`` ``local`` /
``local_gpu``, Docker) or the process runtime (``local_process``, the host's
Python).  A runtime never talks to AWS.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Protocol

import attrs

from sagemaker_estimators.exceptions import SageMakerEstimatorsError


@attrs.frozen
class ChannelSpec:
    """One input channel: a local directory plus what ``inputdataconfig.json`` says of it."""

    name: str
    local_dir: str
    content_type: Optional[str] = None
    input_mode: str = "File"
    compression_type: Optional[str] = None
    record_wrapper_type: Optional[str] = None
    s3_distribution_type: str = "FullyReplicated"


@attrs.frozen
class TrainingSpec:
    """Everything a runtime needs to run one training job on ``instance_count`` hosts."""

    job_name: str
    image_uri: str
    #: "sklearn", "pytorch", "xgboost", "huggingface" or None for a generic image
    framework: Optional[str]
    #: "local", "local_gpu" or "local_process"
    instance_type: str
    instance_count: int
    #: hyperparameters as in CreateTrainingJob (values already JSON-encoded strings);
    #: ``sagemaker_submit_directory`` is "/opt/ml/code" when ``code_dir`` is set
    hyperparameters: Dict[str, str]
    channels: List[ChannelSpec]
    #: a local directory holding the user's code, mounted (or copied) at /opt/ml/code
    code_dir: Optional[str]
    environment: Dict[str, str]
    #: per-job scratch root owned by the runtime; removed by the caller afterwards
    work_dir: str
    #: directory that receives ``model.tar.gz`` and ``output.tar.gz``
    artifacts_dir: str
    container_entry_point: Optional[List[str]] = None
    container_arguments: Optional[List[str]] = None
    checkpoint_local_dir: Optional[str] = None


@attrs.frozen
class TrainingResult:
    """Where the packed artifacts of a finished job are."""

    model_artifacts: str
    output_artifacts: str


class HostFailedError(RuntimeError, SageMakerEstimatorsError):
    """A host of a local job exited non-zero; carries that host's failure reason and the tail of its log."""

    #: the kind of job, as the message names it
    job_kind = "job"

    def __init__(self, job_name: str, host: str, exit_code: Optional[int], reason: str, log_tail: str = ""):
        self.job_name = job_name
        self.host = host
        self.exit_code = exit_code
        self.reason = reason
        self.log_tail = log_tail
        detail = f"\n--- last lines of {host} ---\n{log_tail}" if log_tail else ""
        super().__init__(
            f"Local {self.job_kind} {job_name} failed on {host} (exit code {exit_code}): {reason}{detail}"
        )


class TrainingFailedError(HostFailedError):
    """A host of a training job exited non-zero; carries that host's failure reason and the tail of its log."""

    job_kind = "training job"


@attrs.frozen
class ServingSpec:
    """One local endpoint: a model directory served under the container serving contract."""

    endpoint_name: str
    image_uri: str
    framework: Optional[str]
    instance_type: str
    #: the extracted model.tar.gz (what the container sees as /opt/ml/model)
    model_dir: str
    #: SAGEMAKER_PROGRAM, SAGEMAKER_SUBMIT_DIRECTORY, ... as in CreateModel's Environment
    environment: Dict[str, str]
    #: a local directory with the inference code when it is not inside model_dir/code
    code_dir: Optional[str] = None
    work_dir: str = ""
    #: fixed host port, or None for a free one
    port: Optional[int] = None


class RunningEndpoint(Protocol):
    """A started model server."""

    url: str

    def ping(self) -> bool:
        """True when ``GET /ping`` answers 200."""

    def invoke(self, body: bytes, content_type: Optional[str], accept: Optional[str]) -> "InvocationResult":
        """POST ``/invocations`` and return the response."""

    def log_tail(self, lines: int = 50) -> str:
        """The last lines the server printed."""

    def stop(self) -> None:
        """Stop the server and free everything it holds (idempotent)."""


@attrs.frozen
class InvocationResult:
    body: bytes
    content_type: str
    status: int = 200


@attrs.frozen
class MountSpec:
    """A local directory a processing job sees at ``container_path`` (under /opt/ml/processing)."""

    name: str
    local_dir: str
    container_path: str


@attrs.frozen
class ProcessingSpec:
    """Everything a runtime needs to run one processing job on ``instance_count`` hosts."""

    job_name: str
    image_uri: str
    #: "local", "local_gpu" or "local_process"
    instance_type: str
    instance_count: int
    #: AppSpecification.ContainerEntrypoint / ContainerArguments
    entrypoint: Optional[List[str]]
    arguments: Optional[List[str]]
    environment: Dict[str, str]
    #: inputs, each already a local directory (a private copy where another input lies inside it)
    inputs: List[MountSpec]
    #: outputs; ``local_dir`` receives what the hosts wrote to ``container_path`` (first host wins)
    outputs: List[MountSpec]
    #: /opt/ml/config/processingjobconfig.json as SageMaker writes it (the job's description)
    job_config: Dict[str, Any]
    #: per-job scratch root owned by the runtime; removed by the caller afterwards
    work_dir: str


class ProcessingFailedError(HostFailedError):
    """A host of a processing job exited non-zero; carries its exit message and log tail."""

    job_kind = "processing job"


class LocalRuntime(Protocol):
    """What both runtimes implement."""

    def train(self, spec: TrainingSpec) -> TrainingResult:
        """Run the job to completion; raise :class:`TrainingFailedError` when a host fails.

        On KeyboardInterrupt or any error every process/container started is stopped
        before the exception propagates.
        """

    def serve(self, spec: ServingSpec) -> RunningEndpoint:
        """Start serving and return once ``/ping`` answers (bounded wait)."""

    def process(self, spec: ProcessingSpec) -> None:
        """Run the processing job to completion, leaving each output in its ``local_dir``; raise
        :class:`ProcessingFailedError` when a host fails (everything started is stopped first)."""
