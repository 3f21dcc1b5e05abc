"""PyTorch with output_path and base_job_name."""
import boto3

from sagemaker.pytorch import PyTorch

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

for bucket in ("my-code", "my-output"):
    boto3.client("s3").create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "us-west-2"})

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint('training')\n")

est = PyTorch(
    entry_point="train.py",
    role=ROLE,
    framework_version="2.1",
    py_version="py310",
    instance_count=1,
    instance_type="ml.g5.xlarge",
    output_path="s3://my-output/pt",
    base_job_name="pt-golden",
)
est.fit("s3://my-data/train")
record_value("model_data", est.model_data)
