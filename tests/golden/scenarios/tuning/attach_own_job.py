"""attach() to a tuning job V2 itself created (HyperParameterTuningResourceConfig).

V2 reads TrainingJobDefinition.ResourceConfig and raises KeyError (V2 bug); this
package reads the tuning resource config and attaches.
"""
from sagemaker.estimator import Estimator
from sagemaker.parameter import IntegerParameter
from sagemaker.tuner import HyperparameterTuner

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge",
                hyperparameters={"epochs": 3})
tuner = HyperparameterTuner(est, "acc", {"depth": IntegerParameter(1, 5)},
                            metric_definitions=[{"Name": "acc", "Regex": "acc=(.*)"}], max_jobs=2)
tuner.fit("s3://my-data/train", job_name="own-job")
try:
    again = HyperparameterTuner.attach("own-job")
    record_value("instance_type", again.estimator.instance_type)
    record_value("static", again.estimator.hyperparameters())
except KeyError as error:
    record_value("attach_error", repr(error))
