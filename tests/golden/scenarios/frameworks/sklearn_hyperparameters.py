"""SKLearn hyperparameters of several JSON types."""
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
    hyperparameters={"n-estimators": 100, "min-samples-leaf": 3, "criterion": "gini", "bootstrap": True, "max-features": None},
)
est.fit("s3://my-data/train")
