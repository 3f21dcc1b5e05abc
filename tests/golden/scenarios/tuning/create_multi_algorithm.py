"""HyperparameterTuner.create() with two estimators, per-estimator inputs and class metadata."""
import os

from sagemaker.estimator import Estimator
from sagemaker.parameter import CategoricalParameter, ContinuousParameter, IntegerParameter
from sagemaker.sklearn import SKLearn
from sagemaker.tuner import HyperparameterTuner

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

with open("train.py", "w") as handle:
    handle.write("print('score=1')\n")

generic = Estimator(image_uri=IMAGE, role=ROLE, instance_count=2, instance_type="ml.m5.xlarge",
                    hyperparameters={"depth": 4}, volume_kms_key="arn:aws:kms:us-west-2:123456789012:key/v")
sk = SKLearn(entry_point="train.py", framework_version="1.2-1", role=ROLE, instance_count=1,
             instance_type="ml.m5.large", hyperparameters={"max_iter": 100, "solver": "lbfgs"})
tuner = HyperparameterTuner.create(
    estimator_dict={"generic": generic, "sk": sk},
    objective_metric_name_dict={"generic": "score", "sk": "sk-score"},
    hyperparameter_ranges_dict={
        "generic": {"depth": IntegerParameter(2, 8), "eta": ContinuousParameter(0.1, 0.5)},
        "sk": {"C": ContinuousParameter(0.01, 10.0), "solver": CategoricalParameter(["lbfgs", "saga"])},
    },
    metric_definitions_dict={
        "generic": [{"Name": "score", "Regex": "score=([0-9\\.]+)"}],
        "sk": [{"Name": "sk-score", "Regex": "sk-score=([0-9\\.]+)"}],
    },
    base_tuning_job_name="multi",
    strategy="Random",
    max_jobs=8,
    max_parallel_jobs=4,
    early_stopping_type="Off",
)
tuner.fit(
    inputs={"generic": "s3://my-data/generic", "sk": {"train": "s3://my-data/sk"}},
    include_cls_metadata={"generic": True},
)
record_value("job_name", tuner.latest_tuning_job.name)
record_value("ranges", tuner.hyperparameter_ranges_dict())
