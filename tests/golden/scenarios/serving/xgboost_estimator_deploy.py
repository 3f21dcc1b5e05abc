"""XGBoost script mode fit then deploy: no repack, SAGEMAKER_SUBMIT_DIRECTORY is the S3 sourcedir."""
from sagemaker.xgboost import XGBoost

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

with open("train.py", "w") as handle:
    handle.write("print('training')\n")

est = XGBoost(entry_point="train.py", role=ROLE, framework_version="1.7-1", instance_count=1, instance_type="ml.m5.xlarge")
est.fit({"train": "s3://my-data/train"})
predictor = est.deploy(initial_instance_count=1, instance_type="ml.m5.large")
record_value("predictor", type(predictor).__name__)
record_value("content_type", predictor.content_type)
record_value("accept", predictor.accept)
predictor.delete_endpoint()
