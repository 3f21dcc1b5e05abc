"""XGBoost with source_dir and py_version 'py3'."""
import os

from sagemaker.xgboost import XGBoost

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

os.makedirs("src/utils", exist_ok=True)
with open("src/train.py", "w") as handle:
    handle.write("from utils.helpers import helper\nprint(helper())\n")
with open("src/utils/__init__.py", "w") as handle:
    handle.write("")
with open("src/utils/helpers.py", "w") as handle:
    handle.write("def helper():\n    return 42\n")
with open("src/requirements.txt", "w") as handle:
    handle.write("pandas==2.0.3\n")

est = XGBoost(
    entry_point="train.py",
    role=ROLE,
    framework_version="1.7-1",
    instance_count=1,
    instance_type="ml.m5.xlarge",
    source_dir="src",
    py_version="py3",
)
est.fit({"train": "s3://my-data/train", "validation": "s3://my-data/val"})
