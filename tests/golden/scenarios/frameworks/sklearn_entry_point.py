"""SKLearn 1.2-1 with only an entry point."""
from sagemaker.sklearn import SKLearn

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint('training')\n")

est = SKLearn(
    entry_point="train.py",
    role=ROLE,
    framework_version="1.2-1",
    py_version="py3",
    instance_count=1,
    instance_type="ml.m5.large",
)
est.fit("s3://my-data/train")
record_value("image", est.training_image_uri())
