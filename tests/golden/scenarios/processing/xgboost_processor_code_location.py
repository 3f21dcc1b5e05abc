"""XGBoostProcessor with code_location, output_kms_key, job_name and a code file without source_dir."""
import boto3

from sagemaker.processing import ProcessingInput, ProcessingOutput
from sagemaker.xgboost.processing import XGBoostProcessor

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

boto3.client("s3", region_name="us-west-2").create_bucket(
    Bucket="my-code", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})

with open("prep.py", "w") as handle:
    handle.write("print('xgb prep')\n")

processor = XGBoostProcessor(
    framework_version="1.7-1",
    role=ROLE,
    instance_type="ml.m5.xlarge",
    instance_count=1,
    code_location="s3://my-code/prefix/",
    output_kms_key="arn:aws:kms:us-west-2:123456789012:key/out",
    command=["python3"],
)
processor.run(
    code="prep.py",
    inputs=[ProcessingInput(source="s3://my-data/raw", destination="/opt/ml/processing/input")],
    outputs=[ProcessingOutput(source="/opt/ml/processing/output")],
    job_name="xgb-prep-job",
    logs=False,
)
record_value("image_uri", processor.image_uri)
record_value("entrypoint", processor.entrypoint)
