"""SKLearn fit then deploy (no repack)."""
from sagemaker.sklearn import SKLearn

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

with open("train.py", "w") as handle:
    handle.write("print('training')\n")

est = SKLearn(entry_point="train.py", role=ROLE, framework_version="1.2-1", py_version="py3", instance_count=1, instance_type="ml.m5.large")
est.fit("s3://my-data/train")
predictor = est.deploy(initial_instance_count=1, instance_type="ml.m5.large")
record_value("predictor", type(predictor).__name__)
predictor.delete_endpoint()
