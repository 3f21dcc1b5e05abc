"""transfer_learning_tuner() of a tuner with metric_definitions (a custom image).

V2 builds the child tuner without the parent's metric_definitions, so SageMaker
cannot find the objective of a custom image (V2 bug); this package keeps them.
"""
from sagemaker.estimator import Estimator
from sagemaker.parameter import ContinuousParameter
from sagemaker.tuner import HyperparameterTuner

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge")
tuner = HyperparameterTuner(est, "auc", {"eta": ContinuousParameter(0.01, 0.3)},
                            metric_definitions=[{"Name": "auc", "Regex": "auc: ([0-9.]+)"}], max_jobs=2)
tuner.fit("s3://my-data/train", job_name="parent-custom")
child = tuner.transfer_learning_tuner()
child.fit("s3://my-data/train", job_name="child-custom")
