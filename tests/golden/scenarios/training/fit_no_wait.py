"""fit(wait=False), then wait on the job handle and describe it."""
from sagemaker.estimator import Estimator

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge")
est.fit("s3://my-data/train", wait=False)
job = est.latest_training_job
job.wait(logs="None")
record_value("status", job.describe()["TrainingJobStatus"])
