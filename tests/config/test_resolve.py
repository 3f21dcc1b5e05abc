"""Precedence (user > config > built-in default), merges, tag appends, and the log lines."""
from __future__ import annotations

import logging

from sagemaker_estimators.config import keys as k
from sagemaker_estimators.config.resolve import (
    append_config_tags,
    get_config_value,
    merge_list_with_config,
    merge_with_config,
    resolve_value,
    set_nested_default,
)

CONFIG = {"SchemaVersion": "1.0", "SageMaker": {
    "TrainingJob": {
        "RoleArn": "arn:aws:iam::123456789012:role/ConfigRole",
        "EnableNetworkIsolation": False,
        "VpcConfig": {"Subnets": ["subnet-c"], "SecurityGroupIds": ["sg-c"]},
        "Tags": [{"Key": "owner", "Value": "config"}, {"Key": "cost", "Value": "1"}],
        "Environment": {"SECRET_TOKEN": "hidden", "A": "1"},
    },
    "ProcessingJob": {"ProcessingInputs": [{"DatasetDefinition": {"AthenaDatasetDefinition": {"KmsKeyId": "a"}}}],
                      "NetworkConfig": {"EnableInterContainerTrafficEncryption": True}},
}}


def test_resolve_value_precedence():
    assert resolve_value("mine", k.TRAINING_JOB_ROLE_ARN_PATH, CONFIG) == "mine"
    assert resolve_value(None, k.TRAINING_JOB_ROLE_ARN_PATH, CONFIG).endswith("role/ConfigRole")
    assert resolve_value(None, k.TRAINING_JOB_KMS_KEY_ID_PATH, CONFIG, "default") == "default"
    assert resolve_value(None, k.TRAINING_JOB_ROLE_ARN_PATH, None, "default") == "default"
    # a False in the config is a value, not "unset"
    assert resolve_value(None, k.TRAINING_JOB_ENABLE_NETWORK_ISOLATION_PATH, CONFIG, True) is False
    # an explicit False from the user wins over the config
    assert resolve_value(False, k.TRAINING_JOB_ENABLE_NETWORK_ISOLATION_PATH, {"SageMaker": {"TrainingJob": {
        "EnableNetworkIsolation": True}}}) is False


def test_values_are_copies():
    value = get_config_value(CONFIG, k.TRAINING_JOB_VPC_CONFIG_PATH)
    value["Subnets"].append("x")
    assert CONFIG["SageMaker"]["TrainingJob"]["VpcConfig"]["Subnets"] == ["subnet-c"]


def test_merge_keeps_source_values_and_none_stays_none():
    assert merge_with_config({"Subnets": ["mine"]}, k.TRAINING_JOB_VPC_CONFIG_PATH, CONFIG) == {
        "Subnets": ["mine"], "SecurityGroupIds": ["sg-c"]}
    assert merge_with_config(None, k.TRAINING_JOB_VPC_CONFIG_PATH, CONFIG) == {
        "Subnets": ["subnet-c"], "SecurityGroupIds": ["sg-c"]}
    assert merge_with_config(None, k.TRAINING_JOB_RESOURCE_CONFIG_PATH, CONFIG) is None


def test_set_nested_default_only_fills_a_missing_value():
    assert set_nested_default({"KmsKeyId": "mine"}, ["KmsKeyId"], k.TRAINING_JOB_ROLE_ARN_PATH, CONFIG) == {
        "KmsKeyId": "mine"}
    filled = set_nested_default({"S3OutputPath": "s3://b/"}, ["KmsKeyId"], k.TRAINING_JOB_ROLE_ARN_PATH, CONFIG)
    assert filled == {"S3OutputPath": "s3://b/", "KmsKeyId": "arn:aws:iam::123456789012:role/ConfigRole"}
    assert set_nested_default(None, ["NetworkConfig", "EnableInterContainerTrafficEncryption"],
                              k.PROCESSING_JOB_INTER_CONTAINER_ENCRYPTION_PATH, CONFIG) == {
        "NetworkConfig": {"EnableInterContainerTrafficEncryption": True}}


def test_list_merge_with_required_and_union_rules():
    inputs = [{"InputName": "athena", "DatasetDefinition": {"AthenaDatasetDefinition": {"Database": "d"}}},
              {"InputName": "plain"}]
    merged = merge_list_with_config(inputs, k.PROCESSING_JOB_INPUTS_PATH, CONFIG,
                                    union_key_paths=[["DatasetDefinition", "S3Input"]])
    assert merged[0]["DatasetDefinition"]["AthenaDatasetDefinition"] == {"Database": "d", "KmsKeyId": "a"}
    assert merged[1] == {"InputName": "plain"}
    refused = merge_list_with_config([{"S3Input": {"S3Uri": "s3://b/k"}}], k.PROCESSING_JOB_INPUTS_PATH, CONFIG,
                                     union_key_paths=[["DatasetDefinition", "S3Input"]])
    assert refused == [{"S3Input": {"S3Uri": "s3://b/k"}}]
    required = merge_list_with_config(inputs, k.PROCESSING_JOB_INPUTS_PATH, CONFIG,
                                      required_key_paths=["DatasetDefinition.AthenaDatasetDefinition.Catalog"])
    assert required == inputs


