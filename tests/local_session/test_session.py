"""LocalSession: V2's constructor and config, no AWS account needed, S3 only when a URI says s3://."""
from __future__ import annotations

import boto3
import pytest

from sagemaker_estimators.local.clients.runtime_client import LocalSagemakerRuntimeClient
from sagemaker_estimators.local.clients.sagemaker_client import LocalSagemakerClient
from sagemaker_estimators.local.session import LocalSession


@pytest.fixture
def home(tmp_path, monkeypatch):
    """An empty HOME, so ~/.sagemaker/config.yaml is under the test's control."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    return tmp_path / "home"


def test_v2_import_paths():
    import sagemaker
    from sagemaker.local import LocalSagemakerClient as Client, LocalSagemakerRuntimeClient as Runtime
    from sagemaker.local import LocalSession as Session, file_input
    from sagemaker.local.local_session import LocalSession as Same

    assert Session is Same is LocalSession is sagemaker.LocalSession
    assert Client is LocalSagemakerClient and Runtime is LocalSagemakerRuntimeClient
    assert file_input("file:///data").config == {
        "DataSource": {"FileDataSource": {"FileDataDistributionType": "FullyReplicated", "FileUri": "file:///data"}}
    }


def test_no_aws_at_all(no_aws, home):
    session = LocalSession()
    assert session.local_mode is True
    assert session.boto_region_name == "us-west-2"
    assert session.config == {"local": {"local_code": True}}
    assert isinstance(session.sagemaker_client, LocalSagemakerClient)
    assert isinstance(session.sagemaker_runtime_client, LocalSagemakerRuntimeClient)
    assert session.expand_role("arn:aws:iam::111111111111:role/R") == "arn:aws:iam::111111111111:role/R"
    assert session.expand_role("JustAName") == "JustAName"  # never looked up: no IAM call
    # something that really needs AWS fails loudly (the dead endpoint), it is not faked
    with pytest.raises(Exception):
        session.default_bucket()


def test_region_sources(no_aws, home, monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-central-1")
    assert LocalSession().boto_region_name == "eu-central-1"
    (home / ".sagemaker").mkdir()
    (home / ".sagemaker" / "config.yaml").write_text("local:\n  region_name: ap-south-1\n  serving_port: 9123\n")
    session = LocalSession()
    assert session.boto_region_name == "ap-south-1"
    assert session.config == {"local": {"local_code": True, "region_name": "ap-south-1", "serving_port": 9123}}
    assert session.sagemaker_runtime_client.serving_port == 9123
    # an explicit boto session's region wins
    assert LocalSession(boto_session=boto3.Session(region_name="sa-east-1")).boto_region_name == "sa-east-1"


def test_disable_local_code(no_aws, home):
    assert LocalSession(disable_local_code=True).config == {"local": {"local_code": False}}


def test_config_assignment_is_validated_and_reaches_the_runtime_client(no_aws, home):
    session = LocalSession()
    session.config = {"local": {"local_code": True, "serving_port": 8081}}
    assert session.sagemaker_runtime_client.serving_port == 8081
    session.config = None
    assert session.sagemaker_runtime_client.serving_port is None
    with pytest.raises(ValueError, match="unknown key 'local_cod'"):
        session.config = {"local": {"local_cod": True}}
    with pytest.raises(TypeError, match="serving_port"):
        session.config = {"local": {"serving_port": "8080"}}
    with pytest.raises(ValueError, match="exactly one top-level key 'local'"):
        session.config = {"remote": {}}


def test_bad_config_file_names_the_file(no_aws, home):
    (home / ".sagemaker").mkdir()
    (home / ".sagemaker" / "config.yaml").write_text("local:\n  container_root: 5\n")
    with pytest.raises(ValueError, match=r"config\.yaml.*container_root"):
        LocalSession()


def test_s3_endpoint_url_is_used_for_s3(aws, home, monkeypatch):
    monkeypatch.delenv("AWS_ENDPOINT_URL")  # only s3_endpoint_url leads to moto now
    session = LocalSession(s3_endpoint_url=aws.endpoint)
    session.s3_client.create_bucket(Bucket="via-endpoint", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    assert [b["Name"] for b in session.s3_client.list_buckets()["Buckets"]] == ["via-endpoint"]
