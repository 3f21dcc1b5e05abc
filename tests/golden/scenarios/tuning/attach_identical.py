"""HyperparameterTuner.attach() to a job another tool created, a re-run of it, and a warm-start child.

The child is not fitted: V2 drops metric_definitions from it (see warm_start_metric_definitions).

The job is created with ResourceConfig: V2's attach() raises KeyError on the
HyperParameterTuningResourceConfig that V2 itself sends (see attach_own_job).
"""
import boto3

from sagemaker.tuner import HyperparameterTuner, create_identical_dataset_and_algorithm_tuner

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

boto3.client("sagemaker").create_hyper_parameter_tuning_job(
    HyperParameterTuningJobName="existing-tuning",
    HyperParameterTuningJobConfig={
        "Strategy": "Bayesian",
        "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "acc"},
        "ResourceLimits": {"MaxNumberOfTrainingJobs": 5, "MaxParallelTrainingJobs": 1},
        "ParameterRanges": {
            "IntegerParameterRanges": [{"Name": "depth", "MinValue": "2", "MaxValue": "9", "ScalingType": "Auto"}],
            "ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0.1", "MaxValue": "0.9", "ScalingType": "Auto"}],
            "CategoricalParameterRanges": [{"Name": "booster", "Values": ["gbtree", "dart"]}],
        },
        "TrainingJobEarlyStoppingType": "Off",
    },
    TrainingJobDefinition={
        "StaticHyperParameters": {"num_round": "10", "_tuning_objective_metric": "acc"},
        "AlgorithmSpecification": {"TrainingImage": IMAGE, "TrainingInputMode": "File",
                                   "MetricDefinitions": [{"Name": "acc", "Regex": "acc=(.*)"}]},
        "RoleArn": ROLE,
        "InputDataConfig": [{"ChannelName": "train", "DataSource": {"S3DataSource": {
            "S3DataType": "S3Prefix", "S3Uri": "s3://my-data/train", "S3DataDistributionType": "FullyReplicated"}}}],
        "OutputDataConfig": {"S3OutputPath": "s3://my-output/existing"},
        "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
        "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
    },
)
tuner = HyperparameterTuner.attach("existing-tuning")
record_value("objective", tuner.objective_metric_name)
record_value("max_jobs", tuner.max_jobs)
record_value("ranges", tuner.hyperparameter_ranges())
record_value("static", tuner.estimator.hyperparameters())
record_value("image", tuner.estimator.image_uri)
record_value("metric_definitions", tuner.metric_definitions)
tuner.fit({"train": "s3://my-data/train"}, job_name="attach-refit")
child = create_identical_dataset_and_algorithm_tuner("existing-tuning", additional_parents={"older"})
record_value("child_type", child.warm_start_config.type.value)
record_value("child_parents", sorted(child.warm_start_config.parents))
record_value("child_ranges", child.hyperparameter_ranges())
