"""The ``SageMaker.ProcessingJob`` defaults applied to processors and Session.process (moto server,
and one real local_process job): the config fills what the user left unset, the user's values win."""
from __future__ import annotations

import textwrap

import boto3
import pytest

from sagemaker_estimators.config.processing_defaults import (
    configured_processing_request,
    network_config_with_defaults,
)
from tests.config.conftest import IMAGE, ROLE_ARN

CONFIG_ROLE = "arn:aws:iam::123456789012:role/ConfigProcessingRole"

CONFIG = """
SchemaVersion: '1.0'
SageMaker:
  ProcessingJob:
    RoleArn: arn:aws:iam::123456789012:role/ConfigProcessingRole
    Environment: {FROM: config}
    NetworkConfig:
      EnableNetworkIsolation: true
      EnableInterContainerTrafficEncryption: true
      VpcConfig: {Subnets: [subnet-c], SecurityGroupIds: [sg-c]}
    ProcessingInputs:
      - DatasetDefinition: {AthenaDatasetDefinition: {KmsKeyId: athena-key}}
    ProcessingOutputConfig: {KmsKeyId: out-key}
    ProcessingResources: {ClusterConfig: {VolumeKmsKeyId: vol-key}}
    Tags: [{Key: owner, Value: config}, {Key: stage, Value: config}]
"""

CONFIG_DICT = {
    "SchemaVersion": "1.0",
    "SageMaker": {"ProcessingJob": {
        "RoleArn": CONFIG_ROLE,
        "Environment": {"FROM": "config"},
        "NetworkConfig": {"EnableNetworkIsolation": True, "EnableInterContainerTrafficEncryption": True,
                          "VpcConfig": {"Subnets": ["subnet-c"], "SecurityGroupIds": ["sg-c"]}},
        "ProcessingInputs": [{"DatasetDefinition": {"AthenaDatasetDefinition": {"KmsKeyId": "athena-key"}}}],
        "ProcessingOutputConfig": {"KmsKeyId": "out-key"},
        "ProcessingResources": {"ClusterConfig": {"VolumeKmsKeyId": "vol-key"}},
        "Tags": [{"Key": "owner", "Value": "config"}, {"Key": "stage", "Value": "config"}],
    }},
}


@pytest.fixture
def user_config(write_config, monkeypatch):
    path = write_config(CONFIG)
    monkeypatch.setenv("SAGEMAKER_USER_CONFIG_OVERRIDE", path)
    return path


@pytest.fixture
def script(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "run.py").write_text("print('hi')\n")
    return tmp_path


@pytest.fixture
def sent(monkeypatch):
    """The CreateProcessingJob requests sent, by job name (the real session still sends them to moto)."""
    from sagemaker_estimators.session import Session

    requests = {}
    original = Session.create_processing_job

    def record(self, request):
        requests[request["ProcessingJobName"]] = request
        return original(self, request)

    monkeypatch.setattr(Session, "create_processing_job", record)
    return requests


def _created_job(name):
    return boto3.client("sagemaker", region_name="us-west-2").describe_processing_job(ProcessingJobName=name)


def test_processor_takes_every_unset_setting_from_the_config(aws, user_config, script, sent):
    from sagemaker.processing import ProcessingOutput, ScriptProcessor

    processor = ScriptProcessor(image_uri=IMAGE, command=["python3"], instance_count=1,
                                instance_type="ml.m5.xlarge", tags=[{"Key": "owner", "Value": "user"}])
    assert processor.role == CONFIG_ROLE
    assert (processor.output_kms_key, processor.volume_kms_key) == ("out-key", "vol-key")
    assert processor.env == {"FROM": "config"}
    assert processor.network_config._to_request_dict() == {
        "EnableNetworkIsolation": True, "EnableInterContainerTrafficEncryption": True,
        "VpcConfig": {"SecurityGroupIds": ["sg-c"], "Subnets": ["subnet-c"]}}
    processor.run(code="run.py", outputs=[ProcessingOutput(source="/opt/ml/processing/out",
                                                           destination="s3://out/x")],
                  job_name="from-config", logs=False)
    job = dict(sent["from-config"], **_created_job("from-config"))
    assert job["RoleArn"] == CONFIG_ROLE
    assert job["Environment"] == {"FROM": "config"}
    assert job["ProcessingOutputConfig"]["KmsKeyId"] == "out-key"
    assert job["ProcessingResources"]["ClusterConfig"]["VolumeKmsKeyId"] == "vol-key"
    assert job["NetworkConfig"]["VpcConfig"] == {"SecurityGroupIds": ["sg-c"], "Subnets": ["subnet-c"]}
    # the code input is an S3Input: the config's Athena item does not merge into it
    assert [set(item) - {"AppManaged", "InputName"} for item in job["ProcessingInputs"]] == [{"S3Input"}]
    tags = boto3.client("sagemaker", region_name="us-west-2").list_tags(ResourceArn=job["ProcessingJobArn"])["Tags"]
    assert tags == [{"Key": "owner", "Value": "user"}, {"Key": "stage", "Value": "config"}]


