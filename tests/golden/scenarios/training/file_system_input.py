"""FileSystemInput (EFS) as the only input, with the VPC the file system needs."""
from sagemaker.inputs import FileSystemInput
from sagemaker.estimator import Estimator

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

efs = FileSystemInput(
    file_system_id="fs-0123456789abcdef0",
    file_system_type="EFS",
    directory_path="/data/train",
    file_system_access_mode="rw",
    content_type="text/csv",
)
est = Estimator(
    image_uri=IMAGE,
    role=ROLE,
    instance_count=1,
    instance_type="ml.m5.xlarge",
    subnets=["subnet-0a1b2c3d"],
    security_group_ids=["sg-0a1b2c3d"],
)
est.fit(efs)
