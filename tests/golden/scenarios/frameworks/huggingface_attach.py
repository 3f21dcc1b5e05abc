"""HuggingFace.attach() after fit."""
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
    output_kms_key="arn:aws:kms:us-west-2:123456789012:key/k",
)
est.fit("s3://my-data/train", job_name="hf-attach-job")

again = HuggingFace.attach("hf-attach-job")
record_value("framework_version", again.framework_version)
record_value("pytorch_version", again.pytorch_version)
record_value("py_version", again.py_version)
record_value("entry_point", again.entry_point)
record_value("model_data", again.model_data)
