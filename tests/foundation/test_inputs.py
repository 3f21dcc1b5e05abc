"""Channel dicts of every input shape equal V2's (values read off V2's TrainingInput/FileSystemInput)."""
from __future__ import annotations

from sagemaker_estimators.request_builders.training import input_channels
from sagemaker_estimators.inputs import FileSystemInput, ShuffleConfig, TrainingInput


def test_training_input_every_parameter():
    channel = TrainingInput(
        "s3://b/x", distribution="ShardedByS3Key", compression="Gzip", content_type="text/csv",
        record_wrapping="RecordIO", s3_data_type="ManifestFile", instance_groups=["g1"], input_mode="Pipe",
        attribute_names=["a"], target_attribute_name="t", shuffle_config=ShuffleConfig(7),
    ).config
    assert channel == {
        "DataSource": {"S3DataSource": {"S3DataType": "ManifestFile", "S3Uri": "s3://b/x",
                                        "S3DataDistributionType": "ShardedByS3Key", "InstanceGroupNames": ["g1"],
                                        "AttributeNames": ["a"]}},
        "CompressionType": "Gzip", "ContentType": "text/csv", "RecordWrapperType": "RecordIO",
        "InputMode": "Pipe", "TargetAttributeName": "t", "ShuffleConfig": {"Seed": 7},
    }


def test_target_attribute_without_distribution_sends_no_distribution():
    source = TrainingInput("s3://b/x", target_attribute_name="y").config["DataSource"]["S3DataSource"]
    assert "S3DataDistributionType" not in source


def test_mixed_dict():
    channels = input_channels({
        "a": "s3://b/a",
        "b": TrainingInput("s3://b/b", content_type="x"),
        "c": FileSystemInput("fs-1", "EFS", "/d", content_type="y"),
    })
    assert [c["ChannelName"] for c in channels] == ["a", "b", "c"]
    assert channels[2] == {"DataSource": {"FileSystemDataSource": {
        "FileSystemId": "fs-1", "FileSystemType": "EFS", "DirectoryPath": "/d", "FileSystemAccessMode": "ro"}},
        "ContentType": "y", "ChannelName": "c"}


def test_single_object_becomes_training_channel():
    assert input_channels(FileSystemInput("fs-1", "FSxLustre", "/d"))[0]["ChannelName"] == "training"
    assert input_channels(None) is None
