"""PyTorch MPI distribution with processes_per_host and custom_mpi_options."""
from sagemaker.pytorch import PyTorch

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint('training')\n")

est = PyTorch(
    entry_point="train.py",
    role=ROLE,
    framework_version="1.13.1",
    py_version="py39",
    instance_count=2,
    instance_type="ml.p3.8xlarge",
    distribution={"mpi": {"enabled": True, "processes_per_host": 4, "custom_mpi_options": "-x NCCL_DEBUG=INFO"}},
)
est.fit("s3://my-data/train")
