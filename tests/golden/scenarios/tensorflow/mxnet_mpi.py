"""MXNet with MPI (Horovod): custom options are sent only together with processes_per_host."""
from sagemaker.mxnet import MXNet

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("print('training')\n")

est = MXNet(
    entry_point="train.py",
    role=ROLE,
    framework_version="1.9.0",
    py_version="py38",
    instance_count=2,
    instance_type="ml.p3.16xlarge",
    distribution={"mpi": {"enabled": True, "processes_per_host": 8, "custom_mpi_options": "-verbose"}},
)
est.fit("s3://my-data/train")
