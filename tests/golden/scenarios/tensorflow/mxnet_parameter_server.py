"""MXNet parameter_server on two hosts."""
from sagemaker.mxnet import MXNet

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("print('training')\n")

est = MXNet(
    entry_point="train.py",
    role=ROLE,
    framework_version="1.8",
    py_version="py37",
    instance_count=2,
    instance_type="ml.c5.2xlarge",
    distribution={"parameter_server": {"enabled": True}},
)
est.fit("s3://my-data/train")
