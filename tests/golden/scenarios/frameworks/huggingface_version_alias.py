"""HuggingFace with version aliases transformers '4.26' and pytorch '1.13'."""
from sagemaker.huggingface import HuggingFace

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint('training')\n")

est = HuggingFace(
    entry_point="train.py",
    role=ROLE,
    transformers_version="4.26",
    pytorch_version="1.13",
    py_version="py39",
    instance_count=1,
    instance_type="ml.p3.2xlarge",
)
est.fit({"train": "s3://my-data/train", "test": "s3://my-data/test"})
record_value("image", est.training_image_uri())
