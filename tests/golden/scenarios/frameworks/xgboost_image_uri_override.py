"""XGBoost with an explicit image_uri."""
from sagemaker.xgboost import XGBoost

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint('training')\n")

est = XGBoost(
    entry_point="train.py",
    role=ROLE,
    framework_version="1.7-1",
    image_uri="123456789012.dkr.ecr.us-west-2.amazonaws.com/my-xgb:1",
    instance_count=1,
    instance_type="ml.m5.xlarge",
)
est.fit({"train": "s3://my-data/train", "validation": "s3://my-data/val"})
