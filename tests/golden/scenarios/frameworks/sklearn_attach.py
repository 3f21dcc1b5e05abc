"""SKLearn.attach() after fit."""
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
    output_kms_key="arn:aws:kms:us-west-2:123456789012:key/k",
)
est.fit("s3://my-data/train", job_name="sk-attach-job")

again = SKLearn.attach("sk-attach-job")
record_value("framework_version", again.framework_version)
record_value("py_version", again.py_version)
record_value("entry_point", again.entry_point)
record_value("model_data", again.model_data)
