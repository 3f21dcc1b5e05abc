"""TensorFlow multi_worker_mirrored_strategy on two GPU hosts."""
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
    instance_type="ml.g5.12xlarge",
    distribution={"multi_worker_mirrored_strategy": {"enabled": True}},
)
est.fit("s3://my-data/train")
