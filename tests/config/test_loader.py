"""Loading the admin, user and extra config files: locations, merge order, s3://, and clear errors."""
from __future__ import annotations

import logging
import os

import boto3
import pytest

from sagemaker_estimators.config.loader import ConfigLocationError, load_sagemaker_config
from sagemaker_estimators.config.schema import ConfigValidationError

ADMIN = """
SchemaVersion: '1.0'
SageMaker:
  TrainingJob:
    RoleArn: arn:aws:iam::123456789012:role/AdminRole
    Environment: {SET_BY: admin, ADMIN_ONLY: '1'}
    VpcConfig: {Subnets: [subnet-admin1, subnet-admin2], SecurityGroupIds: [sg-admin]}
"""
USER = """
SchemaVersion: '1.0'
SageMaker:
  TrainingJob:
    RoleArn: arn:aws:iam::123456789012:role/UserRole
    Environment: {SET_BY: user}
    VpcConfig: {Subnets: [subnet-user]}
"""


def test_no_files_gives_an_empty_config():
    assert load_sagemaker_config() == {}


def test_default_locations_are_read(isolated_config_dirs):
    admin = isolated_config_dirs / "etc-xdg" / "sagemaker" / "config.yaml"
    admin.parent.mkdir(parents=True)
    admin.write_text(ADMIN)
    user = isolated_config_dirs / "home" / ".config" / "sagemaker" / "config.yaml"
    user.parent.mkdir(parents=True)
    user.write_text(USER)
    config = load_sagemaker_config()
    assert config["SageMaker"]["TrainingJob"]["RoleArn"].endswith("role/UserRole")


def test_user_overrides_admin_key_by_key_and_lists_are_replaced(write_config, monkeypatch):
    monkeypatch.setenv("SAGEMAKER_ADMIN_CONFIG_OVERRIDE", write_config(ADMIN, "admin.yaml"))
    monkeypatch.setenv("SAGEMAKER_USER_CONFIG_OVERRIDE", write_config(USER, "user.yaml"))
    job = load_sagemaker_config()["SageMaker"]["TrainingJob"]
    assert job["RoleArn"] == "arn:aws:iam::123456789012:role/UserRole"
    assert job["Environment"] == {"SET_BY": "user", "ADMIN_ONLY": "1"}
    assert job["VpcConfig"] == {"Subnets": ["subnet-user"], "SecurityGroupIds": ["sg-admin"]}


def test_additional_paths_come_last_and_a_directory_means_its_config_yaml(write_config, monkeypatch):
    monkeypatch.setenv("SAGEMAKER_USER_CONFIG_OVERRIDE", write_config(USER, "user.yaml"))
    extra = write_config(ADMIN, os.path.join("extra", "config.yaml"))
    config = load_sagemaker_config(additional_config_paths=[os.path.dirname(extra)])
    assert config["SageMaker"]["TrainingJob"]["RoleArn"].endswith("role/AdminRole")


def test_missing_file_named_by_a_variable_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("SAGEMAKER_USER_CONFIG_OVERRIDE", str(tmp_path / "nope.yaml"))
    with pytest.raises(ConfigLocationError, match="nope.yaml"):
        load_sagemaker_config()
    monkeypatch.delenv("SAGEMAKER_USER_CONFIG_OVERRIDE")
    monkeypatch.setenv("SAGEMAKER_ADMIN_CONFIG_OVERRIDE", str(tmp_path))  # a directory without config.yaml
    with pytest.raises(ValueError, match="no such file"):
        load_sagemaker_config()


def test_malformed_files_name_the_file_and_the_key(write_config, monkeypatch):
    bad_key = write_config("SchemaVersion: '1.0'\nSageMaker:\n  TrainingJob:\n    Subnets: [a]\n", "bad.yaml")
    monkeypatch.setenv("SAGEMAKER_USER_CONFIG_OVERRIDE", bad_key)
    with pytest.raises(ConfigValidationError) as caught:
        load_sagemaker_config()
    assert bad_key in str(caught.value) and "SageMaker.TrainingJob.Subnets" in str(caught.value)

    bad_yaml = write_config("SchemaVersion: '1.0'\nSageMaker: [unclosed\n", "broken.yaml")
    monkeypatch.setenv("SAGEMAKER_USER_CONFIG_OVERRIDE", bad_yaml)
    with pytest.raises(ConfigValidationError, match="not valid YAML") as caught:
        load_sagemaker_config()
    assert bad_yaml in str(caught.value)

    unquoted = write_config("SchemaVersion: 1.0\n", "unquoted.yaml")
    monkeypatch.setenv("SAGEMAKER_USER_CONFIG_OVERRIDE", unquoted)
    with pytest.raises(ConfigValidationError, match="quote it in YAML"):
        load_sagemaker_config()


def test_an_empty_file_is_skipped(write_config, monkeypatch, caplog):
    monkeypatch.setenv("SAGEMAKER_USER_CONFIG_OVERRIDE", write_config("", "empty.yaml"))
    with caplog.at_level(logging.INFO, logger="sagemaker_estimators.config"):
        assert load_sagemaker_config(repeat_log=True) == {}
    assert "Not applying SDK defaults from location" in caplog.text


def _put(key: str, body: bytes, bucket: str = "config-bucket") -> None:
    s3 = boto3.client("s3")
    if bucket not in [b["Name"] for b in s3.list_buckets()["Buckets"]]:
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    s3.put_object(Bucket=bucket, Key=key, Body=body)


def test_s3_object_and_s3_prefix_with_config_yaml(aws, monkeypatch):
    _put("one/config.yaml", USER.encode())
    monkeypatch.setenv("SAGEMAKER_USER_CONFIG_OVERRIDE", "s3://config-bucket/one/config.yaml")
    assert load_sagemaker_config()["SageMaker"]["TrainingJob"]["RoleArn"].endswith("role/UserRole")
    _put("dir/config.yaml", ADMIN.encode())
    _put("dir/notes.txt", b"hello")
    monkeypatch.setenv("SAGEMAKER_ADMIN_CONFIG_OVERRIDE", "s3://config-bucket/dir")
    job = load_sagemaker_config()["SageMaker"]["TrainingJob"]
    assert job["RoleArn"].endswith("role/UserRole") and job["Environment"]["ADMIN_ONLY"] == "1"


def test_s3_errors(aws, monkeypatch):
    _put("many/a.yaml", b"x")
    _put("many/b.yaml", b"y")
    monkeypatch.setenv("SAGEMAKER_USER_CONFIG_OVERRIDE", "s3://config-bucket/many")
    with pytest.raises(ConfigLocationError, match="config.yaml"):
        load_sagemaker_config()
    monkeypatch.setenv("SAGEMAKER_USER_CONFIG_OVERRIDE", "s3://config-bucket/absent")
    with pytest.raises(ConfigLocationError, match="valid S3 path"):
        load_sagemaker_config()
    _put("bad/config.yaml", b"SchemaVersion: '1.0'\nSageMaker: {Model: {Role: x}}\n")
    monkeypatch.setenv("SAGEMAKER_USER_CONFIG_OVERRIDE", "s3://config-bucket/bad/config.yaml")
    with pytest.raises(ConfigValidationError, match=r"s3://config-bucket/bad/config.yaml.*SageMaker.Model.Role"):
        load_sagemaker_config()
