"""Estimator.transformer() with defaults, transform(wait=False) then wait()."""
from sagemaker.estimator import Estimator

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge")
est.fit("s3://my-data/train")

transformer = est.transformer(instance_count=1, instance_type="ml.m5.xlarge")
transformer.transform("s3://my-data/batch", content_type="text/csv", split_type="Line", wait=False)
transformer.wait(logs=False)
record_value("output_path", transformer.output_path)
