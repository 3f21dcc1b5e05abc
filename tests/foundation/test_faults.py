"""Issue 16 items 5 and 6: throttling is survived, and a Create whose response was lost ends
with exactly one resource (faults injected into real botocore calls against moto)."""
from __future__ import annotations

import urllib.request

import boto3
import pytest
from botocore.awsrequest import AWSResponse
from botocore.exceptions import ClientError, ReadTimeoutError

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/algo:1"


class _Raw:
    def __init__(self, body: bytes):
        self._body = body

    def stream(self, **_):
        yield self._body


def _error_response(request, status: int, body: bytes, json_protocol: bool) -> AWSResponse:
    headers = {"Content-Type": "application/x-amz-json-1.1" if json_protocol else "application/xml"}
    return AWSResponse(request.url, status, headers, _Raw(body))


@pytest.fixture(autouse=True)
def _no_backoff(monkeypatch):
    """Keep botocore's retry decisions, skip its sleeps (the count of attempts is what is tested)."""
    from botocore.retries import standard

    monkeypatch.setattr(standard.ExponentialBackoff, "delay_amount", lambda self, context: 0)
    import botocore.retryhandler

    monkeypatch.setattr(botocore.retryhandler, "delay_exponential", lambda **kwargs: 0)


def _inject(client, event: str, failures: int, make):
    seen = {"calls": 0}

    def handler(request, **_):
        seen["calls"] += 1
        if seen["calls"] <= failures:
            return make(request)
        return None

    client.meta.events.register(f"before-send.{event}", handler)
    return seen


def test_five_slowdowns_in_a_row_do_not_fail_an_upload(aws, tmp_path):
    from sagemaker_estimators.session import Session

    session = Session(default_bucket="retry-bucket")
    session.s3_client.create_bucket(Bucket="retry-bucket", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    body = b"<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"
    seen = _inject(session.s3_client, "s3.PutObject", 5, lambda request: _error_response(request, 503, body, False))
    (tmp_path / "f.txt").write_text("data")
    uri = session.upload_data(str(tmp_path / "f.txt"), key_prefix="k")
    assert seen["calls"] == 6 and uri == "s3://retry-bucket/k/f.txt"


def test_five_throttles_in_a_row_do_not_fail_fit(aws):
    from sagemaker.estimator import Estimator
    from sagemaker_estimators.session import Session

    session = Session(default_bucket="retry-bucket")
    body = b'{"__type": "ThrottlingException", "message": "Rate exceeded"}'
    seen = _inject(session.sagemaker_client, "sagemaker.CreateTrainingJob", 5,
                   lambda request: _error_response(request, 400, body, True))
    est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.large",
                    output_path="s3://retry-bucket/out", sagemaker_session=session)
    est.fit("s3://retry-bucket/data", wait=False)
    assert seen["calls"] == 6
    assert session.sagemaker_client.describe_training_job(TrainingJobName=est.latest_training_job.name)


def test_users_own_retry_settings_are_left_alone(aws, monkeypatch):
    from sagemaker_estimators.session import Session

    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "2")
    monkeypatch.setenv("AWS_RETRY_MODE", "legacy")
    client = Session().sagemaker_client
    assert client.meta.config.retries.get("total_max_attempts") != 10
    monkeypatch.delenv("AWS_MAX_ATTEMPTS")
    monkeypatch.delenv("AWS_RETRY_MODE")
    client = Session().sagemaker_client
    assert client.meta.config.retries == {"mode": "standard", "total_max_attempts": 10}


# ---------------------------------------------------------------------------------- lost responses


def _lose_first_response(client, operation: str, conflict: bytes):
    """The first attempt reaches moto (the resource is created) but its answer is lost; the retry is
    answered the way SageMaker answers a taken name."""
    state = {"attempts": 0}

    def handler(request, **_):
        state["attempts"] += 1
        if state["attempts"] == 1:
            forwarded = urllib.request.Request(request.url, data=request.body, method=request.method,
                                               headers={k: v for k, v in request.headers.items()})
            urllib.request.urlopen(forwarded).read()
            raise ReadTimeoutError(endpoint_url=request.url)
        if state["attempts"] == 2:
            return _error_response(request, 400, conflict, True)
        return None

    client.meta.events.register(f"before-send.sagemaker.{operation}", handler)
    return state


