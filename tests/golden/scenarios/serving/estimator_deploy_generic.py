"""Generic Estimator: fit, deploy with defaults, delete the endpoint."""
from sagemaker.estimator import Estimator

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge")
est.fit("s3://my-data/train")

predictor = est.deploy(initial_instance_count=1, instance_type="ml.m5.large")
record_value("endpoint", predictor.endpoint_name)
record_value("content_type", predictor.content_type)
record_value("accept", predictor.accept)
predictor.delete_endpoint()
