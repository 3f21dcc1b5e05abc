"""fit(job_name=...) uses that name verbatim."""
from sagemaker.estimator import Estimator

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge")
est.fit("s3://my-data/train", job_name="my-fixed-job-name")
record_value("job_name", est.latest_training_job.name)
record_value("model_data", est.model_data)
