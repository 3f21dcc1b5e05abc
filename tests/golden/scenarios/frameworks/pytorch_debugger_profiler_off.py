"""PyTorch with debugger_hook_config=False and disable_profiler=True."""
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
    debugger_hook_config=False,
    disable_profiler=True,
)
est.fit("s3://my-data/train")
