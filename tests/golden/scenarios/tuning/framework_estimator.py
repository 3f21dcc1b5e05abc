"""A PyTorch estimator: JSON-encoded static hyperparameters, class metadata, JSON categorical values."""
import os

from sagemaker.pytorch import PyTorch
from sagemaker.tuner import CategoricalParameter, ContinuousParameter, HyperparameterTuner, IntegerParameter

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

os.makedirs("src", exist_ok=True)
with open("src/train.py", "w") as handle:
    handle.write("print('accuracy=0.9')\n")

est = PyTorch(
    entry_point="train.py",
    source_dir="src",
    framework_version="2.1",
    py_version="py310",
    role=ROLE,
    instance_count=1,
    instance_type="ml.g5.xlarge",
    hyperparameters={"epochs": 2, "optimizer": "sgd", "dropout": 0.2},
    environment={"MY_FLAG": "1"},
    max_retry_attempts=2,
)
tuner = HyperparameterTuner(
    est,
    objective_metric_name="loss",
    objective_type="Minimize",
    hyperparameter_ranges={
        "lr": ContinuousParameter(1e-5, 1e-2, "ReverseLogarithmic"),
        "epochs": IntegerParameter(1, 10, scaling_type="Linear"),
        "optimizer": CategoricalParameter(["sgd", "adam", 3]),
    },
    metric_definitions=[{"Name": "loss", "Regex": "loss=([0-9\\.]+)"}],
    max_jobs=4,
    max_parallel_jobs=2,
    base_tuning_job_name="pt-tune",
    max_runtime_in_seconds=3600,
    random_seed=7,
)
tuner.fit("s3://my-data/train", include_cls_metadata=True)
record_value("job_name", tuner.latest_tuning_job.name)
record_value("describe_status", tuner.describe()["HyperParameterTuningJobStatus"])
