"""Issue 16 item 11: wrongly typed TrainingInput fields fail with a TypeError naming them,
before anything is uploaded (V2: a botocore error after the uploads, or an AttributeError)."""
from __future__ import annotations

import boto3
import pytest

from sagemaker_estimators.inputs import ShuffleConfig, TrainingInput

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"


def test_shuffle_config_dict_is_a_type_error_naming_it():
    with pytest.raises(TypeError, match="shuffle_config"):
        TrainingInput("s3://b/x", shuffle_config={"seed": 1})
    with pytest.raises(AttributeError):  # what V2 raised: code catching it keeps working
        TrainingInput("s3://b/x", shuffle_config={"seed": 1})
    assert TrainingInput("s3://b/x", shuffle_config=ShuffleConfig(1)).config["ShuffleConfig"] == {"Seed": 1}


def test_attribute_names_string_is_accepted_then_refused_before_upload(aws, tmp_path):
    from sagemaker.pytorch import PyTorch
    from sagemaker_estimators.session import Session

    channel = TrainingInput("s3://code-bucket/data", attribute_names="a,b")  # V2 accepts it here
    (tmp_path / "train.py").write_text("print(1)\n")
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket="code-bucket", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    est = PyTorch(entry_point="train.py", source_dir=str(tmp_path), framework_version="2.1.0", py_version="py310",
                  role=ROLE, instance_count=1, instance_type="ml.m5.xlarge", output_path="s3://code-bucket/out",
                  sagemaker_session=Session(default_bucket="code-bucket"))
    with pytest.raises(TypeError, match=r"attribute_names='a,b'.*\['a', 'b'\]"):
        est.fit({"train": channel}, wait=False)
    assert s3.list_objects_v2(Bucket="code-bucket").get("KeyCount", 0) == 0
