"""PyTorch set_hyperparameters() after construction merges with the constructor's."""
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
    hyperparameters={"epochs": 1, "batch-size": 32},
)
est.set_hyperparameters(epochs=5, optimizer="adam")
est.fit("s3://my-data/train")
