"""Session against a moto server: bucket, S3 transfers, roles, and following jobs to their end."""
from __future__ import annotations

import time

import boto3
import pytest
from botocore.stub import Stubber


def test_default_bucket_created_once_with_owner_check(session):
    name = session.default_bucket()
    assert name == "sagemaker-us-west-2-123456789012"
    assert boto3.client("s3").head_bucket(Bucket=name)
    assert session.default_bucket() == name


def test_upload_download_read_list(session, tmp_path):
    folder = tmp_path / "data"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.csv").write_text("1,2\n")
    (folder / "sub" / "b.csv").write_text("3,4\n")
    uri = session.upload_data(str(folder), key_prefix="in")
    bucket = session.default_bucket()
    assert uri == f"s3://{bucket}/in"
    assert sorted(session.list_s3_files(bucket, "in/")) == ["in/a.csv", "in/sub/b.csv"]
    assert session.upload_data(str(folder / "a.csv"), bucket=bucket, key_prefix="one") == f"s3://{bucket}/one/a.csv"
    assert session.read_s3_file(bucket, "in/sub/b.csv") == "3,4\n"
    out = tmp_path / "out"
    paths = session.download_data(str(out), bucket, "in/")
    assert sorted(p.replace(str(out), "") for p in paths) == ["/a.csv", "/sub/b.csv"]
    assert (out / "sub" / "b.csv").read_text() == "3,4\n"
    assert session.upload_string_as_file_body("hello", bucket, "s/x.txt") == f"s3://{bucket}/s/x.txt"


def test_download_refuses_keys_escaping_the_target(session, tmp_path):
    bucket = session.default_bucket()
    boto3.client("s3").put_object(Bucket=bucket, Key="p/../../evil.txt", Body=b"x")
    with pytest.raises(ValueError, match="outside"):
        session.download_data(str(tmp_path / "t"), bucket, "p/")


def test_s3_uploader_and_downloader(session, tmp_path):
    from sagemaker.s3 import S3Downloader, S3Uploader

    bucket = session.default_bucket()
    S3Uploader.upload_string_as_file_body("abc", f"s3://{bucket}/u/a.txt", sagemaker_session=session)
    assert S3Downloader.read_file(f"s3://{bucket}/u/a.txt", sagemaker_session=session) == "abc"
    assert S3Downloader.list(f"s3://{bucket}/u", sagemaker_session=session) == [f"s3://{bucket}/u/a.txt"]
    assert S3Downloader.read_bytes(f"s3://{bucket}/u/a.txt", sagemaker_session=session) == b"abc"


def test_get_execution_role_refuses_a_user(session):
    from sagemaker_estimators.session import get_execution_role

    with pytest.raises(ValueError, match="is not a role"):
        get_execution_role(session)


def test_expand_role(session):
    iam = boto3.client("iam")
    arn = iam.create_role(RoleName="R1", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    assert session.expand_role("R1") == arn
    assert session.expand_role("arn:aws:iam::1:role/x") == "arn:aws:iam::1:role/x"


def _job(name, status, **extra):
    import datetime

    description = {"TrainingJobName": name, "TrainingJobStatus": status,
                   "ResourceConfig": {"InstanceCount": 2, "InstanceType": "ml.m5.large", "VolumeSizeInGB": 30},
                   "TrainingJobArn": f"arn:aws:sagemaker:us-west-2:123456789012:training-job/{name}",
                   "SecondaryStatus": "Training", "StoppingCondition": {"MaxRuntimeInSeconds": 60},
                   "CreationTime": datetime.datetime(2026, 1, 1), "AlgorithmSpecification": {"TrainingInputMode": "File"},
                   "ModelArtifacts": {"S3ModelArtifacts": "s3://b/m"}}
    description.update(extra)
    return description


def _sagemaker_stubbed(session, responses):
    client = boto3.client("sagemaker")
    stubber = Stubber(client)
    for response in responses:
        stubber.add_response("describe_training_job", response)
    stubber.activate()
    session.sagemaker_client = client
    return stubber


def test_logs_for_job_streams_two_hosts_in_time_order(session, capsys, monkeypatch):
    logs = boto3.client("logs")
    group = "/aws/sagemaker/TrainingJobs"
    logs.create_log_group(logGroupName=group)
    now = int(time.time() * 1000)
    for host, offset in (("algo-1", 0), ("algo-2", 1)):
        stream = f"job-a/{host}-1700000000"
        logs.create_log_stream(logGroupName=group, logStreamName=stream)
        logs.put_log_events(logGroupName=group, logStreamName=stream, logEvents=[
            {"timestamp": now + offset, "message": f"{host} first"},
            {"timestamp": now + 10 + offset, "message": f"{host} second"}])
    monkeypatch.setattr(time, "sleep", lambda s: None)
    _sagemaker_stubbed(session, [_job("job-a", "InProgress"), _job("job-a", "Completed",
                                                                 TrainingTimeInSeconds=5, BillableTimeInSeconds=4)])
    session.logs_for_job("job-a", wait=True, poll=1)
    out = capsys.readouterr().out
    order = [line for line in out.splitlines() if "algo-" in line]
    import re

    assert all(line.startswith("\x1b[3") for line in order), order  # one colour per host, as V2 prints
    assert [re.sub(r"\x1b\[\d+m", "", line) for line in order] == [
        "algo-1 first", "algo-2 first", "algo-1 second", "algo-2 second"]
    assert "Training seconds: 10" in out and "Billable seconds: 8" in out


def test_failed_job_ends_wait_with_reason(session, monkeypatch):
    from sagemaker_estimators.exceptions import UnexpectedStatusException

    monkeypatch.setattr(time, "sleep", lambda s: None)
    _sagemaker_stubbed(session, [_job("job-b", "InProgress"), _job("job-b", "Failed", FailureReason="OOM")])
    with pytest.raises(UnexpectedStatusException, match="job-b: Failed. Reason: OOM") as raised:
        session.wait_for_job("job-b")
    assert raised.value.actual_status == "Failed"


def test_stopped_job_ends_logs_without_error(session, monkeypatch, caplog):
    monkeypatch.setattr(time, "sleep", lambda s: None)
    _sagemaker_stubbed(session, [_job("job-c", "Stopping"), _job("job-c", "Stopped")])
    description = session.logs_for_job("job-c", wait=True)
    assert description["TrainingJobStatus"] == "Stopped"
    assert "Stopped" in caplog.text
