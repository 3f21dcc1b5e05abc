"""PyTorch torch_distributed on two p4d hosts."""
from sagemaker.pytorch import PyTorch

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint('training')\n")

est = PyTorch(
    entry_point="train.py",
    role=ROLE,
    framework_version="2.1.0",
    py_version="py310",
    instance_count=2,
    instance_type="ml.p4d.24xlarge",
    distribution={"torch_distributed": {"enabled": True}},
)
est.fit("s3://my-data/train")
