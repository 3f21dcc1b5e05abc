"""TensorFlow with model_dir=False: no model_dir hyperparameter; a custom output_path and job name."""
import boto3

from sagemaker.tensorflow import TensorFlow

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint(\x27training\x27)\n")

boto3.client("s3").create_bucket(Bucket="my-out", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
est = TensorFlow(
    entry_point="train.py",
    role=ROLE,
    framework_version="2.11",
    py_version="py39",
    instance_count=1,
    instance_type="ml.c5.xlarge",
    model_dir=False,
    output_path="s3://my-out/tf",
)
est.fit("s3://my-data/train", job_name="tf-no-model-dir")
