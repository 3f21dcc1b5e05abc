"""SKLearn with code_location, container_log_level and output_path."""
import boto3

from sagemaker.sklearn import SKLearn

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

for bucket in ("my-code", "my-output"):
    boto3.client("s3").create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "us-west-2"})

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint('training')\n")

est = SKLearn(
    entry_point="train.py",
    role=ROLE,
    framework_version="1.2-1",
    py_version="py3",
    instance_count=1,
    instance_type="ml.m5.large",
    code_location="s3://my-code/sk",
    container_log_level=10,
    output_path="s3://my-output/sk",
)
est.fit("s3://my-data/train")
