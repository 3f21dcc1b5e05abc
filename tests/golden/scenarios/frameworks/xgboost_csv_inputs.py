"""XGBoost with CSV TrainingInputs (the classic notebook)."""
from sagemaker.xgboost import XGBoost
from sagemaker.inputs import TrainingInput

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint('training')\n")

est = XGBoost(
    entry_point="train.py",
    role=ROLE,
    framework_version="1.7-1",
    instance_count=1,
    instance_type="ml.m5.xlarge",
)
est.fit({"train": TrainingInput("s3://my-data/train.csv", content_type="text/csv"), "validation": TrainingInput("s3://my-data/val.csv", content_type="text/csv")})
