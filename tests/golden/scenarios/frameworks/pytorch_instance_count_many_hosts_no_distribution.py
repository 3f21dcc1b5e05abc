"""PyTorch on 3 hosts without a distribution option."""
from sagemaker.pytorch import PyTorch

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint('training')\n")

est = PyTorch(
    entry_point="train.py",
    role=ROLE,
    framework_version="2.2",
    py_version="py310",
    instance_count=3,
    instance_type="ml.c5.2xlarge",
)
est.fit("s3://my-data/train")
