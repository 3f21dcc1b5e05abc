"""XGBoost 1.5-1."""
from sagemaker.xgboost import XGBoost

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint('training')\n")

est = XGBoost(
    entry_point="train.py",
    role=ROLE,
    framework_version="1.5-1",
    instance_count=1,
    instance_type="ml.m5.2xlarge",
)
est.fit({"train": "s3://my-data/train", "validation": "s3://my-data/val"})
record_value("image", est.training_image_uri())
