"""HuggingFace (transformers 4.36 + PyTorch 2.1) with hyperparameters."""
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
    instance_count=1,
    instance_type="ml.g5.2xlarge",
    hyperparameters={"model_name_or_path": "bert-base-uncased", "epochs": 1, "train_batch_size": 32, "fp16": True},
)
est.fit({"train": "s3://my-data/train", "test": "s3://my-data/test"})
record_value("image", est.training_image_uri())
