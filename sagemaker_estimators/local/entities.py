"""Records of local jobs, models, endpoint configs and endpoints, and their ``describe_*`` dicts.

The records live in one process-wide :class:`LocalRegistry` (as in V2, every
``LocalSagemakerClient`` sees the same jobs and endpoints, so a Predictor built
on a new ``LocalSession`` still reaches an endpoint started by another).  The
describe dicts carry the request fields back, as SageMaker's do, so that
``Estimator.attach`` and ``model_data`` work on local jobs.
"""
from __future__ import annotations

import atexit
import contextlib
import copy
import datetime
import logging
import threading
from typing import Any, Callable, Dict, Iterator, List, Optional

import attrs
from botocore.exceptions import ClientError

from sagemaker_estimators.local.runtime import RunningEndpoint

logger = logging.getLogger(__name__)

#: account id in the ARNs of local resources (they exist nowhere in AWS)
LOCAL_ACCOUNT = "000000000000"


def now() -> datetime.datetime:
    """A timezone-aware timestamp, as boto3 returns them."""
    return datetime.datetime.now(datetime.timezone.utc)


def error_reason(error: BaseException) -> str:
    """The failure reason a local job records for an unexpected error: ``<ErrorType>: <message>``."""
    return f"{type(error).__name__}: {error}"


@contextlib.contextmanager
def recording_outcome(job: Any, describe_failure: Callable[[BaseException], str] = error_reason) -> Iterator[None]:
    """Record how the block running ``job`` ended, and re-raise what stopped it.

    Ctrl-C marks the job ``Stopped``; any other error marks it ``Failed`` with
    ``describe_failure(error)`` as its reason; ``end_time`` is set however the block ends.
    """
    try:
        yield
    except KeyboardInterrupt:
        job.status, job.failure_reason = "Stopped", "Interrupted by the user (KeyboardInterrupt)"
        raise
    except BaseException as error:
        job.status, job.failure_reason = "Failed", describe_failure(error)
        raise
    finally:
        job.end_time = now()


def local_arn(region: str, kind: str, name: str) -> str:
    """An ARN-shaped identifier for a local resource."""
    return f"arn:aws:sagemaker:{region}:{LOCAL_ACCOUNT}:{kind}/{name.lower()}"


def not_found(operation: str, what: str, name: Optional[str]) -> ClientError:
    """The ClientError SageMaker raises for an unknown resource (V2's local code uses the same)."""
    return ClientError(
        {"Error": {"Code": "ValidationException", "Message": f"Could not find local {what} {name!r}"}},
        operation,
    )


def describe_request(request: Dict[str, Any], **fields: Any) -> Dict[str, Any]:
    """A describe response: the request as sent (without Tags, which ListTags returns), plus ``fields``
    whose value is not None."""
    response = copy.deepcopy({key: value for key, value in request.items() if key != "Tags"})
    response.update({key: value for key, value in fields.items() if value is not None})
    return response


def only_one(items: Optional[List[Dict[str, Any]]], owner: str, what: str, note: str = "") -> Dict[str, Any]:
    """The single item of ``items``; ValueError when there are none or several."""
    items = items or []
    if len(items) != 1:
        raise ValueError(f"{owner}: local mode serves exactly one {what}, got {len(items)}{note}")
    return items[0]


@attrs.define
class LocalRecord:
    """A local resource: its name, the request that created it, its ARN and creation time."""

    name: str
    request: Dict[str, Any]
    arn: str
    creation_time: datetime.datetime = attrs.field(factory=now, kw_only=True)


@attrs.define
class LocalTrainingJob(LocalRecord):
    """One local training job: the request it was created from, its status and its artifacts."""

    status: str = "InProgress"
    secondary_status: str = "Starting"
    failure_reason: Optional[str] = None
    model_artifacts: Optional[str] = None
    output_artifacts: Optional[str] = None
    start_time: Optional[datetime.datetime] = None
    end_time: Optional[datetime.datetime] = None

    def describe(self) -> Dict[str, Any]:
        """A DescribeTrainingJob response."""
        response = describe_request(
            self.request,
            TrainingJobName=self.name,
            TrainingJobArn=self.arn,
            TrainingJobStatus=self.status,
            SecondaryStatus=self.secondary_status,
            CreationTime=self.creation_time,
            LastModifiedTime=self.end_time or self.start_time or self.creation_time,
            TrainingStartTime=self.start_time,
            TrainingEndTime=self.end_time,
            ModelArtifacts={"S3ModelArtifacts": self.model_artifacts} if self.model_artifacts else None,
            FailureReason=self.failure_reason,
        )
        response.setdefault("HyperParameters", {})
        if self.end_time:
            response["TrainingTimeInSeconds"] = int((self.end_time - (self.start_time or self.end_time)).total_seconds())
        return response


