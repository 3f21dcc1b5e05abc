"""TensorFlow.attach() restores versions, model_dir and the entry point from a finished job."""
from sagemaker.tensorflow import TensorFlow

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint(\x27training\x27)\n")

est = TensorFlow(
    entry_point="train.py",
    role=ROLE,
    framework_version="2.13",
    py_version="py310",
    instance_count=1,
    instance_type="ml.m5.xlarge",
    output_kms_key="arn:aws:kms:us-west-2:123456789012:key/k",
    hyperparameters={"epochs": 2},
)
est.fit("s3://my-data/train", job_name="tf-attach-job")

again = TensorFlow.attach("tf-attach-job")
record_value("framework_version", again.framework_version)
record_value("py_version", again.py_version)
record_value("model_dir", again.model_dir)
record_value("entry_point", again.entry_point)
record_value("hyperparameters", again.hyperparameters())
