"""TensorFlow smdistributed modelparallel with MPI, as the model-parallel examples configure it."""
from sagemaker.tensorflow import TensorFlow

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint(\x27training\x27)\n")

est = TensorFlow(
    entry_point="train.py",
    role=ROLE,
    framework_version="2.6.3",
    py_version="py38",
    instance_count=1,
    instance_type="ml.p3.16xlarge",
    distribution={
        "smdistributed": {"modelparallel": {"enabled": True, "parameters": {"partitions": 2, "microbatches": 4,
                                                                             "horovod": True}}},
        "mpi": {"enabled": True, "processes_per_host": 2, "custom_mpi_options": "--mca btl_vader_single_copy_mechanism none"},
    },
)
est.fit("s3://my-data/train")
