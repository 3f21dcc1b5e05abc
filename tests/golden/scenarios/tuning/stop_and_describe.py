"""fit(wait=False), describe() and stop_tuning_job().

moto has no StopHyperParameterTuningJob: the request is recorded and the error code with it.
"""
from botocore.exceptions import ClientError

from sagemaker.estimator import Estimator
from sagemaker.parameter import ContinuousParameter
from sagemaker.tuner import HyperparameterTuner

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge",
                metric_definitions=[{"Name": "acc", "Regex": "acc=(.*)"}])
tuner = HyperparameterTuner(est, "acc", {"eta": ContinuousParameter(0.1, 0.2)},
                            metric_definitions=[{"Name": "acc", "Regex": "acc=(.*)"}])
tuner.fit("s3://my-data/train", job_name="to-stop", wait=False)
record_value("status", tuner.describe()["HyperParameterTuningJobStatus"])
try:
    tuner.stop_tuning_job()
except ClientError as error:
    record_value("stop_error", error.response["Error"]["Code"])
