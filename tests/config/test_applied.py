"""The defaults config applied by Session, estimators, models, endpoints and transform jobs (moto server)."""
from __future__ import annotations

import logging

import pytest

from sagemaker_estimators.config.apply import instance_supports_kms
from sagemaker_estimators.config.schema import ConfigValidationError
from sagemaker_estimators.estimators.base import Estimator
from sagemaker_estimators.serving.model import Model
from tests.config.conftest import IMAGE, ROLE_ARN
from tests.serving.hosting_helpers import recorded_session

CONFIG = """
SchemaVersion: '1.0'
SageMaker:
  PythonSDK:
    Modules:
      Estimator:
        DebugHookConfig: false
  TrainingJob:
    RoleArn: arn:aws:iam::123456789012:role/ConfigRole
    VpcConfig: {Subnets: [subnet-c], SecurityGroupIds: [sg-c]}
    OutputDataConfig: {KmsKeyId: out-key}
    ResourceConfig: {VolumeKmsKeyId: vol-key}
    EnableNetworkIsolation: true
    Environment: {FROM: config}
    Tags: [{Key: owner, Value: config}]
  Model:
    ExecutionRoleArn: arn:aws:iam::123456789012:role/ModelRole
    PrimaryContainer: {Environment: {MODEL: config}}
    Tags: [{Key: model-tag, Value: m}]
  EndpointConfig:
    KmsKeyId: endpoint-key
    Tags: [{Key: ec-tag, Value: e}]
  Endpoint:
    Tags: [{Key: ep-tag, Value: p}]
  TransformJob:
    TransformOutput: {KmsKeyId: t-out}
    TransformResources: {VolumeKmsKeyId: t-vol}
    Environment: {T: config}
    Tags: [{Key: t-tag, Value: t}]
"""


@pytest.fixture
def user_config(write_config, monkeypatch):
    path = write_config(CONFIG)
    monkeypatch.setenv("SAGEMAKER_USER_CONFIG_OVERRIDE", path)
    return path


def test_session_reads_the_files_once_built_and_validates_a_given_dict(aws, user_config):
    from sagemaker_estimators.session import Session

    session = Session()
    assert session.sagemaker_config["SageMaker"]["TrainingJob"]["RoleArn"].endswith("ConfigRole")
    given = {"SchemaVersion": "1.0"}
    assert Session(sagemaker_config=given).sagemaker_config is given
    with pytest.raises(ConfigValidationError, match="sagemaker_config.*SageMaker.Bad"):
        Session(sagemaker_config={"SchemaVersion": "1.0", "SageMaker": {"Bad": 1}})


def test_session_default_bucket_and_prefix_from_config(aws, write_config, monkeypatch):
    from sagemaker_estimators.session import Session

    monkeypatch.setenv("SAGEMAKER_USER_CONFIG_OVERRIDE", write_config(
        "SchemaVersion: '1.0'\nSageMaker: {PythonSDK: {Modules: {Session: "
        "{DefaultS3Bucket: team-bucket, DefaultS3ObjectKeyPrefix: /p/q/}}}}\n"))
    session = Session()
    assert session.default_bucket() == "team-bucket"
    assert session.default_bucket_prefix == "p/q"
    explicit = Session(default_bucket="other-bucket", default_bucket_prefix="mine")
    assert (explicit._default_bucket_name_override, explicit.default_bucket_prefix) == ("other-bucket", "mine")


def test_estimator_takes_config_values_and_fit_sends_them(aws, user_config, training_requests, caplog):
    with caplog.at_level(logging.INFO, logger="sagemaker_estimators.config"):
        est = Estimator(image_uri=IMAGE, instance_count=1, instance_type="ml.m5.xlarge",
                        tags=[{"Key": "project", "Value": "x"}])
    assert "Applied value from config key = SageMaker.TrainingJob.RoleArn" in caplog.messages
    assert est.role.endswith("ConfigRole") and est.debugger_hook_config is False
    est.fit("s3://my-data/train", logs=False)
    request = training_requests[-1]
    assert request["RoleArn"].endswith("ConfigRole")
    assert request["VpcConfig"] == {"Subnets": ["subnet-c"], "SecurityGroupIds": ["sg-c"]}
    assert request["OutputDataConfig"]["KmsKeyId"] == "out-key"
    assert request["ResourceConfig"]["VolumeKmsKeyId"] == "vol-key"
    assert request["EnableNetworkIsolation"] is True
    assert request["Environment"] == {"FROM": "config"}
    assert request["Tags"] == [{"Key": "project", "Value": "x"}, {"Key": "owner", "Value": "config"}]
    assert "DebugHookConfig" not in request
    # as in V2, the estimator's own tag list keeps the config tags
    assert est.tags == request["Tags"]


def test_user_arguments_win_over_the_config(aws, user_config, training_requests):
    est = Estimator(image_uri=IMAGE, role=ROLE_ARN, instance_count=1, instance_type="ml.m5.xlarge",
                    subnets=["subnet-u"], security_group_ids=["sg-u"], output_kms_key="u-out",
                    volume_kms_key="u-vol", enable_network_isolation=False, environment={"FROM": "user"},
                    encrypt_inter_container_traffic=False, tags=[{"Key": "owner", "Value": "user"}])
    est.fit("s3://my-data/train", logs=False)
    request = training_requests[-1]
    assert request["RoleArn"] == ROLE_ARN
    assert request["VpcConfig"] == {"Subnets": ["subnet-u"], "SecurityGroupIds": ["sg-u"]}
    assert request["OutputDataConfig"]["KmsKeyId"] == "u-out"
    assert request["ResourceConfig"]["VolumeKmsKeyId"] == "u-vol"
    assert "EnableNetworkIsolation" not in request and "EnableInterContainerTrafficEncryption" not in request
    assert request["Environment"] == {"FROM": "user"}
    assert request["Tags"] == [{"Key": "owner", "Value": "user"}]


