"""PyTorch smdistributed model parallel with MPI processes per host."""
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
    instance_type="ml.p3.16xlarge",
    distribution={
        "smdistributed": {
            "modelparallel": {
                "enabled": True,
                "parameters": {"partitions": 2, "microbatches": 4, "ddp": True},
            }
        },
        "mpi": {"enabled": True, "processes_per_host": 8},
    },
)
est.fit("s3://my-data/train")
