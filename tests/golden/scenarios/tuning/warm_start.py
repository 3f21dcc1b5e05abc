"""Warm start: an explicit WarmStartConfig, then transfer_learning_tuner() and identical_dataset_and_algorithm_tuner().

A built-in algorithm image (its metrics are predefined, so no metric_definitions):
V2's warm-start tuners drop the parent's metric_definitions (warm_start_metric_definitions).
"""
from sagemaker import image_uris
from sagemaker.estimator import Estimator
from sagemaker.parameter import ContinuousParameter
from sagemaker.tuner import HyperparameterTuner, WarmStartConfig, WarmStartTypes

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = image_uris.retrieve("xgboost", "us-west-2", "1.7-1")

est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge")
tuner = HyperparameterTuner(
    est,
    "validation:auc",
    {"eta": ContinuousParameter(0.01, 0.3)},
    max_jobs=3,
    warm_start_config=WarmStartConfig(WarmStartTypes.IDENTICAL_DATA_AND_ALGORITHM, parents={"parent-one"}),
    early_stopping_type="Auto",
)
tuner.fit("s3://my-data/train", job_name="warm-first")
child = tuner.transfer_learning_tuner(additional_parents={"parent-two"})
child.fit("s3://my-data/train", job_name="warm-transfer")
record_value("child_warm_start", child.warm_start_config.to_input_req()["WarmStartType"])
record_value("child_parents", sorted(child.warm_start_config.parents))
again = tuner.identical_dataset_and_algorithm_tuner()
again.fit("s3://my-data/train", job_name="warm-identical")
