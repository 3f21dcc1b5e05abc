"""HuggingFace with image_uri (versions still required by V2)."""
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
    image_uri="123456789012.dkr.ecr.us-west-2.amazonaws.com/my-hf:1",
    instance_count=1,
    instance_type="ml.g5.2xlarge",
)
est.fit({"train": "s3://my-data/train", "test": "s3://my-data/test"})
