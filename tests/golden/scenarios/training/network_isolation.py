"""Network isolation and inter-container traffic encryption."""
from sagemaker.estimator import Estimator

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(
    image_uri=IMAGE,
    role=ROLE,
    instance_count=2,
    instance_type="ml.m5.xlarge",
    enable_network_isolation=True,
    encrypt_inter_container_traffic=True,
)
est.fit("s3://my-data/train")
record_value("network_isolation", est.enable_network_isolation())
