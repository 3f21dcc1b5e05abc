"""The issue-4 example: source_dir, dependencies, JSON hyperparameters, torch_distributed.

framework_version is "2.1.0": with the alias "2.1" V2 refuses torch_distributed
(see pytorch_torch_distributed_alias_rejected).
"""
import os

from sagemaker.pytorch import PyTorch

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

os.makedirs("lib/mylib", exist_ok=True)
with open("lib/mylib/__init__.py", "w") as handle:
    handle.write("VALUE = 1\n")
with open("extra_module.py", "w") as handle:
    handle.write("EXTRA = True\n")

est = PyTorch(
    entry_point="train.py",
    role=ROLE,
    source_dir="src",
    dependencies=["lib/mylib"],
    framework_version="2.1.0",
    py_version="py310",
    instance_count=2,
    instance_type="ml.g5.12xlarge",
    hyperparameters={"epochs": 3, "lr": 3e-4, "layers": [128, 64], "opt": {"name": "sgd"}},
    distribution={"torch_distributed": {"enabled": True}},
)
est.fit({"training": "s3://b/train"})
