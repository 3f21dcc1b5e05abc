"""Waiting for endpoints and transform jobs: every terminal status ends the wait, failures carry the reason.

The SageMaker client here is a scripted stand-in for the service (it answers
Describe* from a list of statuses); the waiting code under test is the real one.
"""
from __future__ import annotations

from typing import Any, Dict, List

import boto3
import pytest

from sagemaker_estimators.exceptions import CapacityError, UnexpectedStatusException
from sagemaker_estimators.session import Session


class ScriptedSageMaker:
    """Answers DescribeEndpoint / DescribeTransformJob with the next scripted description."""

    def __init__(self, descriptions: List[Dict[str, Any]]):
        self.descriptions = list(descriptions)
        self.describes = 0

    def _next(self) -> Dict[str, Any]:
        self.describes += 1
        return self.descriptions.pop(0) if len(self.descriptions) > 1 else self.descriptions[0]

    def describe_endpoint(self, EndpointName: str) -> Dict[str, Any]:  # noqa: N803
        return dict(self._next(), EndpointName=EndpointName)

    def describe_transform_job(self, TransformJobName: str) -> Dict[str, Any]:  # noqa: N803
        return dict(self._next(), TransformJobName=TransformJobName)


def _session(client: ScriptedSageMaker) -> Session:
    return Session(boto_session=boto3.Session(region_name="us-west-2"), sagemaker_client=client)


def test_endpoint_already_in_service_costs_one_describe():
    client = ScriptedSageMaker([{"EndpointStatus": "InService"}])
    assert _session(client).wait_for_endpoint("ep")["EndpointStatus"] == "InService"
    assert client.describes == 1


def test_endpoint_creating_then_in_service():
    client = ScriptedSageMaker([{"EndpointStatus": "Creating"}, {"EndpointStatus": "Creating"},
                                {"EndpointStatus": "InService"}])
    _session(client).wait_for_endpoint("ep", poll=0.01)
    assert client.describes == 3


@pytest.mark.parametrize("status", ["Failed", "OutOfService"])
def test_endpoint_failure_names_status_and_reason(status):
    client = ScriptedSageMaker([{"EndpointStatus": "Creating"},
                                {"EndpointStatus": status, "FailureReason": "image not found"}])
    with pytest.raises(UnexpectedStatusException, match=f"Error hosting endpoint ep: {status}. Reason: "
                                                        "image not found") as caught:
        _session(client).wait_for_endpoint("ep", poll=0.01)
    assert caught.value.actual_status == status and caught.value.allowed_statuses == ["InService"]


def test_endpoint_capacity_error():
    client = ScriptedSageMaker([{"EndpointStatus": "Failed", "FailureReason": "CapacityError: no ml.p4d"}])
    with pytest.raises(CapacityError):
        _session(client).wait_for_endpoint("ep")


def test_endpoint_wait_timeout():
    client = ScriptedSageMaker([{"EndpointStatus": "Creating"}])
    with pytest.raises(TimeoutError):
        _session(client).wait_for_endpoint("ep", poll=0.01, timeout=0.05)


def test_transform_job_failure_carries_reason():
    client = ScriptedSageMaker([{"TransformJobStatus": "InProgress"},
                                {"TransformJobStatus": "Failed", "FailureReason": "ClientError: bad input"}])
    with pytest.raises(UnexpectedStatusException, match="ClientError: bad input"):
        _session(client).wait_for_transform_job("job", poll=0.01)


@pytest.mark.parametrize("status", ["Completed", "Stopped"])
def test_transform_job_ends_on_completed_and_stopped(status):
    client = ScriptedSageMaker([{"TransformJobStatus": "InProgress"}, {"TransformJobStatus": "Stopping"},
                                {"TransformJobStatus": status}])
    assert _session(client).wait_for_transform_job("job", poll=0.01)["TransformJobStatus"] == status
    assert client.describes == 3
