"""Autotune: hyperparameters the service picks ranges for, some kept static."""
from sagemaker.estimator import Estimator
from sagemaker.parameter import IntegerParameter
from sagemaker.tuner import HyperparameterTuner

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge",
                hyperparameters={"epochs": 10, "lr": 0.01, "momentum": 0.9, "batch": 32})
tuner = HyperparameterTuner(
    est,
    "acc",
    {"layers": IntegerParameter(1, 4)},
    metric_definitions=[{"Name": "acc", "Regex": "acc=(.*)"}],
    autotune=True,
    hyperparameters_to_keep_static=["epochs"],
    max_jobs=5,
)
tuner.fit("s3://my-data/train")