def test_user_arguments_beat_the_config(aws, user_config, script, sent):
    from sagemaker.network import NetworkConfig
    from sagemaker.processing import ProcessingOutput, ScriptProcessor

    network = NetworkConfig(enable_network_isolation=False, subnets=["subnet-u"])
    processor = ScriptProcessor(role=ROLE_ARN, image_uri=IMAGE, command=["python3"], instance_count=1,
                                instance_type="ml.m5.xlarge", output_kms_key="user-out", volume_kms_key="user-vol",
                                env={"FROM": "user"}, network_config=network)
    assert processor.network_config is network  # filled in place, as V2 does
    assert (network.enable_network_isolation, network.subnets) == (False, ["subnet-u"])
    assert (network.security_group_ids, network.encrypt_inter_container_traffic) == (["sg-c"], True)
    processor.run(code="run.py", outputs=[ProcessingOutput(source="/opt/ml/processing/out",
                                                           destination="s3://out/x")],
                  job_name="user-wins", logs=False)
    job = sent["user-wins"]
    assert _created_job("user-wins")["RoleArn"] == ROLE_ARN
    assert job["RoleArn"] == ROLE_ARN
    assert job["Environment"] == {"FROM": "user"}
    assert job["ProcessingOutputConfig"]["KmsKeyId"] == "user-out"
    assert job["ProcessingResources"]["ClusterConfig"]["VolumeKmsKeyId"] == "user-vol"
    assert job["NetworkConfig"]["EnableNetworkIsolation"] is False
    assert job["NetworkConfig"]["VpcConfig"] == {"SecurityGroupIds": ["sg-c"], "Subnets": ["subnet-u"]}


def test_role_missing_from_arguments_and_config_is_refused_before_any_call(aws, script):
    from sagemaker.processing import Processor

    with pytest.raises(ValueError, match="role"):
        Processor(image_uri=IMAGE, instance_count=1, instance_type="ml.m5.xlarge")
    assert boto3.client("sagemaker", region_name="us-west-2").list_processing_jobs()["ProcessingJobSummaries"] == []


def test_session_process_merges_the_config_at_request_time(aws, user_config):
    import sagemaker

    session = sagemaker.Session()
    athena = {"InputName": "athena", "DatasetDefinition": {
        "LocalPath": "/opt/ml/processing/input/athena",
        "AthenaDatasetDefinition": {"Catalog": "c", "Database": "d", "QueryString": "SELECT 1",
                                    "OutputS3Uri": "s3://athena/out/", "OutputFormat": "PARQUET"}}}
    request = session.process(
        inputs=[athena], output_config={"Outputs": []}, job_name="direct",
        resources={"ClusterConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.large", "VolumeSizeInGB": 30}},
        stopping_condition=None, app_specification={"ImageUri": IMAGE}, role_arn=None,
        tags=[{"Key": "stage", "Value": "user"}])
    assert request["RoleArn"] == CONFIG_ROLE
    assert request["Environment"] == {"FROM": "config"}
    assert request["ProcessingInputs"][0]["DatasetDefinition"]["AthenaDatasetDefinition"]["KmsKeyId"] == "athena-key"
    assert request["NetworkConfig"] == CONFIG_DICT["SageMaker"]["ProcessingJob"]["NetworkConfig"]
    assert request["ProcessingResources"]["ClusterConfig"]["VolumeKmsKeyId"] == "vol-key"
    assert "ProcessingOutputConfig" not in request  # no outputs: the config's key alone sends nothing
    assert request["Tags"] == [{"Key": "stage", "Value": "user"}, {"Key": "owner", "Value": "config"}]
    assert _created_job("direct")["RoleArn"] == CONFIG_ROLE


