"""A generic Estimator tuned with all three range kinds: static hyperparameters sent as str()."""
from sagemaker.estimator import Estimator
from sagemaker.inputs import TrainingInput
from sagemaker.parameter import CategoricalParameter, ContinuousParameter, IntegerParameter
from sagemaker.tuner import HyperparameterTuner

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(
    image_uri=IMAGE,
    role=ROLE,
    instance_count=1,
    instance_type="ml.m5.xlarge",
    hyperparameters={"epochs": 3, "optimizer": "sgd", "verbose": True, "layers": [64, 32], "lr": 0.1},
    tags=[{"Key": "team", "Value": "ml"}],
    output_path="s3://my-output/tuning",
)
tuner = HyperparameterTuner(
    est,
    objective_metric_name="validation:accuracy",
    hyperparameter_ranges={
        "lr": ContinuousParameter(0.001, 0.5, scaling_type="Logarithmic"),
        "batch_size": IntegerParameter(16, 256),
        "optimizer": CategoricalParameter(["sgd", "adam"]),
    },
    metric_definitions=[{"Name": "validation:accuracy", "Regex": "accuracy=([0-9\\.]+)"}],
    max_jobs=6,
    max_parallel_jobs=2,
    tags=[{"Key": "project", "Value": "tune"}],
)
tuner.fit({"train": "s3://my-data/train", "validation": TrainingInput("s3://my-data/val", content_type="text/csv")})
record_value("job_name", tuner.latest_tuning_job.name)
record_value("ranges", tuner.hyperparameter_ranges())
record_value("best", tuner.best_training_job())
