"""Estimator.attach() then transformer().transform()."""
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
est.fit("s3://my-data/train", job_name="transform-attach-job")
attached = Estimator.attach("transform-attach-job")
transformer = attached.transformer(instance_count=1, instance_type="ml.m5.xlarge", assemble_with="Line", accept="text/csv")
transformer.transform("s3://my-data/batch", content_type="text/csv", split_type="Line", job_name="attached-transform")
