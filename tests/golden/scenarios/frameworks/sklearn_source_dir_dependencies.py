"""SKLearn with source_dir and dependencies."""
import os

from sagemaker.sklearn import SKLearn

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

est = SKLearn(
    entry_point="train.py",
    role=ROLE,
    framework_version="1.2-1",
    py_version="py3",
    instance_count=1,
    instance_type="ml.m5.large",
    source_dir="src",
    dependencies=["lib/mylib", "extra_module.py"],
)
est.fit("s3://my-data/train")
