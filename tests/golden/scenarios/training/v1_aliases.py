"""V1 keyword names (train_instance_count ...) still work."""
from sagemaker.estimator import Estimator

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(
    image_uri=IMAGE,
    role=ROLE,
    train_instance_count=2,
    train_instance_type="ml.c5.xlarge",
    train_volume_size=50,
    train_max_run=7200,
)
est.fit("s3://my-data/train")
record_value("instance_count", est.instance_count)
record_value("instance_type", est.instance_type)
record_value("volume_size", est.volume_size)
record_value("max_run", est.max_run)