def test_request_builder_inputs_win_over_the_config():
    request = configured_processing_request(
        CONFIG_DICT, job_name="j", inputs=[], output_config={"Outputs": [{"OutputName": "o"}], "KmsKeyId": "mine"},
        resources={"ClusterConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.large", "VolumeSizeInGB": 30,
                                     "VolumeKmsKeyId": "my-vol"}},
        app_spec={"ImageUri": IMAGE}, role_arn=ROLE_ARN, environment={"A": "b"},
        network_config={"EnableNetworkIsolation": False, "EnableInterContainerTrafficEncryption": False})
    assert request["RoleArn"] == ROLE_ARN
    assert request["Environment"] == {"A": "b"}
    assert request["ProcessingOutputConfig"] == {"Outputs": [{"OutputName": "o"}], "KmsKeyId": "mine"}
    assert request["ProcessingResources"]["ClusterConfig"]["VolumeKmsKeyId"] == "my-vol"
    assert request["NetworkConfig"] == {"EnableNetworkIsolation": False, "EnableInterContainerTrafficEncryption": False,
                                        "VpcConfig": {"Subnets": ["subnet-c"], "SecurityGroupIds": ["sg-c"]}}
    assert "ProcessingInputs" not in request
    without = configured_processing_request(
        None, job_name="j", inputs=[], output_config={"Outputs": []},
        resources={"ClusterConfig": {}}, app_spec={"ImageUri": IMAGE}, role_arn=ROLE_ARN)
    assert without == {"ProcessingJobName": "j", "ProcessingResources": {"ClusterConfig": {}},
                       "AppSpecification": {"ImageUri": IMAGE}, "RoleArn": ROLE_ARN}


def test_network_config_is_created_only_when_the_config_has_network_keys():
    from sagemaker_estimators.network import NetworkConfig

    assert network_config_with_defaults(None, {"SageMaker": {"ProcessingJob": {"RoleArn": CONFIG_ROLE}}}) is None
    assert network_config_with_defaults(None, None) is None
    made = network_config_with_defaults(None, {"SageMaker": {"ProcessingJob": {"NetworkConfig": {
        "EnableInterContainerTrafficEncryption": True}}}})
    assert isinstance(made, NetworkConfig)
    assert made._to_request_dict() == {"EnableNetworkIsolation": False, "EnableInterContainerTrafficEncryption": True}
    with pytest.raises(TypeError, match="network_config"):
        network_config_with_defaults({"subnets": []}, CONFIG_DICT)


def test_local_processing_runs_with_a_config_file_present(no_aws, user_config, tmp_path, monkeypatch):
    """Local mode takes role and environment from the config; the AWS-only keys (KMS, VPC, the
    Athena item that matches no local input) do not make the local job fail."""
    from sagemaker.processing import ProcessingInput, ProcessingOutput
    from sagemaker.sklearn.processing import SKLearnProcessor

    from sagemaker_estimators.local.session import LocalSession

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "rows.csv").write_text("1\n2\n")
    (tmp_path / "copy.py").write_text(textwrap.dedent("""\
        import os
        rows = open("/opt/ml/processing/input/raw/rows.csv").read()
        os.makedirs("/opt/ml/processing/out", exist_ok=True)
        with open("/opt/ml/processing/out/result.txt", "w") as handle:
            handle.write(os.environ["FROM"] + ":" + rows.replace("\\n", ","))
        """))
    session = LocalSession()
    session.config = {"local": {"local_code": True, "container_root": str(tmp_path / "root")}}
    assert session.sagemaker_config["SageMaker"]["ProcessingJob"]["RoleArn"] == CONFIG_ROLE
    processor = SKLearnProcessor(framework_version="1.2-1", instance_type="local_process", instance_count=1,
                                 sagemaker_session=session)
    assert processor.role == CONFIG_ROLE
    processor.run(code="copy.py",
                  inputs=[ProcessingInput(source="raw", destination="/opt/ml/processing/input/raw")],
                  outputs=[ProcessingOutput(source="/opt/ml/processing/out", destination=str(tmp_path / "out"))],
                  logs=False)
    assert (tmp_path / "out" / "result.txt").read_text() == "config:1,2,"
    description = processor.latest_job.describe()
    assert description["ProcessingJobStatus"] == "Completed"
    assert description["RoleArn"] == CONFIG_ROLE
