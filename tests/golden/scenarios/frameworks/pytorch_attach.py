"""PyTorch.attach() restores framework settings from a finished job."""
import os

from sagemaker.pytorch import PyTorch

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

est = PyTorch(
    entry_point="train.py",
    role=ROLE,
    framework_version="2.1",
    py_version="py310",
    instance_count=1,
    instance_type="ml.g5.xlarge",
    source_dir="src",
    output_kms_key="arn:aws:kms:us-west-2:123456789012:key/k",
    hyperparameters={"epochs": 2},
)
est.fit("s3://my-data/train", job_name="pt-attach-job")

again = PyTorch.attach("pt-attach-job")
record_value("framework_version", again.framework_version)
record_value("py_version", again.py_version)
record_value("entry_point", again.entry_point)
record_value("source_dir", again.source_dir)
record_value("hyperparameters", again.hyperparameters())
record_value("model_data", again.model_data)
