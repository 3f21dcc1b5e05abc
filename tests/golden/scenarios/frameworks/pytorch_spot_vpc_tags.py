"""PyTorch with spot, VPC, tags, metric definitions and environment together."""
from sagemaker.pytorch import PyTorch

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint('training')\n")

est = PyTorch(
    entry_point="train.py",
    role=ROLE,
    framework_version="2.1",
    py_version="py310",
    instance_count=1,
    instance_type="ml.g5.xlarge",
    use_spot_instances=True,
    max_wait=7200,
    max_run=3600,
    checkpoint_s3_uri="s3://my-data/ckpt",
    subnets=["subnet-0a1b2c3d"],
    security_group_ids=["sg-0a1b2c3d"],
    tags=[{"Key": "project", "Value": "golden"}],
    metric_definitions=[{"Name": "loss", "Regex": "loss=(\\S+)"}],
    environment={"NCCL_DEBUG": "INFO"},
)
est.fit("s3://my-data/train")
