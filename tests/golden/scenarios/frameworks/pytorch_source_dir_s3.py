"""PyTorch with source_dir an existing S3 tarball (nothing uploaded)."""
from sagemaker.pytorch import PyTorch

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

est = PyTorch(
    entry_point="train.py",
    role=ROLE,
    framework_version="2.1",
    py_version="py310",
    instance_count=1,
    instance_type="ml.g5.xlarge",
    source_dir="s3://my-code/prebuilt/sourcedir.tar.gz",
)
est.fit("s3://my-data/train")
