"""Session(default_bucket_prefix=...) puts default output under that prefix.

The default bucket exists beforehand: with a prefix and no bucket, V2 probes with
ListObjectsV2, gets NoSuchBucket (not 404) and raises instead of creating it.
"""
import boto3
import sagemaker

from sagemaker.estimator import Estimator

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

boto3.client("s3").create_bucket(
    Bucket="sagemaker-us-west-2-123456789012",
    CreateBucketConfiguration={"LocationConstraint": "us-west-2"},
)
session = sagemaker.Session(default_bucket_prefix="team-prefix")
est = Estimator(
    image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge", sagemaker_session=session
)
est.fit("s3://my-data/train")
record_value("model_data", est.model_data)
