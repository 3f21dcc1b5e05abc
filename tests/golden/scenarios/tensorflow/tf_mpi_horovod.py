"""TensorFlow with MPI (Horovod): processes_per_host, custom options, model_dir /opt/ml/model."""
from sagemaker.tensorflow import TensorFlow

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint(\x27training\x27)\n")

est = TensorFlow(
    entry_point="train.py",
    role=ROLE,
    framework_version="2.13",
    py_version="py310",
    instance_count=2,
    instance_type="ml.p3.16xlarge",
    distribution={"mpi": {"enabled": True, "processes_per_host": 8, "custom_mpi_options": "-verbose -x NCCL_DEBUG=INFO"}},
)
est.fit("s3://my-data/train")
