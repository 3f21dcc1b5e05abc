"""Tuning a TensorFlow script-mode estimator: static hyperparameters as V2 sends them (model_dir, program,
submit directory, region, class metadata, JSON-encoded values and categorical ranges)."""
import boto3

import sagemaker
from sagemaker.tensorflow import TensorFlow
from sagemaker.tuner import CategoricalParameter, ContinuousParameter, HyperparameterTuner

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

boto3.client("s3").create_bucket(Bucket="my-output", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
with open("train.py", "w") as handle:
    handle.write("import argparse\nprint('val_acc=0.9')\n")

tf = TensorFlow(
    entry_point="train.py",
    framework_version="2.13",
    py_version="py310",
    role=ROLE,
    instance_count=1,
    instance_type="ml.m5.xlarge",
    hyperparameters={"epochs": 2, "batch-size": 32, "optimizer": "adam"},
    output_path="s3://my-output/tf",
    sagemaker_session=sagemaker.Session(),
)
tuner = HyperparameterTuner(
    tf,
    objective_metric_name="val_acc",
    hyperparameter_ranges={"learning-rate": ContinuousParameter(1e-4, 1e-1, scaling_type="Logarithmic"),
                           "optimizer": CategoricalParameter(["adam", "sgd"])},
    metric_definitions=[{"Name": "val_acc", "Regex": "val_acc=([0-9\\.]+)"}],
    max_jobs=4,
    max_parallel_jobs=2,
    base_tuning_job_name="tf-tuning",
)
tuner.fit({"training": "s3://my-data/tf/train"})
record_value("static", tuner.static_hyperparameters)
record_value("model_dir", tf.model_dir)
record_value("ranges", tuner.hyperparameter_ranges())
