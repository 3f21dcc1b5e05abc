"""Fixtures for the foundation tests: a role, a bucket and a training script."""
from __future__ import annotations

import boto3
import pytest

ROLE_ARN = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1"


@pytest.fixture
def bucket(aws):
    boto3.client("s3").create_bucket(Bucket="data-bucket", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    return "data-bucket"


@pytest.fixture
def session(aws):
    from sagemaker_estimators.session import Session

    return Session()


@pytest.fixture
def script_dir(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "train.py").write_text("print('training')\n")
    (source / "requirements.txt").write_text("numpy\n")
    return source
