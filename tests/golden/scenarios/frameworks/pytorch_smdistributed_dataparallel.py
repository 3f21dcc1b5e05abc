"""PyTorch smdistributed data parallel with custom MPI options."""
from sagemaker.pytorch import PyTorch

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint('training')\n")

est = PyTorch(
    entry_point="train.py",
    role=ROLE,
    framework_version="2.0.1",
    py_version="py310",
    instance_count=2,
    instance_type="ml.p4d.24xlarge",
    distribution={"smdistributed": {"dataparallel": {"enabled": True, "custom_mpi_options": "-verbose"}}},
)
est.fit("s3://my-data/train")
