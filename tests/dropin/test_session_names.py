"""V2 names of sagemaker.session / s3 / image_uris that legacy code uses, run against moto."""
from __future__ import annotations

import json

import boto3
import pytest

ROLE_POLICY = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole"}]})


def _assumed_role_session(path: str, name: str) -> boto3.Session:
    iam = boto3.client("iam", region_name="us-west-2")
    arn = iam.create_role(RoleName=name, Path=path, AssumeRolePolicyDocument=ROLE_POLICY)["Role"]["Arn"]
    credentials = boto3.client("sts", region_name="us-west-2").assume_role(
        RoleArn=arn, RoleSessionName="notebook")["Credentials"]
    return boto3.Session(aws_access_key_id=credentials["AccessKeyId"],
                         aws_secret_access_key=credentials["SecretAccessKey"],
                         aws_session_token=credentials["SessionToken"], region_name="us-west-2")


@pytest.mark.parametrize("path", ["/", "/service-role/", "/team/ml/"])
def test_caller_identity_arn_keeps_the_role_path(aws, path):
    from sagemaker.session import Session, get_execution_role

    session = Session(boto_session=_assumed_role_session(path, "MyNotebookRole"))
    expected = f"arn:aws:iam::123456789012:role{path}MyNotebookRole"
    assert session.get_caller_identity_arn() == expected
    assert get_execution_role(session) == expected


ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"


def _train(session, name="job-1"):
    from sagemaker.estimator import Estimator

    est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.large",
                    output_path="s3://out-bucket/prefix", sagemaker_session=session, subnets=["subnet-1"],
                    security_group_ids=["sg-1"])
    est.fit("s3://data/train", job_name=name)
    return est


def test_create_model_from_job_takes_the_jobs_image_artifacts_role_and_vpc(aws):
    from sagemaker.session import Session
    from tests.serving.hosting_helpers import recorded_session

    session, calls = recorded_session()
    assert isinstance(session, Session)
    _train(session)
    assert session.create_model_from_job("job-1", env={"A": "1"}, tags={"team": "ml"}) == "job-1"
    request = calls.params("CreateModel")
    assert request["ModelName"] == "job-1" and request["ExecutionRoleArn"] == ROLE
    container = request["PrimaryContainer"]
    assert container["Image"] == IMAGE and container["Environment"] == {"A": "1"}
    assert container["ModelDataSource"]["S3DataSource"] == {
        "S3Uri": "s3://out-bucket/prefix/job-1/output/model.tar.gz", "S3DataType": "S3Object",
        "CompressionType": "Gzip"}
    assert request["VpcConfig"] == {"Subnets": ["subnet-1"], "SecurityGroupIds": ["sg-1"]}
    assert request["Tags"] == [{"Key": "team", "Value": "ml"}]

    session.create_model_from_job("job-1", name="other", image_uri="x/y:2", model_data_url="s3://b/m.tar.gz",
                                  vpc_config_override=None, enable_network_isolation=True)
    request = calls.params("CreateModel")
    assert request["PrimaryContainer"]["ModelDataUrl"] == "s3://b/m.tar.gz"
    assert request["PrimaryContainer"]["Image"] == "x/y:2"
    assert "VpcConfig" not in request and request["EnableNetworkIsolation"] is True


def test_update_training_job_and_search_requests():
    from sagemaker_estimators.session.calls import search_request, update_training_job_request

    assert update_training_job_request("j", resource_config={"KeepAlivePeriodInSeconds": 60}) == {
        "TrainingJobName": "j", "ResourceConfig": {"KeepAlivePeriodInSeconds": 60}}
    assert update_training_job_request("j", profiler_config={"DisableProfiler": True},
                                       remote_debug_config={"EnableRemoteDebug": True}) == {
        "TrainingJobName": "j", "ProfilerConfig": {"DisableProfiler": True},
        "RemoteDebugConfig": {"EnableRemoteDebug": True}}
    assert search_request("TrainingJob") == {"Resource": "TrainingJob"}
    assert search_request("TrainingJob", {"Filters": []}, "CreationTime", "Descending", "t", 5) == {
        "Resource": "TrainingJob", "SearchExpression": {"Filters": []}, "SortBy": "CreationTime",
        "SortOrder": "Descending", "NextToken": "t", "MaxResults": 5}


