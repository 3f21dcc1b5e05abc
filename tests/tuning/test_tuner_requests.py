"""The tuner against moto (real HTTP), the pure request builders, and bad input refused before any call."""
from __future__ import annotations


import boto3
import pytest

from sagemaker_estimators.estimators.base import Estimator
from sagemaker_estimators.request_builders import tuning as treq
from sagemaker_estimators.tuning.configs import (
    HyperbandStrategyConfig,
    InstanceConfig,
    StrategyConfig,
    TuningJobCompletionCriteriaConfig,
    WarmStartConfig,
    WarmStartTypes,
)
from sagemaker_estimators.tuning.parameter import CategoricalParameter, ContinuousParameter, IntegerParameter
from sagemaker_estimators.tuning.tuner import HyperparameterTuner, v2_module_of

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"
ACC = [{"Name": "acc", "Regex": "acc=([0-9.]+)"}]


def estimator(**kwargs):
    return Estimator(image_uri=kwargs.pop("image_uri", IMAGE), role=ROLE, instance_count=1,
                     instance_type="ml.m5.xlarge", **kwargs)


def test_fit_sends_the_request_and_waits_on_moto(aws, sent):
    tuner = HyperparameterTuner(estimator(hyperparameters={"a": True, "lr": 0.1}), "acc",
                                {"lr": ContinuousParameter(0.01, 0.2)}, metric_definitions=ACC, max_jobs=3,
                                max_parallel_jobs=3, early_stopping_type="Auto")
    tuner.fit("s3://bucket/train", job_name="moto-tuning")
    (request,) = sent
    definition = request["TrainingJobDefinition"]
    assert definition["StaticHyperParameters"] == {"a": "True"}  # str() for the generic Estimator, tuned one out
    assert definition["HyperParameterTuningResourceConfig"] == {
        "InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 30}
    assert request["HyperParameterTuningJobConfig"]["TrainingJobEarlyStoppingType"] == "Auto"
    assert tuner.describe()["HyperParameterTuningJobStatus"] == "Completed"
    described = boto3.client("sagemaker").describe_hyper_parameter_tuning_job(
        HyperParameterTuningJobName="moto-tuning")
    assert described["TrainingJobDefinition"]["StaticHyperParameters"] == {"a": "True"}


def test_attach_reads_a_tuning_resource_config_and_rebuilds_the_estimator(aws):
    tuner = HyperparameterTuner(estimator(hyperparameters={"epochs": 3}), "acc", {"depth": IntegerParameter(1, 5)},
                                metric_definitions=ACC, max_jobs=2, max_runtime_in_seconds=600, random_seed=4,
                                completion_criteria_config=TuningJobCompletionCriteriaConfig(
                                    max_number_of_training_jobs_not_improving=3, complete_on_convergence=True))
    tuner.fit("s3://bucket/train", job_name="own-tuning")
    again = HyperparameterTuner.attach("own-tuning")
    assert again.estimator.instance_type == "ml.m5.xlarge"
    assert again.estimator.hyperparameters() == {"epochs": "3"}
    assert again.metric_definitions == ACC
    assert (again.max_jobs, again.max_runtime_in_seconds, again.random_seed) == (2, 600, 4)
    assert again.completion_criteria_config.to_input_req() == tuner.completion_criteria_config.to_input_req()
    assert again.hyperparameter_ranges() == tuner.hyperparameter_ranges()


def test_framework_static_hyperparameters_and_class_metadata_for_attach(aws, sent, tmp_path):
    from sagemaker_estimators.frameworks.pytorch.estimator import PyTorch

    (tmp_path / "train.py").write_text("print('loss=1')\n")
    est = PyTorch(entry_point=str(tmp_path / "train.py"), framework_version="2.1", py_version="py310", role=ROLE,
                  instance_count=1, instance_type="ml.g5.xlarge", hyperparameters={"opt": "sgd", "drop": 0.2})
    tuner = HyperparameterTuner(est, "loss", {"opt": CategoricalParameter(["sgd", "adam"])},
                                metric_definitions=[{"Name": "loss", "Regex": "loss=(.*)"}], objective_type="Minimize")
    tuner.fit("s3://bucket/train", job_name="pt-tuning")
    static = sent[0]["TrainingJobDefinition"]["StaticHyperParameters"]
    assert static["drop"] == "0.2" and "opt" not in static
    assert static["sagemaker_estimator_class_name"] == '"PyTorch"'
    assert static["sagemaker_estimator_module"] == '"sagemaker.pytorch.estimator"'
    assert sent[0]["HyperParameterTuningJobConfig"]["ParameterRanges"]["CategoricalParameterRanges"] == [
        {"Name": "opt", "Values": ['"sgd"', '"adam"']}]
    again = HyperparameterTuner.attach("pt-tuning")
    assert type(again.estimator) is PyTorch
    assert again.estimator.framework_version.startswith("2.1")


def test_v2_module_names():
    from sagemaker_estimators.frameworks.sklearn.estimator import SKLearn
    from sagemaker_estimators.frameworks.xgboost.estimator import XGBoost

    assert v2_module_of(Estimator) == "sagemaker.estimator"
    assert v2_module_of(SKLearn) == "sagemaker.sklearn.estimator"
    assert v2_module_of(XGBoost) == "sagemaker.xgboost.estimator"

    class Mine(Estimator):
        pass

    assert v2_module_of(Mine) == __name__


def test_request_builders_are_pure_and_match_v2_shapes():
    config = treq.tuning_job_config(
        strategy="Hyperband", max_jobs=None, max_parallel_jobs=2, objective_type="Minimize",
        objective_metric_name="loss", parameter_ranges={"IntegerParameterRanges": []},
        strategy_config=StrategyConfig(HyperbandStrategyConfig(max_resource=9, min_resource=1)).to_input_req(),
        auto_parameters={"lr": "0.1"})
    assert config["ResourceLimits"] == {"MaxParallelTrainingJobs": 2}
    assert config["ParameterRanges"]["AutoParameters"] == [{"Name": "lr", "ValueHint": "0.1"}]
    assert config["StrategyConfig"] == {"HyperbandStrategyConfig": {"MinResource": 1, "MaxResource": 9}}
    assert treq.hpo_resource_config([InstanceConfig(1, "ml.m5.large").to_input_req()], 1, "ml.c5.xlarge", 30,
                                    "kms") == {"VolumeKmsKeyId": "kms", "InstanceConfigs": [
                                        {"InstanceCount": 1, "InstanceType": "ml.m5.large", "VolumeSizeInGB": 30}]}
    with pytest.raises(ValueError, match="Either training_config"):
        treq.tuning_job_request("x", {"strategy": "Random", "max_jobs": 1, "max_parallel_jobs": 1})
    warm = WarmStartConfig(WarmStartTypes.TRANSFER_LEARNING, {"p1"})
    assert WarmStartConfig.from_job_desc(warm.to_input_req()).parents == {"p1"}
    criteria = TuningJobCompletionCriteriaConfig(5, False, 0.9).to_input_req()
    assert criteria == {"BestObjectiveNotImproving": {"MaxNumberOfTrainingJobsNotImproving": 5},
                        "TargetObjectiveMetricValue": 0.9, "ConvergenceDetected": {"CompleteOnConvergence": "Disabled"}}


@pytest.mark.parametrize("ranges, kwargs, message", [
    ({"lr": ContinuousParameter(0.5, 0.1)}, {}, r"hyperparameter_ranges\['lr'\]: min_value=0.5 is greater"),
    ({"n": IntegerParameter(1, 9, "ReverseLogarithmic")}, {}, r"scaling_type='ReverseLogarithmic' is not valid for "
                                                               r"IntegerParameter; valid choices"),
    ({"lr": ContinuousParameter(0.1, 0.5, "Cubic")}, {}, r"scaling_type='Cubic'"),
    ({"lr": ContinuousParameter(0.0, 0.5, "Logarithmic")}, {}, r"Logarithmic scaling needs min_value > 0"),
    ({"lr": ContinuousParameter(0.1, 1.5, "ReverseLogarithmic")}, {}, r"max_value < 1"),
    ({"lr": ContinuousParameter(0.1, 0.5)}, {"metric_definitions": [{"Name": "other", "Regex": "x"}]},
     r"objective_metric_name='acc' is not among metric_definitions; defined metrics: \['other'\]"),
    ({"lr": ContinuousParameter(0.1, 0.5)}, {"max_jobs": 2, "max_parallel_jobs": 3},
     r"max_parallel_jobs=3 is greater than max_jobs=2"),
    ({"lr": ContinuousParameter(0.1, 0.5)}, {"strategy": "Genetic"}, r"strategy='Genetic' is not valid; valid "
                                                                    r"choices: \['Bayesian', 'Random'"),
    ({"lr": ContinuousParameter(0.1, 0.5)}, {"objective_type": "Max"}, r"objective_type='Max'"),
    ({"lr": ContinuousParameter(0.1, 0.5)}, {"early_stopping_type": "On"}, r"early_stopping_type='On'"),
    ({"lr": ContinuousParameter(0.1, 0.5)}, {"strategy": "Grid"}, r"Grid strategy searches CategoricalParameter"),
])
def test_bad_input_is_refused_before_any_upload_or_call(unreachable_aws, ranges, kwargs, message):
    """unreachable_aws makes every AWS call fail: the ValueError proves nothing was sent or uploaded first."""
    tuner = HyperparameterTuner(estimator(), "acc", ranges, **{"metric_definitions": ACC, **kwargs})
    with pytest.raises(ValueError, match=message):
        tuner.fit("s3://bucket/train")
    assert tuner.latest_tuning_job is None


def test_framework_estimator_needs_metric_definitions_but_a_built_in_image_does_not(unreachable_aws, tmp_path):
    from sagemaker_estimators.frameworks.sklearn.estimator import SKLearn

    (tmp_path / "train.py").write_text("")
    sk = SKLearn(entry_point=str(tmp_path / "train.py"), framework_version="1.2-1", role=ROLE, instance_count=1,
                 instance_type="ml.m5.large")
    with pytest.raises(ValueError, match="metric_definitions are needed"):
        HyperparameterTuner(sk, "acc", {"C": ContinuousParameter(0.1, 1.0)}).fit("s3://bucket/train")
    built_in = estimator(image_uri="246618743249.dkr.ecr.us-west-2.amazonaws.com/xgboost:1.7-1")
    tuner = HyperparameterTuner(built_in, "validation:auc", {"eta": ContinuousParameter(0.1, 0.5)},
                                metric_definitions=[{"Name": "extra", "Regex": "x=(.*)"}])
    tuner._validate_before_fit()  # V2 accepts this and so does SageMaker: the objective is built in


def test_v2_constructor_errors(unreachable_aws):
    with pytest.raises(ValueError, match="Need to specify hyperparameter ranges"):
        HyperparameterTuner(estimator(), "acc", {})
    with pytest.raises(ValueError, match="Autotune mode is not enabled"):
        HyperparameterTuner(estimator(), "acc", {"a": IntegerParameter(1, 2)}, hyperparameters_to_keep_static=["x"])
    with pytest.raises(ValueError, match="must be the same as"):
        HyperparameterTuner.create({"a": estimator(), "b": estimator()}, {"a": "acc"}, {"a": {}, "b": {}})
    assert HyperparameterTuner(estimator(), "acc", {"k": CategoricalParameter("x")}, strategy="Grid").max_jobs is None


def test_analytics_without_pandas_names_the_install(monkeypatch, aws):
    import sys

    from sagemaker_estimators.tuning.analytics import HyperparameterTuningJobAnalytics

    monkeypatch.setitem(sys.modules, "pandas", None)
    analytics = HyperparameterTuningJobAnalytics("anything")
    monkeypatch.setattr(analytics, "training_job_summaries", lambda force_refresh=False: [])
    with pytest.raises(ImportError, match="pip install pandas"):
        analytics.dataframe()


def test_training_job_analytics_reads_cloudwatch(aws):
    import datetime

    pandas = pytest.importorskip("pandas")
    sagemaker = boto3.client("sagemaker")
    sagemaker.create_training_job(
        TrainingJobName="metrics-job", AlgorithmSpecification={"TrainingImage": IMAGE, "TrainingInputMode": "File",
                                                                 "MetricDefinitions": ACC},
        RoleArn=ROLE, OutputDataConfig={"S3OutputPath": "s3://b/o"},
        ResourceConfig={"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
        StoppingCondition={"MaxRuntimeInSeconds": 60})
    start = sagemaker.describe_training_job(TrainingJobName="metrics-job")["TrainingStartTime"]
    cloudwatch = boto3.client("cloudwatch")
    for minute, value in ((1, 0.5), (2, 0.75)):
        cloudwatch.put_metric_data(Namespace="/aws/sagemaker/TrainingJobs", MetricData=[{
            "MetricName": "acc", "Value": value, "Timestamp": start + datetime.timedelta(minutes=minute),
            "Dimensions": [{"Name": "TrainingJobName", "Value": "metrics-job"}]}])
    from sagemaker_estimators.tuning.analytics import TrainingJobAnalytics

    frame = TrainingJobAnalytics("metrics-job", metric_names=["acc"],
                                 end_time=start + datetime.timedelta(minutes=10)).dataframe()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame["value"]) == [0.5, 0.75]
    assert list(frame["timestamp"]) == [0.0, 60.0]
