"""MXNet.attach() restores versions and the entry point from a finished job."""
from sagemaker.mxnet import MXNet

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("print('training')\n")

est = MXNet(
    entry_point="train.py",
    role=ROLE,
    framework_version="1.9.0",
    py_version="py38",
    instance_count=1,
    instance_type="ml.c5.xlarge",
    output_kms_key="arn:aws:kms:us-west-2:123456789012:key/k",
    hyperparameters={"epochs": 2},
)
est.fit("s3://my-data/train", job_name="mx-attach-job")

again = MXNet.attach("mx-attach-job")
record_value("framework_version", again.framework_version)
record_value("py_version", again.py_version)
record_value("entry_point", again.entry_point)
record_value("hyperparameters", again.hyperparameters())
