"""TensorFlow parameter_server on two hosts: the PS flag, and no DebugHookConfig (Debugger off)."""
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
    instance_type="ml.c5.2xlarge",
    distribution={"parameter_server": {"enabled": True}},
)
est.fit("s3://my-data/train")
