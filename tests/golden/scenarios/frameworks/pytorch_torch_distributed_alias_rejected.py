"""V2 checks torch_distributed against exact versions: the alias "2.1" is refused.

V2 raises ValueError (checked by type only; messages may differ) before any AWS call.
"""
from sagemaker.pytorch import PyTorch

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint('training')\n")

try:
    est = PyTorch(
        entry_point="train.py",
        role=ROLE,
        framework_version="2.1",
        py_version="py310",
        instance_count=2,
        instance_type="ml.g5.12xlarge",
        distribution={"torch_distributed": {"enabled": True}},
    )
    est.fit("s3://my-data/train")
except ValueError as error:
    record_value("error", type(error).__name__)
