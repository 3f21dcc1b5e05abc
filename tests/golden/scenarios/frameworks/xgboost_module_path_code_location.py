"""sagemaker.xgboost.estimator.XGBoost with code_location and container_log_level."""
import boto3

from sagemaker.xgboost.estimator import XGBoost

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

for bucket in ("my-code", "my-output"):
    boto3.client("s3").create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "us-west-2"})

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint('training')\n")

est = XGBoost(
    entry_point="train.py",
    role=ROLE,
    framework_version="1.7-1",
    instance_count=1,
    instance_type="ml.m5.xlarge",
    code_location="s3://my-code/xgb",
    container_log_level=30,
)
est.fit({"train": "s3://my-data/train", "validation": "s3://my-data/val"})
