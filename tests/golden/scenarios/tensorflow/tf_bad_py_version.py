"""TensorFlow 1.15 with py310 (never shipped): V2 fails when it looks the image up."""
from sagemaker.tensorflow import TensorFlow

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint(\x27training\x27)\n")

try:
    est = TensorFlow(
        entry_point="train.py",
        role=ROLE,
        framework_version="1.15",
        py_version="py310",
        instance_count=1,
        instance_type="ml.m5.large",
    )
    est.fit("s3://my-data/train")
except ValueError as error:
    record_value("error", type(error).__name__)
