"""Tuning an MXNet script-mode estimator with a source_dir and a parameter-server distribution."""
import os

import sagemaker
from sagemaker.mxnet import MXNet
from sagemaker.tuner import CategoricalParameter, HyperparameterTuner, IntegerParameter

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

os.makedirs("src", exist_ok=True)
with open("src/train.py", "w") as handle:
    handle.write("print('Validation-accuracy=0.8')\n")
with open("src/util.py", "w") as handle:
    handle.write("X = 1\n")

mx = MXNet(
    entry_point="train.py",
    source_dir="src",
    framework_version="1.9.0",
    py_version="py38",
    role=ROLE,
    instance_count=2,
    instance_type="ml.m5.xlarge",
    hyperparameters={"epochs": 3},
    distribution={"parameter_server": {"enabled": True}},
    sagemaker_session=sagemaker.Session(),
)
tuner = HyperparameterTuner(
    mx,
    objective_metric_name="Validation-accuracy",
    hyperparameter_ranges={"batch-size": IntegerParameter(16, 64),
                           "optimizer": CategoricalParameter(["sgd", "adam"])},
    metric_definitions=[{"Name": "Validation-accuracy", "Regex": "Validation-accuracy=([0-9\\.]+)"}],
    max_jobs=2,
    max_parallel_jobs=1,
    strategy="Random",
)
tuner.fit("s3://my-data/mnist", job_name="mxnet-tuning-job")
record_value("static", tuner.static_hyperparameters)
