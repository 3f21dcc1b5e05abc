"""Estimator tags and VPC config flow into CreateModel, CreateEndpointConfig and CreateEndpoint."""
from sagemaker.estimator import Estimator

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(
    image_uri=IMAGE,
    role=ROLE,
    instance_count=1,
    instance_type="ml.m5.xlarge",
    tags=[{"Key": "project", "Value": "golden"}],
    subnets=["subnet-0a1b2c3d"],
    security_group_ids=["sg-0a1b2c3d"],
    enable_network_isolation=True,
)
est.fit("s3://my-data/train")
predictor = est.deploy(initial_instance_count=1, instance_type="ml.m5.large")
predictor.delete_endpoint()
