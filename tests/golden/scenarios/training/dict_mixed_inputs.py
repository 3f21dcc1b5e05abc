"""A dict of every input shape: str, TrainingInput, FileSystemInput (FSx Lustre, defaults)."""
from sagemaker.inputs import FileSystemInput, TrainingInput
from sagemaker.estimator import Estimator

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(
    image_uri=IMAGE,
    role=ROLE,
    instance_count=1,
    instance_type="ml.m5.xlarge",
    subnets=["subnet-0a1b2c3d", "subnet-4e5f6a7b"],
    security_group_ids=["sg-0a1b2c3d"],
)
est.fit(
    {
        "train": "s3://my-data/train",
        "validation": TrainingInput("s3://my-data/val", content_type="text/csv", distribution="FullyReplicated"),
        "lustre": FileSystemInput("fs-0fedcba9876543210", "FSxLustre", "/fsx/data"),
    }
)
