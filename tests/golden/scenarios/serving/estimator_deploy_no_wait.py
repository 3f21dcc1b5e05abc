"""deploy(wait=False) returns before the endpoint is in service."""
from sagemaker.estimator import Estimator

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge")
est.fit("s3://my-data/train")

predictor = est.deploy(initial_instance_count=1, instance_type="ml.m5.large", wait=False)
record_value("endpoint", predictor.endpoint_name)
