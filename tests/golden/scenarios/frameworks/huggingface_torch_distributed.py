"""HuggingFace with torch_distributed."""
from sagemaker.huggingface import HuggingFace

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint('training')\n")

est = HuggingFace(
    entry_point="train.py",
    role=ROLE,
    transformers_version="4.36.0",
    pytorch_version="2.1.0",
    py_version="py310",
    instance_count=2,
    instance_type="ml.g5.12xlarge",
    distribution={"torch_distributed": {"enabled": True}},
)
est.fit({"train": "s3://my-data/train", "test": "s3://my-data/test"})
