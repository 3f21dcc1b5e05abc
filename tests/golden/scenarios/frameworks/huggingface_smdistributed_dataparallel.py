"""HuggingFace with smdistributed data parallel on two p4d hosts."""
from sagemaker.huggingface import HuggingFace

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint('training')\n")

est = HuggingFace(
    entry_point="train.py",
    role=ROLE,
    transformers_version="4.26.0",
    pytorch_version="1.13.1",
    py_version="py39",
    instance_count=2,
    instance_type="ml.p4d.24xlarge",
    distribution={"smdistributed": {"dataparallel": {"enabled": True}}},
)
est.fit({"train": "s3://my-data/train", "test": "s3://my-data/test"})
