"""Grid search, early stopping Auto, a disabled convergence criterion, VPC, spot, checkpoints, isolation."""
from sagemaker.estimator import Estimator
from sagemaker.parameter import CategoricalParameter, IntegerParameter
from sagemaker.tuner import HyperparameterTuner, TuningJobCompletionCriteriaConfig

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge",
                subnets=["subnet-1"], security_group_ids=["sg-1"], encrypt_inter_container_traffic=True,
                enable_network_isolation=True, use_spot_instances=True, max_wait=7200, max_run=3600,
                checkpoint_s3_uri="s3://my-data/ckpt")
tuner = HyperparameterTuner(
    est,
    "acc",
    {"kernel": CategoricalParameter(["rbf", "linear"]), "degree": CategoricalParameter([2, 3])},
    metric_definitions=[{"Name": "acc", "Regex": "acc=(.*)"}],
    strategy="Grid",
    max_jobs=4,
    early_stopping_type="Auto",
    completion_criteria_config=TuningJobCompletionCriteriaConfig(complete_on_convergence=False),
)
record_value("max_jobs", tuner.max_jobs)
tuner.fit({"train": "s3://my-data/train"})
