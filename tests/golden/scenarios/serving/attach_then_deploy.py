"""Estimator.attach() then deploy(): the model is named <job>-<timestamp>."""
from sagemaker.estimator import Estimator

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(
    image_uri=IMAGE,
    role=ROLE,
    instance_count=1,
    instance_type="ml.m5.xlarge",
    output_kms_key="arn:aws:kms:us-west-2:123456789012:key/k",
)
est.fit("s3://my-data/train", job_name="serving-attach-job")
attached = Estimator.attach("serving-attach-job")
predictor = attached.deploy(initial_instance_count=1, instance_type="ml.m5.large")
record_value("endpoint", predictor.endpoint_name)
predictor.delete_endpoint()
