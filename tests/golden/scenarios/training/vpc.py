"""VPC configuration: subnets and security groups."""
from sagemaker.estimator import Estimator

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(
    image_uri=IMAGE,
    role=ROLE,
    instance_count=2,
    instance_type="ml.m5.xlarge",
    subnets=["subnet-0a1b2c3d", "subnet-4e5f6a7b"],
    security_group_ids=["sg-0a1b2c3d", "sg-4e5f6a7b"],
)
est.fit("s3://my-data/train")
record_value("vpc_config", est.get_vpc_config())
