"""best_training_job(), best_estimator() and deploy() of a finished tuning job.

moto names every tuning job's best training job "FakeTrainingJobName"; the
scenario creates that training job first (with an output KMS key, which V2's
attach() reads) so that attaching to it works.
"""
import boto3

from sagemaker.estimator import Estimator
from sagemaker.parameter import IntegerParameter
from sagemaker.tuner import HyperparameterTuner

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

boto3.client("sagemaker").create_training_job(
    TrainingJobName="FakeTrainingJobName",
    AlgorithmSpecification={"TrainingImage": IMAGE, "TrainingInputMode": "File"},
    RoleArn=ROLE,
    OutputDataConfig={"S3OutputPath": "s3://my-output/best", "KmsKeyId": "arn:aws:kms:us-west-2:123456789012:key/k"},
    ResourceConfig={"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
    StoppingCondition={"MaxRuntimeInSeconds": 3600},
    HyperParameters={"depth": "5"},
)
est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge")
tuner = HyperparameterTuner(est, "acc", {"depth": IntegerParameter(1, 9)},
                            metric_definitions=[{"Name": "acc", "Regex": "acc=(.*)"}], max_jobs=2)
tuner.fit("s3://my-data/train")
record_value("best", tuner.best_training_job())
best = tuner.best_estimator()
record_value("best_hyperparameters", best.hyperparameters())
predictor = tuner.deploy(initial_instance_count=1, instance_type="ml.m5.large")
record_value("endpoint", predictor.endpoint_name)
predictor.delete_endpoint()
