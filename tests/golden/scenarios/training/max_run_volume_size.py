"""max_run and volume_size."""
from sagemaker.estimator import Estimator

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(
    image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge", max_run=3600, volume_size=100
)
est.fit("s3://my-data/train")
