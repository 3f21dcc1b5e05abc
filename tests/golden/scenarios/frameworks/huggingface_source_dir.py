"""HuggingFace with source_dir (requirements.txt) and dependencies."""
import os

from sagemaker.huggingface import HuggingFace

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

est = HuggingFace(
    entry_point="train.py",
    role=ROLE,
    transformers_version="4.36.0",
    pytorch_version="2.1.0",
    py_version="py310",
    instance_count=1,
    instance_type="ml.g5.2xlarge",
    source_dir="src",
    dependencies=["lib/mylib"],
)
est.fit({"train": "s3://my-data/train", "test": "s3://my-data/test"})