def test_tags_are_appended_in_place_without_duplicate_keys():
    mine = [{"Key": "owner", "Value": "me"}]
    result = append_config_tags(mine, k.TRAINING_JOB_TAGS_PATH, CONFIG)
    assert result is mine and mine == [{"Key": "owner", "Value": "me"}, {"Key": "cost", "Value": "1"}]
    assert append_config_tags(None, k.TRAINING_JOB_TAGS_PATH, CONFIG) == CONFIG["SageMaker"]["TrainingJob"]["Tags"]
    empty = []
    assert append_config_tags(empty, k.TRAINING_JOB_TAGS_PATH, CONFIG) is not empty and empty == []
    assert append_config_tags(None, k.MODEL_TAGS_PATH, CONFIG) is None


def test_applied_values_are_logged_by_key_and_values_only_at_debug(caplog):
    with caplog.at_level(logging.INFO, logger="sagemaker_estimators.config"):
        resolve_value(None, k.TRAINING_JOB_ENVIRONMENT_PATH, CONFIG)
        resolve_value("given", k.TRAINING_JOB_ROLE_ARN_PATH, CONFIG)
    assert caplog.messages == ["Applied value from config key = SageMaker.TrainingJob.Environment"]
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="sagemaker_estimators.config"):
        resolve_value(None, k.TRAINING_JOB_ENVIRONMENT_PATH, CONFIG)
    assert "SageMaker.TrainingJob.Environment" in caplog.text
    assert "hidden" not in caplog.text and "'A': '1'" in caplog.text


def test_processing_inputs_follow_v2_session_process():
    from sagemaker_estimators.config.apply import processing_inputs

    config = {"SchemaVersion": "1.0", "SageMaker": {"ProcessingJob": {
        "RoleArn": "arn:aws:iam::123456789012:role/ProcRole",
        "NetworkConfig": {"EnableInterContainerTrafficEncryption": True,
                          "VpcConfig": {"Subnets": ["s"], "SecurityGroupIds": ["g"]}},
        "ProcessingOutputConfig": {"KmsKeyId": "out"},
        "ProcessingResources": {"ClusterConfig": {"VolumeKmsKeyId": "vol"}},
        "Environment": {"P": "1"},
        "Tags": [{"Key": "p", "Value": "1"}],
        "ProcessingInputs": [{"DatasetDefinition": {"RedshiftDatasetDefinition": {"KmsKeyId": "r"}}}],
    }}}
    resolved = processing_inputs(
        config, tags=None, network_config=None, role_arn=None,
        inputs=[{"InputName": "a", "S3Input": {"S3Uri": "s3://b/k"}}],
        output_config={"Outputs": []}, resources={"ClusterConfig": {"InstanceCount": 1}}, environment=None)
    assert resolved["role_arn"].endswith("ProcRole")
    assert resolved["network_config"] == {"EnableInterContainerTrafficEncryption": True,
                                          "VpcConfig": {"Subnets": ["s"], "SecurityGroupIds": ["g"]}}
    assert resolved["output_config"] == {"Outputs": [], "KmsKeyId": "out"}
    assert resolved["resources"] == {"ClusterConfig": {"InstanceCount": 1, "VolumeKmsKeyId": "vol"}}
    assert resolved["environment"] == {"P": "1"} and resolved["tags"] == [{"Key": "p", "Value": "1"}]
    assert resolved["inputs"] == [{"InputName": "a", "S3Input": {"S3Uri": "s3://b/k"}}]  # S3Input: no dataset merge
    mine = processing_inputs(config, tags=None, network_config={"EnableInterContainerTrafficEncryption": False},
                             inputs=None, role_arn="arn:aws:iam::123456789012:role/Mine", output_config=None,
                             resources=None, environment={"P": "mine"})
    assert mine["network_config"]["EnableInterContainerTrafficEncryption"] is False
    assert mine["role_arn"].endswith("Mine") and mine["environment"] == {"P": "mine"}


def test_v2_signature_wrapper_reads_the_session_config():
    from types import SimpleNamespace

    from sagemaker_estimators.config.resolve import resolve_value_from_config

    session = SimpleNamespace(sagemaker_config=CONFIG)
    assert resolve_value_from_config(None, k.TRAINING_JOB_ROLE_ARN_PATH, sagemaker_session=session).endswith(
        "ConfigRole")
    assert resolve_value_from_config(None, k.TRAINING_JOB_ROLE_ARN_PATH, sagemaker_config=CONFIG).endswith(
        "ConfigRole")
    assert resolve_value_from_config("x", k.TRAINING_JOB_ROLE_ARN_PATH, sagemaker_session=session) == "x"
    assert resolve_value_from_config(None, None, default_value=3) == 3
