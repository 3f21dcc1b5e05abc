"""Create calls that end with exactly one resource when a response is lost.

botocore retries a Create* call whose response never arrived (a read timeout,
a dropped connection, a 5xx).  If the first attempt did reach SageMaker, the
retry is answered "already exists" (``ResourceInUse``, or a
``ValidationException`` "Cannot create already existing ...") while the
resource runs and bills.  :func:`create_once` then describes the resource and,
when it is the one this call asked for (same name, and every field of the
request equal to what Describe reports), returns as if the first response had
arrived.  A resource that differs, or a conflict on a call that was not
retried, is the caller's error and is raised unchanged.

Usage (any job kind)::

    from sagemaker_estimators.create_once import PROCESSING_JOB, create_once
    create_once(session.sagemaker_client, PROCESSING_JOB, request)
"""
from __future__ import annotations

import logging
from typing import Any, Dict, Mapping, Optional, Tuple

import attrs
from botocore.exceptions import ClientError

logger = logging.getLogger(__name__)


@attrs.frozen
class ResourceKind:
    """How to create, name and describe one kind of SageMaker resource.

    ``create`` and ``describe`` are boto3 client method names; ``name_field`` is
    the request field holding the name (also Describe's argument); ``arn_field``
    is the field of the Create response; ``ignored_fields`` are request fields
    Describe does not report faithfully (tags, for one).
    """

    create: str
    describe: str
    name_field: str
    arn_field: str
    ignored_fields: Tuple[str, ...] = ("Tags",)


TRAINING_JOB = ResourceKind("create_training_job", "describe_training_job", "TrainingJobName", "TrainingJobArn")
MODEL = ResourceKind("create_model", "describe_model", "ModelName", "ModelArn")
ENDPOINT_CONFIG = ResourceKind("create_endpoint_config", "describe_endpoint_config", "EndpointConfigName",
                               "EndpointConfigArn")
ENDPOINT = ResourceKind("create_endpoint", "describe_endpoint", "EndpointName", "EndpointArn")
TRANSFORM_JOB = ResourceKind("create_transform_job", "describe_transform_job", "TransformJobName",
                             "TransformJobArn")
PROCESSING_JOB = ResourceKind("create_processing_job", "describe_processing_job", "ProcessingJobName",
                              "ProcessingJobArn")
TUNING_JOB = ResourceKind("create_hyper_parameter_tuning_job", "describe_hyper_parameter_tuning_job",
                          "HyperParameterTuningJobName", "HyperParameterTuningJobArn")


def is_already_exists(error: ClientError) -> bool:
    """True for SageMaker's answers to creating a resource whose name is taken."""
    details = error.response.get("Error", {})
    code, message = details.get("Code", ""), details.get("Message", "")
    return code == "ResourceInUse" or (
        code == "ValidationException" and ("already existing" in message or "already exists" in message))


def was_retried(error: ClientError) -> bool:
    """True when botocore sent the call more than once (so an earlier attempt may have succeeded)."""
    return int(error.response.get("ResponseMetadata", {}).get("RetryAttempts", 0) or 0) > 0


def first_difference(requested: Any, described: Any, path: str = "") -> Optional[str]:
    """Where ``described`` disagrees with ``requested`` (None when every requested value is there).

    Dicts compare on the requested keys that Describe reports (it adds defaults
    and leaves some input fields out); lists element by element; other values by
    equality.
    """
    if isinstance(requested, Mapping):
        if not isinstance(described, Mapping):
            return path or "<root>"
        for key, value in requested.items():
            if key in described:
                where = first_difference(value, described[key], f"{path}.{key}" if path else key)
                if where:
                    return where
        return None
    if isinstance(requested, (list, tuple)):
        if not isinstance(described, (list, tuple)) or len(described) != len(requested):
            return path
        for index, (mine, theirs) in enumerate(zip(requested, described)):
            where = first_difference(mine, theirs, f"{path}[{index}]")
            if where:
                return where
        return None
    return None if requested == described else path


def create_once(client: Any, kind: ResourceKind, request: Mapping[str, Any]) -> Dict[str, Any]:
    """Send ``kind.create(**request)``; after a retried call found the name taken, accept the
    resource when it is the one requested.  Returns the Create response (or one with
    ``kind.arn_field`` read from Describe)."""
    try:
        return getattr(client, kind.create)(**request)
    except ClientError as error:
        if not (is_already_exists(error) and was_retried(error)):
            raise
        name = request[kind.name_field]
        try:
            description = getattr(client, kind.describe)(**{kind.name_field: name})
        except ClientError:
            raise error from None
        compared = {key: value for key, value in request.items() if key not in kind.ignored_fields}
        where = first_difference(compared, description)
        if where is not None:
            logger.error("%s %s already exists with a different %s than this call asked for.",
                         kind.name_field, name, where)
            raise
        logger.warning("%s %s: the first attempt's response was lost and the retry found it created; "
                       "using that one (it is exactly what this call asked for).", kind.name_field, name)
        return {kind.arn_field: description.get(kind.arn_field)}
