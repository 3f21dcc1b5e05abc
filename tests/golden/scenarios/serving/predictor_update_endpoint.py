"""Predictor.update_endpoint() to a new instance count and type.

The endpoint has a full DataCaptureConfig: V2 copies the old config's DataCaptureConfig,
and moto answers a partial one when none was set, which botocore then rejects.
"""
from botocore.exceptions import ClientError

from sagemaker.estimator import Estimator
from sagemaker.model_monitor import DataCaptureConfig

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge")
est.fit("s3://my-data/train")

predictor = est.deploy(
    initial_instance_count=1,
    instance_type="ml.m5.large",
    endpoint_name="update-me",
    data_capture_config=DataCaptureConfig(enable_capture=True, sampling_percentage=20, destination_s3_uri="s3://my-capture/u"),
)
try:
    predictor.update_endpoint(initial_instance_count=2, instance_type="ml.m5.xlarge")
except ClientError as error:  # moto has no UpdateEndpoint; the requests up to it are recorded
    record_value("update_error", error.response["Error"]["Code"])
record_value("endpoint", predictor.endpoint_name)