IN_USE = b'{"__type": "ResourceInUse", "message": "Training job names must be unique within an AWS account and region"}'


def test_lost_create_training_job_response_ends_with_one_job_and_fit_returns(aws):
    from sagemaker.estimator import Estimator
    from sagemaker_estimators.session import Session

    session = Session(default_bucket="retry-bucket")
    state = _lose_first_response(session.sagemaker_client, "CreateTrainingJob", IN_USE)
    est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.large",
                    output_path="s3://retry-bucket/out", sagemaker_session=session)
    est.fit("s3://retry-bucket/data", wait=False)
    assert state["attempts"] == 2
    jobs = boto3.client("sagemaker").list_training_jobs()["TrainingJobSummaries"]
    assert [job["TrainingJobName"] for job in jobs] == [est.latest_training_job.name]


def test_a_different_job_under_that_name_is_still_an_error(aws):
    from sagemaker.estimator import Estimator
    from sagemaker_estimators.session import Session

    session = Session(default_bucket="retry-bucket")
    state = {"n": 0}

    def handler(request, **_):  # someone else's job with this name exists: a spec that differs
        state["n"] += 1
        if state["n"] == 1:
            body = request.body.replace(b"ml.m5.large", b"ml.c5.xlarge")
            forwarded = urllib.request.Request(request.url, data=body, method=request.method,
                                               headers={k: v for k, v in request.headers.items()
                                                        if k.lower() not in ("content-length", "authorization")})
            urllib.request.urlopen(forwarded).read()
            raise ReadTimeoutError(endpoint_url=request.url)
        if state["n"] == 2:
            return _error_response(request, 400, IN_USE, True)
        return None

    session.sagemaker_client.meta.events.register("before-send.sagemaker.CreateTrainingJob", handler)
    est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.large",
                    output_path="s3://retry-bucket/out", sagemaker_session=session)
    with pytest.raises(ClientError, match="ResourceInUse"):
        est.fit("s3://retry-bucket/data", wait=False)


def test_a_name_taken_without_a_retry_is_an_error(aws):
    from sagemaker.estimator import Estimator
    from sagemaker_estimators.session import Session

    session = Session(default_bucket="retry-bucket")
    seen = _inject(session.sagemaker_client, "sagemaker.CreateTrainingJob", 1,
                   lambda request: _error_response(request, 400, IN_USE, True))
    est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.large",
                    output_path="s3://retry-bucket/out", sagemaker_session=session)
    with pytest.raises(ClientError, match="ResourceInUse"):
        est.fit("s3://retry-bucket/data", wait=False)
    assert seen["calls"] == 1


EXISTS = b'{"__type": "ValidationException", "message": "Cannot create already existing endpoint configuration"}'


def test_lost_hosting_create_responses_end_with_one_resource_each(aws):
    from sagemaker_estimators.session import Session

    session = Session(default_bucket="retry-bucket")
    client = session.sagemaker_client
    client.create_model(ModelName="m1", ExecutionRoleArn=ROLE, PrimaryContainer={"Image": IMAGE})
    states = [_lose_first_response(client, operation, EXISTS)
              for operation in ("CreateEndpointConfig", "CreateEndpoint", "CreateTransformJob")]
    session.create_endpoint_config("cfg1", "m1", 1, "ml.m5.large")
    session.create_endpoint("ep1", "cfg1", wait=False)
    session.transform("tj1", "m1", None, None, None,
                      {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://retry-bucket/in"}}},
                      {"S3OutputPath": "s3://retry-bucket/out"},
                      {"InstanceCount": 1, "InstanceType": "ml.m5.large"}, None)
    assert [state["attempts"] for state in states] == [2, 2, 2]
    assert [c["EndpointConfigName"] for c in client.list_endpoint_configs()["EndpointConfigs"]] == ["cfg1"]
    assert [e["EndpointName"] for e in client.list_endpoints()["Endpoints"]] == ["ep1"]
    assert [j["TransformJobName"] for j in client.list_transform_jobs()["TransformJobSummaries"]] == ["tj1"]
