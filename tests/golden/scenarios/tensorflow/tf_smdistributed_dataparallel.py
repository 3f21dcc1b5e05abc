"""TensorFlow smdistributed dataparallel (2.11.0, ml.p4d.24xlarge) with custom MPI options."""
from sagemaker.tensorflow import TensorFlow

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint(\x27training\x27)\n")

est = TensorFlow(
    entry_point="train.py",
    role=ROLE,
    framework_version="2.11.0",
    py_version="py39",
    instance_count=2,
    instance_type="ml.p4d.24xlarge",
    distribution={"smdistributed": {"dataparallel": {"enabled": True, "custom_mpi_options": "-verbose"}}},
)
est.fit("s3://my-data/train")
