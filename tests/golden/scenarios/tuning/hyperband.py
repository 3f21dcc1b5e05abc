"""Hyperband strategy with its StrategyConfig and completion criteria."""
from sagemaker.estimator import Estimator
from sagemaker.parameter import ContinuousParameter, IntegerParameter
from sagemaker.tuner import (HyperbandStrategyConfig, HyperparameterTuner, StrategyConfig,
                             TuningJobCompletionCriteriaConfig)

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge",
                hyperparameters={"epochs": 20})
tuner = HyperparameterTuner(
    est,
    "loss",
    {"lr": ContinuousParameter(0.0001, 0.1, "Logarithmic"), "units": IntegerParameter(8, 64)},
    metric_definitions=[{"Name": "loss", "Regex": "loss=([0-9.]+)"}],
    objective_type="Minimize",
    strategy="Hyperband",
    strategy_config=StrategyConfig(HyperbandStrategyConfig(max_resource=20, min_resource=2)),
    completion_criteria_config=TuningJobCompletionCriteriaConfig(
        max_number_of_training_jobs_not_improving=5, complete_on_convergence=True,
        target_objective_metric_value=0.05),
    max_jobs=10,
    max_parallel_jobs=3,
)
tuner.fit("s3://my-data/train", wait=False)
tuner.wait()
