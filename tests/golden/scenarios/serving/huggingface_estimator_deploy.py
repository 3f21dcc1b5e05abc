"""HuggingFace fit then deploy: empty program/submit directory in the model env."""
from sagemaker.huggingface import HuggingFace

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

with open("train.py", "w") as handle:
    handle.write("print('training')\n")

est = HuggingFace(
    entry_point="train.py",
    role=ROLE,
    transformers_version="4.26.0",
    pytorch_version="1.13.1",
    py_version="py39",
    instance_count=1,
    instance_type="ml.g5.2xlarge",
)
est.fit("s3://my-data/train")
predictor = est.deploy(initial_instance_count=1, instance_type="ml.g4dn.xlarge")
record_value("predictor", type(predictor).__name__)
predictor.delete_endpoint()