def test_volume_key_from_config_is_not_sent_for_instances_without_ebs(aws, user_config, training_requests):
    assert not instance_supports_kms("ml.g5.xlarge") and not instance_supports_kms("ml.p4d.24xlarge")
    assert instance_supports_kms("ml.m5.xlarge") and not instance_supports_kms("local_process")
    est = Estimator(image_uri=IMAGE, instance_count=1, instance_type="ml.g5.xlarge")
    assert est.volume_kms_key is None
    est.fit("s3://my-data/train", logs=False)
    assert "VolumeKmsKeyId" not in training_requests[-1]["ResourceConfig"]


def test_no_role_anywhere_is_still_refused(aws):
    with pytest.raises(ValueError, match="role is required"):
        Estimator(image_uri=IMAGE, instance_count=1, instance_type="ml.m5.xlarge")


def test_session_train_resolves_role_and_tags(aws, user_config):
    from sagemaker_estimators.session import Session

    request = Session().train(
        input_mode="File", input_config=None, job_name="direct", image_uri=IMAGE,
        output_config={"S3OutputPath": "s3://b/"},
        resource_config={"InstanceCount": 1, "InstanceType": "ml.c5d.xlarge", "VolumeSizeInGB": 30},
        stop_condition={"MaxRuntimeInSeconds": 60})
    assert request["RoleArn"].endswith("ConfigRole")
    assert request["Tags"] == [{"Key": "owner", "Value": "config"}]
    assert request["OutputDataConfig"] == {"S3OutputPath": "s3://b/", "KmsKeyId": "out-key"}
    assert "VolumeKmsKeyId" not in request["ResourceConfig"]  # c5d has no EBS volume


def test_model_deploy_and_tags_chain_as_in_v2(aws, user_config):
    session, calls = recorded_session()
    model = Model(image_uri=IMAGE, model_data="s3://m/model.tar.gz", sagemaker_session=session,
                  env={"USER": "1"})
    assert model.role.endswith("ModelRole")
    model.deploy(1, "ml.m5.large", endpoint_name="ep", tags=[{"Key": "mine", "Value": "1"}])
    created = calls.params("CreateModel")
    assert created["ExecutionRoleArn"].endswith("ModelRole")
    assert created["PrimaryContainer"]["Environment"] == {"MODEL": "config", "USER": "1"}
    assert created["Tags"] == [{"Key": "mine", "Value": "1"}, {"Key": "model-tag", "Value": "m"}]
    endpoint_config = calls.params("CreateEndpointConfig")
    assert endpoint_config["KmsKeyId"] == "endpoint-key"
    assert [tag["Key"] for tag in endpoint_config["Tags"]] == ["mine", "model-tag", "ec-tag"]
    assert [tag["Key"] for tag in calls.params("CreateEndpoint")["Tags"]] == ["mine", "model-tag", "ec-tag", "ep-tag"]


def test_endpoint_config_kms_only_for_instances_with_a_volume_and_tags_without_user_tags(aws, user_config):
    session, calls = recorded_session()
    Model(image_uri=IMAGE, model_data="s3://m/model.tar.gz", sagemaker_session=session,
          name="nokms").deploy(1, "ml.c5d.xlarge", endpoint_name="ep2")
    endpoint_config = calls.params("CreateEndpointConfig")
    assert "KmsKeyId" not in endpoint_config
    assert endpoint_config["Tags"] == [{"Key": "ec-tag", "Value": "e"}]
    assert calls.params("CreateEndpoint")["Tags"] == [{"Key": "ep-tag", "Value": "p"}]


def test_transformer_and_transform_job(aws, user_config):
    from sagemaker_estimators.serving.transformer import Transformer

    session, calls = recorded_session()
    transformer = Transformer("some-model", 1, "ml.m5.xlarge", output_path="s3://out/x", sagemaker_session=session,
                              base_transform_job_name="batch")
    assert (transformer.output_kms_key, transformer.volume_kms_key, transformer.env) == (
        "t-out", "t-vol", {"T": "config"})
    transformer.transform("s3://in/x", wait=False)
    request = calls.params("CreateTransformJob")
    assert request["TransformOutput"]["KmsKeyId"] == "t-out"
    assert request["TransformResources"]["VolumeKmsKeyId"] == "t-vol"
    assert request["Environment"] == {"T": "config"}
    assert request["Tags"] == [{"Key": "t-tag", "Value": "t"}]


def test_local_session_reads_the_config_too(user_config):
    from sagemaker_estimators.local.session import LocalSession

    assert LocalSession().sagemaker_config["SageMaker"]["Model"]["ExecutionRoleArn"].endswith("ModelRole")


def test_debug_hook_config_applies_without_a_session_argument(aws, write_config, monkeypatch):
    """V2 reads PythonSDK.Modules.Estimator.DebugHookConfig only from a session passed in (README)."""
    monkeypatch.setenv("SAGEMAKER_USER_CONFIG_OVERRIDE", write_config(
        "SchemaVersion: '1.0'\nSageMaker: {PythonSDK: {Modules: {Estimator: {DebugHookConfig: false}}}}\n"))
    est = Estimator(image_uri=IMAGE, role=ROLE_ARN, instance_count=1, instance_type="ml.m5.xlarge")
    assert est.debugger_hook_config is False
    assert Estimator(image_uri=IMAGE, role=ROLE_ARN, instance_count=1, instance_type="ml.m5.xlarge",
                     debugger_hook_config=True).debugger_hook_config == {}
