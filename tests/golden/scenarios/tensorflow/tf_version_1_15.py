"""TensorFlow 1.15 (py3) script mode, V1 train_* keyword names."""
from sagemaker.tensorflow import TensorFlow

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint(\x27training\x27)\n")

est = TensorFlow(
    entry_point="train.py",
    role=ROLE,
    framework_version="1.15.2",
    py_version="py3",
    train_instance_count=1,
    train_instance_type="ml.m5.large",
)
est.fit("s3://my-data/train")
