"""TensorFlow parameter_server with instance_count=1 (the container starts no parameter server)."""
from sagemaker.tensorflow import TensorFlow

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint(\x27training\x27)\n")

est = TensorFlow(
    entry_point="train.py",
    role=ROLE,
    framework_version="2.13",
    py_version="py310",
    instance_count=1,
    instance_type="ml.c5.2xlarge",
    distribution={"parameter_server": {"enabled": True}},
)
est.fit("s3://my-data/train")
