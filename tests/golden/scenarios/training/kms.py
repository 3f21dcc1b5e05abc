"""Volume and output KMS keys."""
from sagemaker.estimator import Estimator

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(
    image_uri=IMAGE,
    role=ROLE,
    instance_count=1,
    instance_type="ml.m5.xlarge",
    volume_kms_key="arn:aws:kms:us-west-2:123456789012:key/volume-key",
    output_kms_key="arn:aws:kms:us-west-2:123456789012:key/output-key",
    output_path="s3://my-output/jobs",
)
est.fit("s3://my-data/train")
