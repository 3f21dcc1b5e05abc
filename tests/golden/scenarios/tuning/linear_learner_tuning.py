"""The LinearLearner tuning notebook: record_set() train and validation channels, tuner.fit on the list with
mini_batch_size and class metadata, best_estimator(), deploy(), and attach() of the tuning job.

moto names every tuning job's best training job "FakeTrainingJobName": the scenario creates it first
(a linear-learner job with an output KMS key, which V2's attach() reads). moto's description lacks the
reserved `_tuning_objective_metric` static hyperparameter the service adds (V2's attach() deletes it),
so attach() is given the description with it added, as the service returns it; V2's attach() also reads
``ResourceConfig`` where V2's own request sent ``HyperParameterTuningResourceConfig``, so that is copied over,
and the ``MetricDefinitions`` the service lists for its own algorithms (one of them here).
"""
import boto3
import numpy as np
from botocore.exceptions import ClientError

import sagemaker
from sagemaker import LinearLearner, image_uris
from sagemaker.tuner import CategoricalParameter, ContinuousParameter, HyperparameterTuner, IntegerParameter

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
KEY = "arn:aws:kms:us-west-2:123456789012:key/k"

session = sagemaker.Session()
sm = boto3.client("sagemaker")
sm.create_training_job(
    TrainingJobName="FakeTrainingJobName",
    AlgorithmSpecification={"TrainingImage": image_uris.retrieve("linear-learner", "us-west-2"),
                            "TrainingInputMode": "File"},
    RoleArn=ROLE,
    OutputDataConfig={"S3OutputPath": "s3://my-output/linear", "KmsKeyId": KEY},
    ResourceConfig={"InstanceType": "ml.c4.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
    StoppingCondition={"MaxRuntimeInSeconds": 3600},
    HyperParameters={"feature_dim": "3", "mini_batch_size": "10", "predictor_type": "binary_classifier",
                     "epochs": "3", "learning_rate": "0.05", "wd": "0.001", "loss": "logistic"},
)

train = (np.arange(60, dtype="float32").reshape(20, 3) - 30) / 7
labels = (np.arange(20) % 2).astype("float32")

ll = LinearLearner(
    role=ROLE,
    instance_count=1,
    instance_type="ml.c4.xlarge",
    predictor_type="binary_classifier",
    epochs=3,
    use_bias=False,
    output_path="s3://my-output/linear",
    output_kms_key=KEY,
    sagemaker_session=session,
)
train_set = ll.record_set(train, labels=labels)
validation_set = ll.record_set(train[:10], labels=labels[:10], channel="validation")
tuner = HyperparameterTuner(
    ll,
    objective_metric_name="validation:binary_f_beta",
    hyperparameter_ranges={
        "learning_rate": ContinuousParameter(0.01, 0.2, scaling_type="Logarithmic"),
        "wd": ContinuousParameter(1e-6, 0.01),
        "epochs": IntegerParameter(2, 6),
        "loss": CategoricalParameter(["logistic", "hinge_loss"]),
    },
    max_jobs=4,
    max_parallel_jobs=2,
    base_tuning_job_name="ll-tuning",
)
tuner.fit([train_set, validation_set], mini_batch_size=10, include_cls_metadata=True)
record_value("feature_dim", ll.feature_dim)
record_value("mini_batch_size", ll.mini_batch_size)
record_value("static", tuner.static_hyperparameters)
record_value("ranges", tuner.hyperparameter_ranges())

record_value("best", tuner.best_training_job())
best = tuner.best_estimator()
record_value("best_type", type(best).__name__)
# an attached algorithm estimator here also reports feature_dim and mini_batch_size (V2's leaves them unset)
record_value("best_hyperparameters", {key: value for key, value in best.hyperparameters().items()
                                      if key not in ("feature_dim", "mini_batch_size")})
predictor = tuner.deploy(initial_instance_count=1, instance_type="ml.m5.large")
record_value("predictor", type(predictor).__name__)
record_value("endpoint", predictor.endpoint_name)
record_value("content_type", predictor.content_type)
try:
    predictor.predict(train[:2])
except ClientError as error:
    record_value("predict_error", error.response["Error"]["Code"])
predictor.delete_endpoint()

details = sm.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=tuner.latest_tuning_job.name)
definition = details["TrainingJobDefinition"]
definition["StaticHyperParameters"]["_tuning_objective_metric"] = "validation:binary_f_beta"
definition["ResourceConfig"] = definition["HyperParameterTuningResourceConfig"]
definition["AlgorithmSpecification"]["MetricDefinitions"] = [
    {"Name": "validation:binary_f_beta", "Regex": "#quality_metric: host=\\S+, validation binary_f_beta <score>=(\\S+)"}]
attached = HyperparameterTuner.attach(tuner.latest_tuning_job.name, job_details=details)
record_value("attached_type", type(attached.estimator).__name__)
# V2 reads the sent text "False" back as True (bool("False")); this package reads it as False
record_value("attached_hyperparameters", {key: value for key, value in attached.estimator.hyperparameters().items()
                                          if key != "use_bias"})
record_value("attached_objective", attached.objective_metric_name)
record_value("attached_ranges", attached.hyperparameter_ranges())
record_value("attached_metric_definitions", attached.metric_definitions)