@attrs.define
class LocalModel(LocalRecord):
    """A CreateModel request kept as it was sent."""

    @property
    def primary_container(self) -> Dict[str, Any]:
        """PrimaryContainer, or the first of Containers."""
        container = self.request.get("PrimaryContainer")
        if container:
            return container
        return only_one(self.request.get("Containers"), f"model {self.name!r}", "container",
                        " (inference pipelines are not supported locally)")

    def describe(self) -> Dict[str, Any]:
        """A DescribeModel response."""
        response = describe_request(self.request, ModelName=self.name, ModelArn=self.arn, CreationTime=self.creation_time)
        response.setdefault("PrimaryContainer", self.primary_container)
        return response


@attrs.define
class LocalEndpointConfig(LocalRecord):
    """A CreateEndpointConfig request."""

    @property
    def variant(self) -> Dict[str, Any]:
        """The one production variant local mode can serve."""
        return only_one(self.request.get("ProductionVariants"), f"endpoint config {self.name!r}", "production variant")

    def describe(self) -> Dict[str, Any]:
        """A DescribeEndpointConfig response."""
        return describe_request(self.request, EndpointConfigName=self.name, EndpointConfigArn=self.arn,
                                CreationTime=self.creation_time)


@attrs.define
class LocalEndpoint:
    """A running (or failed) local endpoint and the server behind it."""

    name: str
    config_name: str
    arn: str
    tags: List[Dict[str, str]] = attrs.field(factory=list)
    status: str = "Creating"
    failure_reason: Optional[str] = None
    server: Optional[RunningEndpoint] = None
    #: scratch dir with the extracted model and code; removed when the endpoint stops
    scratch_dir: Optional[str] = None
    variant_name: str = "AllTraffic"
    instance_type: str = "local"
    instance_count: int = 1
    creation_time: datetime.datetime = attrs.field(factory=now)
    last_modified_time: datetime.datetime = attrs.field(factory=now)

    @property
    def url(self) -> Optional[str]:
        """Base URL of the model server (``http://127.0.0.1:<port>``)."""
        return getattr(self.server, "url", None) if self.server is not None else None

    def describe(self) -> Dict[str, Any]:
        """A DescribeEndpoint response."""
        response: Dict[str, Any] = {
            "EndpointName": self.name,
            "EndpointArn": self.arn,
            "EndpointConfigName": self.config_name,
            "EndpointStatus": self.status,
            "CreationTime": self.creation_time,
            "LastModifiedTime": self.last_modified_time,
            "ProductionVariants": [
                {
                    "VariantName": self.variant_name,
                    "CurrentInstanceCount": self.instance_count,
                    "DesiredInstanceCount": self.instance_count,
                    "CurrentWeight": 1.0,
                    "DesiredWeight": 1.0,
                }
            ],
        }
        if self.failure_reason:
            response["FailureReason"] = self.failure_reason
        return response


@attrs.define
class LocalTransformJob(LocalRecord):
    """One local batch transform job."""

    status: str = "InProgress"
    failure_reason: Optional[str] = None
    start_time: Optional[datetime.datetime] = None
    end_time: Optional[datetime.datetime] = None

    def describe(self) -> Dict[str, Any]:
        """A DescribeTransformJob response."""
        return describe_request(
            self.request,
            TransformJobName=self.name,
            TransformJobArn=self.arn,
            TransformJobStatus=self.status,
            CreationTime=self.creation_time,
            TransformStartTime=self.start_time,
            TransformEndTime=self.end_time,
            FailureReason=self.failure_reason,
        )


class LocalRegistry:
    """Every local resource of this process, by kind and name (thread-safe)."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.training_jobs: Dict[str, LocalTrainingJob] = {}
        self.models: Dict[str, LocalModel] = {}
        self.endpoint_configs: Dict[str, LocalEndpointConfig] = {}
        self.endpoints: Dict[str, LocalEndpoint] = {}
        self.transform_jobs: Dict[str, LocalTransformJob] = {}
        #: ARN -> tags, for ListTags / AddTags
        self.tags: Dict[str, List[Dict[str, str]]] = {}

    def running_endpoints(self) -> List[LocalEndpoint]:
        """Endpoints whose server is still held."""
        with self.lock:
            return [endpoint for endpoint in self.endpoints.values() if endpoint.server is not None]


#: the registry every LocalSagemakerClient shares
REGISTRY = LocalRegistry()


def stop_server(endpoint: LocalEndpoint) -> None:
    """Stop ``endpoint``'s server and remove its scratch dir (idempotent, never raises)."""
    from sagemaker_estimators.local.data import remove_dirs

    server, endpoint.server = endpoint.server, None
    if server is not None:
        try:
            server.stop()
        except Exception as error:  # noqa: BLE001 - a failing stop must not hide the others
            logger.warning("Could not stop the server of local endpoint %s: %s", endpoint.name, error)
    scratch, endpoint.scratch_dir = endpoint.scratch_dir, None
    remove_dirs([scratch] if scratch else [])


@atexit.register
def _stop_all_endpoints() -> None:
    """Model servers must not outlive the interpreter that started them."""
    for endpoint in REGISTRY.running_endpoints():
        stop_server(endpoint)