def test_search_finds_a_training_job(aws):
    from sagemaker.session import Session

    session = Session()
    _train(session, "searched-job")
    found = session.search("TrainingJob", search_expression={"Filters": [
        {"Name": "TrainingJobName", "Operator": "Equals", "Value": "searched-job"}]})
    assert [r["TrainingJob"]["TrainingJobName"] for r in found["Results"]] == ["searched-job"]


def test_wait_for_processing_job_returns_the_finished_description(aws):
    from sagemaker.session import Session

    session = Session()
    session.sagemaker_client.create_processing_job(
        ProcessingJobName="proc-1", RoleArn=ROLE, AppSpecification={"ImageUri": IMAGE},
        ProcessingResources={"ClusterConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.large",
                                               "VolumeSizeInGB": 30}},
        StoppingCondition={"MaxRuntimeInSeconds": 60})
    description = session.wait_for_processing_job("proc-1", poll=0.1)
    assert description["ProcessingJobName"] == "proc-1"
    assert description["ProcessingJobStatus"] == "Completed"


@pytest.mark.parametrize("status, reason, error", [
    ("Completed", None, None),
    ("Failed", "CapacityError: no ml.p4d", "CapacityError"),
    ("Failed", "bad image", "UnexpectedStatusException"),
])
def test_model_package_status(status, reason, error):
    from sagemaker_estimators.session.calls import check_model_package_status

    description = {"ModelPackageStatus": status, "FailureReason": reason}
    if error is None:
        check_model_package_status("pkg", description)
        return
    with pytest.raises(Exception) as raised:
        check_model_package_status("pkg", description)
    assert type(raised.value).__name__ == error
    assert "Error creating model package pkg: Failed" in str(raised.value)


def test_wait_for_model_package(aws):
    from sagemaker.session import Session

    session = Session()
    session.sagemaker_client.create_model_package_group(ModelPackageGroupName="group")
    arn = session.sagemaker_client.create_model_package(
        ModelPackageGroupName="group", InferenceSpecification={
            "Containers": [{"Image": IMAGE}], "SupportedContentTypes": ["text/csv"],
            "SupportedResponseMIMETypes": ["text/csv"]})["ModelPackageArn"]
    assert session.wait_for_model_package(arn, poll=0.1)["ModelPackageStatus"] == "Completed"


@pytest.mark.parametrize("caller, iam_answer, expected", [
    # the caller is the role itself, without its path: IAM gives the path (V2's unit test of this)
    ("arn:aws:iam::123456789012:role/name", "arn:aws:iam::123456789012:role/path/name",
     "arn:aws:iam::123456789012:role/path/name"),
    ("arn:aws:sts::123456789012:assumed-role/name/session", "arn:aws:iam::123456789012:role/a/b/name",
     "arn:aws:iam::123456789012:role/a/b/name"),
    # without IAM permission: the ARN as known, or V2's service-role guess for console-made roles
    ("arn:aws:iam::123456789012:user/mia", None, "arn:aws:iam::123456789012:user/mia"),
    ("arn:aws:sts::123456789012:assumed-role/AmazonSageMaker-ExecutionRole-2017/SageMaker", None,
     "arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole-2017"),
    ("arn:aws:sts::123456789012:assumed-role/name/session", None, "arn:aws:iam::123456789012:role/name"),
])
def test_caller_identity_arn_asks_iam_for_the_path(no_aws, monkeypatch, caller, iam_answer, expected):
    from botocore.stub import Stubber

    from sagemaker.session import Session

    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-west-2")
    session = Session(boto_session=boto3.Session(region_name="us-west-2", aws_access_key_id="x",
                                                 aws_secret_access_key="y"))
    sts, iam = session._client("sts"), session._client("iam")
    with Stubber(sts) as sts_stub, Stubber(iam) as iam_stub:
        sts_stub.add_response("get_caller_identity", {"Arn": caller, "Account": "123456789012", "UserId": "u"})
        role_name = caller.rsplit("/", 2)[-2] if ":assumed-role/" in caller else caller.rsplit("/", 1)[-1]
        if iam_answer:
            iam_stub.add_response("get_role", {"Role": {
                "Arn": iam_answer, "RoleName": role_name, "Path": "/", "RoleId": "AROAEXAMPLEEXAMPLE1",
                "CreateDate": "2020-01-01T00:00:00Z"}}, {"RoleName": role_name})
        else:
            iam_stub.add_client_error("get_role", "AccessDenied", expected_params={"RoleName": role_name})
        assert session.get_caller_identity_arn() == expected
