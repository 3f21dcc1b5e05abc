"""XGBoost.attach() after fit."""
from sagemaker.xgboost import XGBoost

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint('training')\n")

est = XGBoost(
    entry_point="train.py",
    role=ROLE,
    framework_version="1.7-1",
    instance_count=1,
    instance_type="ml.m5.xlarge",
    output_kms_key="arn:aws:kms:us-west-2:123456789012:key/k",
    hyperparameters={"num_round": 10},
)
est.fit("s3://my-data/train", job_name="xgb-attach-job")

again = XGBoost.attach("xgb-attach-job")
record_value("framework_version", again.framework_version)
record_value("py_version", again.py_version)
record_value("entry_point", again.entry_point)
record_value("hyperparameters", again.hyperparameters())
