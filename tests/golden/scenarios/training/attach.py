"""Estimator.attach() to a finished job, then its model_data and settings.

output_kms_key is given because V2's attach() reads OutputDataConfig.KmsKeyId, which
moto leaves out of DescribeTrainingJob unless the job was created with one.
"""
from sagemaker.estimator import Estimator

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(
    image_uri=IMAGE,
    role=ROLE,
    instance_count=2,
    instance_type="ml.m5.xlarge",
    hyperparameters={"epochs": 3},
    output_path="s3://my-output/jobs",
    output_kms_key="arn:aws:kms:us-west-2:123456789012:key/output-key",
)
est.fit("s3://my-data/train", job_name="job-to-attach")
again = Estimator.attach("job-to-attach")
record_value("model_data", again.model_data)
record_value("image_uri", again.image_uri)
record_value("instance_count", again.instance_count)
record_value("instance_type", again.instance_type)
record_value("hyperparameters", again.hyperparameters())
record_value("output_path", again.output_path)
record_value("role", again.role)
