"""A role given by name is expanded to its ARN through IAM GetRole."""
import json

import boto3

from sagemaker.estimator import Estimator

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

boto3.client("iam").create_role(
    RoleName="MySageMakerRole",
    AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": []}),
)
est = Estimator(image_uri=IMAGE, role="MySageMakerRole", instance_count=1, instance_type="ml.m5.xlarge")
est.fit("s3://my-data/train")
record_value("role", est.role)
