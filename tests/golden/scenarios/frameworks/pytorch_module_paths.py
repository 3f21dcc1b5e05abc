"""V2's long import path sagemaker.pytorch.estimator.PyTorch and fit inputs as TrainingInput."""
from sagemaker.inputs import TrainingInput
from sagemaker.pytorch.estimator import PyTorch

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
)
est.fit({"train": TrainingInput("s3://my-data/train", content_type="application/x-npy"), "test": "s3://my-data/test"})
