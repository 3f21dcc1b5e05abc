"""PyTorch with image_uri instead of framework_version/py_version."""
from sagemaker.pytorch import PyTorch

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint('training')\n")

est = PyTorch(
    entry_point="train.py",
    role=ROLE,
    image_uri="123456789012.dkr.ecr.us-west-2.amazonaws.com/my-pytorch:latest",
    instance_count=1,
    instance_type="ml.g5.xlarge",
)
est.fit("s3://my-data/train")
