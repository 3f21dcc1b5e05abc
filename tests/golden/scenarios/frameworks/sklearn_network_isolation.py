"""SKLearn with enable_network_isolation=True and source_dir."""
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

est = SKLearn(
    entry_point="train.py",
    role=ROLE,
    framework_version="1.2-1",
    py_version="py3",
    instance_count=1,
    instance_type="ml.m5.large",
    source_dir="src",
    enable_network_isolation=True,
)
est.fit("s3://my-data/train")
