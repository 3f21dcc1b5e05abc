"""Grid search without max_jobs (SageMaker then runs every combination).

V2 sends MaxNumberOfTrainingJobs=None, which botocore refuses before anything
is sent (V2 bug); this package leaves the field out, as the API allows for Grid.
"""
from sagemaker.estimator import Estimator
from sagemaker.parameter import CategoricalParameter
from sagemaker.tuner import HyperparameterTuner

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge")
tuner = HyperparameterTuner(est, "acc", {"kernel": CategoricalParameter(["rbf", "linear"])},
                            metric_definitions=[{"Name": "acc", "Regex": "acc=(.*)"}], strategy="Grid")
record_value("max_jobs", tuner.max_jobs)
try:
    tuner.fit({"train": "s3://my-data/train"}, job_name="grid-all")
except Exception as error:  # V2: botocore's ParamValidationError
    record_value("fit_error", type(error).__name__)
