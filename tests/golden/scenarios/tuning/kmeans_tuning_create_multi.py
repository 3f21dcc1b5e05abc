"""HyperparameterTuner.create() mixing KMeans on a record set (mini_batch_size through estimator_kwargs) with the
built-in XGBoost image in a generic Estimator (objective without metric_definitions: the service defines them);
then best_estimator() of a named definition and attach() of the job (KMeans found from its image name).
attach() is given the description with what the service adds and V2 reads (see linear_learner_tuning).
"""
import boto3
import numpy as np

import sagemaker
from sagemaker import KMeans, image_uris
from sagemaker.estimator import Estimator
from sagemaker.inputs import TrainingInput
from sagemaker.tuner import ContinuousParameter, HyperparameterTuner, IntegerParameter

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
KEY = "arn:aws:kms:us-west-2:123456789012:key/k"

session = sagemaker.Session()
sm = boto3.client("sagemaker")
for bucket in ("my-record-sets", "sagemaker-us-west-2-123456789012"):  # V2's KMeans() resolves the default one
    boto3.client("s3").create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
sm.create_training_job(
    TrainingJobName="FakeTrainingJobName",
    AlgorithmSpecification={"TrainingImage": image_uris.retrieve("kmeans", "us-west-2"),
                            "TrainingInputMode": "File"},
    RoleArn=ROLE,
    OutputDataConfig={"S3OutputPath": "s3://my-output/kmeans", "KmsKeyId": KEY},
    ResourceConfig={"InstanceType": "ml.c4.xlarge", "InstanceCount": 2, "VolumeSizeInGB": 30},
    StoppingCondition={"MaxRuntimeInSeconds": 3600},
    HyperParameters={"feature_dim": "4", "mini_batch_size": "50", "k": "5", "init_method": "kmeans++"},
)

data = np.arange(80, dtype="float32").reshape(20, 4) / 3
km = KMeans(role=ROLE, instance_count=2, instance_type="ml.c4.xlarge", k=4, init_method="kmeans++",
            data_location="s3://my-record-sets/km/", output_path="s3://my-output/kmeans", sagemaker_session=session)
xgb = Estimator(image_uris.retrieve("xgboost", "us-west-2", "1.7-1"), ROLE, instance_count=1,
                instance_type="ml.m5.xlarge", output_path="s3://my-output/xgb", sagemaker_session=session,
                hyperparameters={"objective": "binary:logistic", "num_round": 50})
tuner = HyperparameterTuner.create(
    estimator_dict={"kmeans": km, "xgb": xgb},
    objective_metric_name_dict={"kmeans": "test:msd", "xgb": "validation:auc"},
    hyperparameter_ranges_dict={
        "kmeans": {"extra_center_factor": IntegerParameter(4, 10), "mini_batch_size": IntegerParameter(20, 60)},
        "xgb": {"eta": ContinuousParameter(0.1, 0.5), "max_depth": IntegerParameter(3, 9)},
    },
    objective_type="Minimize",
    max_jobs=6,
    max_parallel_jobs=2,
    base_tuning_job_name="km-xgb",
)
tuner.fit(
    inputs={"kmeans": [km.record_set(data), km.record_set(data[:8], channel="test")],
            "xgb": {"train": TrainingInput("s3://my-data/xgb/train", content_type="text/csv"),
                    "validation": TrainingInput("s3://my-data/xgb/validation", content_type="text/csv")}},
    include_cls_metadata={"xgb": False},
    estimator_kwargs={"kmeans": {"mini_batch_size": 50}},
)
record_value("static", tuner.static_hyperparameters_dict)

best = tuner.best_estimator({"TrainingJobName": "FakeTrainingJobName", "TrainingJobDefinitionName": "kmeans"})
record_value("best_type", type(best).__name__)
record_value("best_k", best.k)
# an attached algorithm estimator here also reports feature_dim and mini_batch_size (V2's leaves them unset)
record_value("best_hyperparameters", {key: value for key, value in best.hyperparameters().items()
                                      if key not in ("feature_dim", "mini_batch_size")})

name = tuner.latest_tuning_job.name
details = sm.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=name)
for definition in details["TrainingJobDefinitions"]:
    definition["StaticHyperParameters"]["_tuning_objective_metric"] = definition["TuningObjective"]["MetricName"]
    definition["ResourceConfig"] = definition["HyperParameterTuningResourceConfig"]
attached = HyperparameterTuner.attach(name, job_details=details)
record_value("attached_types", {k: type(v).__name__ for k, v in attached.estimator_dict.items()})
record_value("attached_kmeans_k", attached.estimator_dict["kmeans"].k)
record_value("attached_xgb_hyperparameters", attached.estimator_dict["xgb"].hyperparameters())
record_value("attached_objectives", attached.objective_metric_name_dict)
