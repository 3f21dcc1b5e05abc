"""The user config file is read from S3: a prefix that holds config.yaml (and another file)."""
import os

import boto3

from sagemaker.estimator import Estimator

IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

s3 = boto3.client("s3")
s3.create_bucket(Bucket="config-bucket", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
s3.put_object(Bucket="config-bucket", Key="sagemaker/config.yaml", Body=b"""
SchemaVersion: '1.0'
SageMaker:
  TrainingJob:
    RoleArn: arn:aws:iam::123456789012:role/S3ConfigRole
    Tags:
      - Key: source
        Value: s3
""")
s3.put_object(Bucket="config-bucket", Key="sagemaker/README.txt", Body=b"not a config")
os.environ["SAGEMAKER_USER_CONFIG_OVERRIDE"] = "s3://config-bucket/sagemaker"

est = Estimator(image_uri=IMAGE, instance_count=1, instance_type="ml.m5.xlarge")
record_value("role", est.role)
est.fit("s3://my-data/train")
