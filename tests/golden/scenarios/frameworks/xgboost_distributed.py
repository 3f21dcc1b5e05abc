"""XGBoost on two hosts with ShardedByS3Key input."""
from sagemaker.xgboost import XGBoost
from sagemaker.inputs import TrainingInput

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint('training')\n")

est = XGBoost(
    entry_point="train.py",
    role=ROLE,
    framework_version="1.7-1",
    instance_count=2,
    instance_type="ml.m5.xlarge",
)
est.fit({"train": TrainingInput("s3://my-data/train", distribution="ShardedByS3Key", content_type="text/libsvm")})
