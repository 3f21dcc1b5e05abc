"""Tuning built-in algorithms (record sets, mini_batch_size, attach, deploy), TensorFlow/MXNet static
hyperparameters, and which objectives the tuner refuses, warns about or accepts - against moto over HTTP."""
from __future__ import annotations

import json
import logging
import re

import boto3
import numpy as np
import pytest

from sagemaker_estimators.algorithms.kmeans import KMeans
from sagemaker_estimators.algorithms.linear_learner import LinearLearner
from sagemaker_estimators.algorithms.models import KMeansPredictor, LinearLearnerPredictor
from sagemaker_estimators.algorithms.record_set import RecordSet
from sagemaker_estimators.estimators.base import Estimator
from sagemaker_estimators.inputs import TrainingInput
from sagemaker_estimators.tuning import validation as checks
from sagemaker_estimators.tuning.parameter import CategoricalParameter, ContinuousParameter, IntegerParameter
from sagemaker_estimators.tuning.tuner import HyperparameterTuner

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
KEY = "arn:aws:kms:us-west-2:123456789012:key/k"
XGBOOST_IMAGE = "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1"
TRAIN = (np.arange(60, dtype="float32").reshape(20, 3) - 30) / 7
LABELS = (np.arange(20) % 2).astype("float32")


def linear_learner(**kwargs) -> LinearLearner:
    return LinearLearner(role=ROLE, instance_count=1, instance_type="ml.c4.xlarge",
                         predictor_type="binary_classifier", **kwargs)


def kmeans(**kwargs) -> KMeans:
    return KMeans(role=ROLE, instance_count=2, instance_type="ml.c4.xlarge", k=3, **kwargs)


def ll_tuner(estimator: LinearLearner, **kwargs) -> HyperparameterTuner:
    return HyperparameterTuner(estimator, "validation:binary_f_beta",
                               {"learning_rate": ContinuousParameter(0.01, 0.2), "epochs": IntegerParameter(2, 6)},
                               max_jobs=2, **kwargs)


def create_bucket(name: str = "sagemaker-us-west-2-123456789012") -> None:
    boto3.client("s3").create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "us-west-2"})


def create_best_training_job(image_uri: str, hyperparameters: dict) -> None:
    """moto calls every tuning job's best training job "FakeTrainingJobName": create it."""
    boto3.client("sagemaker").create_training_job(
        TrainingJobName="FakeTrainingJobName",
        AlgorithmSpecification={"TrainingImage": image_uri, "TrainingInputMode": "File"},
        RoleArn=ROLE,
        OutputDataConfig={"S3OutputPath": "s3://my-output/best", "KmsKeyId": KEY},
        ResourceConfig={"InstanceType": "ml.c4.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
        StoppingCondition={"MaxRuntimeInSeconds": 3600},
        HyperParameters=hyperparameters,
    )


# ------------------------------------------------------------------ record sets


def test_record_sets_become_their_channels_with_class_metadata(aws, sent):
    ll = linear_learner(epochs=3, output_path="s3://my-output/ll")
    train = ll.record_set(TRAIN, labels=LABELS)
    validation = ll.record_set(TRAIN[:10], labels=LABELS[:10], channel="validation")
    tuner = ll_tuner(ll)
    tuner.fit([train, validation], mini_batch_size=10, include_cls_metadata=True)

    (request,) = sent
    definition = request["TrainingJobDefinition"]
    channels = {c["ChannelName"]: c["DataSource"]["S3DataSource"] for c in definition["InputDataConfig"]}
    assert list(channels) == ["train", "validation"]
    assert channels["train"] == {"S3DataType": "ManifestFile", "S3Uri": train.s3_data,
                                 "S3DataDistributionType": "ShardedByS3Key"}
    assert channels["validation"]["S3Uri"] == validation.s3_data
    static = definition["StaticHyperParameters"]
    assert static["feature_dim"] == "3" and static["mini_batch_size"] == "10"
    assert "epochs" not in static and "learning_rate" not in static  # tuned, so not static
    assert json.loads(static["sagemaker_estimator_class_name"]) == "LinearLearner"
    assert json.loads(static["sagemaker_estimator_module"]) == "sagemaker.amazon.linear_learner"
    assert "/linear-learner:" in definition["AlgorithmSpecification"]["TrainingImage"]
    assert "MetricDefinitions" not in definition["AlgorithmSpecification"]  # the service defines them
    described = boto3.client("sagemaker").describe_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=tuner.latest_tuning_job.name)
    assert described["TrainingJobDefinition"]["InputDataConfig"][0]["ChannelName"] == "train"


def test_a_lone_record_set_is_its_own_channel_and_mini_batch_size_defaults(aws, sent):
    ll = linear_learner()
    HyperparameterTuner(ll, "test:objective_loss", {"wd": ContinuousParameter(1e-6, 1e-2)},
                        objective_type="Minimize").fit(ll.record_set(TRAIN, labels=LABELS))
    (request,) = sent
    definition = request["TrainingJobDefinition"]
    assert [c["ChannelName"] for c in definition["InputDataConfig"]] == ["train"]
    # LinearLearner's default (1000) capped by the records per instance, as its own fit() does
    assert definition["StaticHyperParameters"]["mini_batch_size"] == "20"
    assert "sagemaker_estimator_class_name" not in definition["StaticHyperParameters"]


def test_file_system_record_sets_are_channels_too(aws, sent):
    from sagemaker_estimators.algorithms.record_set import FileSystemRecordSet

    train = RecordSet("s3://bucket/records/.amazon.manifest", num_records=20, feature_dim=3)
    test = FileSystemRecordSet(file_system_id="fs-0123456789abcdef", file_system_type="FSxLustre", directory_path="/fsx/test",
                               num_records=5, feature_dim=3, channel="test")
    ll = linear_learner(data_location="s3://bucket/records/")
    ll_tuner(ll, base_tuning_job_name="fsx").fit([train, test], mini_batch_size=4)
    channels = {c["ChannelName"]: c["DataSource"] for c in sent[0]["TrainingJobDefinition"]["InputDataConfig"]}
    assert channels["test"] == {"FileSystemDataSource": {"FileSystemId": "fs-0123456789abcdef", "FileSystemType": "FSxLustre",
                                                         "DirectoryPath": "/fsx/test", "FileSystemAccessMode": "ro"}}
    assert channels["train"]["S3DataSource"]["S3DataType"] == "ManifestFile"


def test_bad_record_inputs_are_refused_before_any_call(unreachable_aws):
    """unreachable_aws makes every AWS call fail: the errors below prove nothing was sent first."""
    records = RecordSet("s3://bucket/records/.amazon.manifest", num_records=20, feature_dim=3)
    test_records = RecordSet("s3://bucket/test/.amazon.manifest", num_records=5, feature_dim=3, channel="test")
    tuner = ll_tuner(linear_learner(data_location="s3://bucket/records/"))
    with pytest.raises(ValueError, match="List compatible only with RecordSets"):
        tuner.fit([records, "s3://bucket/other"])
    with pytest.raises(ValueError, match="Must provide train channel"):
        tuner.fit([test_records])
    with pytest.raises(ValueError, match="Duplicate channels"):
        tuner.fit([records, records])
    with pytest.raises(TypeError, match=r"unexpected \['epochs'\] for LinearLearner"):
        tuner.fit(records, epochs=3)
    with pytest.raises(ValueError, match="mini_batch_size"):
        tuner.fit(records, mini_batch_size=-5)
    assert tuner.latest_tuning_job is None


def test_kwargs_a_non_record_fit_ignores_are_warned_about(aws, sent, caplog):
    generic = Estimator(image_uri=XGBOOST_IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge")
    tuner = HyperparameterTuner(generic, "validation:auc", {"eta": ContinuousParameter(0.1, 0.5)})
    with caplog.at_level(logging.WARNING, logger="sagemaker_estimators.tuning.tuner"):
        tuner.fit({"train": "s3://my-data/train"}, mini_batch_size=10)
    assert "fit() keyword arguments ['mini_batch_size'] are ignored" in caplog.text
    assert "mini_batch_size" not in sent[0]["TrainingJobDefinition"]["StaticHyperParameters"]


def test_algorithm_ranges_are_checked_against_its_hyperparameters_on_construction(unreachable_aws):
    ll = linear_learner(data_location="s3://bucket/records/")
    with pytest.raises(ValueError, match=r"hyperparameter_ranges\['learning_rate'\]: Invalid hyperparameter value "
                                         r"0 for learning_rate"):
        HyperparameterTuner(ll, "validation:objective_loss", {"learning_rate": ContinuousParameter(0, 0.2)})
    with pytest.raises(ValueError, match=r"Invalid hyperparameter value 'nope' for loss"):
        HyperparameterTuner(ll, "validation:objective_loss", {"loss": CategoricalParameter(["logistic", "nope"])})
    km = kmeans(data_location="s3://bucket/records/")
    # the check uses the name the algorithm reads: max_iterations is sent as local_lloyd_max_iter
    with pytest.raises(ValueError, match="local_lloyd_max_iter"):
        HyperparameterTuner(km, "test:msd", {"local_lloyd_max_iter": IntegerParameter(0, 5)})
    for bad in ("km", "ll"):  # the first estimator (sorted) and an added one
        ranges = {"ll": {"epochs": IntegerParameter(1, 3)}, "km": {"k": IntegerParameter(2, 4)}}
        ranges[bad] = {"epochs": IntegerParameter(0, 3)} if bad == "ll" else {"k": IntegerParameter(0, 4)}
        with pytest.raises(ValueError, match=rf"hyperparameter_ranges_dict\['{bad}'\]"):
            HyperparameterTuner.create({"ll": ll, "km": km}, {"ll": "validation:objective_loss", "km": "test:msd"},
                                       ranges)
    # V2 raises TypeError comparing the text "10" with 0; the values are valid mini-batch sizes
    tuner = HyperparameterTuner(ll, "validation:objective_loss", {"mini_batch_size": CategoricalParameter([10, 20])})
    assert tuner.hyperparameter_ranges()["CategoricalParameterRanges"] == [
        {"Name": "mini_batch_size", "Values": ["10", "20"]}]


# ------------------------------------------------------------------ best estimator, deploy, attach


def test_best_estimator_and_deploy_give_the_algorithm_and_its_predictor(aws):
    ll = linear_learner()
    image = ll.training_image_uri()
    create_best_training_job(image, {"feature_dim": "3", "mini_batch_size": "10",
                                     "predictor_type": "binary_classifier", "epochs": "4", "learning_rate": "0.05"})
    tuner = ll_tuner(ll)
    tuner.fit(ll.record_set(TRAIN, labels=LABELS), mini_batch_size=10)
    best = tuner.best_estimator()
    assert type(best) is LinearLearner
    assert (best.epochs, best.learning_rate, best.feature_dim) == (4, 0.05, 3)
    predictor = tuner.deploy(initial_instance_count=1, instance_type="ml.m5.large")
    try:
        assert isinstance(predictor, LinearLearnerPredictor)
        assert predictor.endpoint_name == "FakeTrainingJobName"
        sm = boto3.client("sagemaker")
        config = sm.describe_endpoint_config(EndpointConfigName=predictor.endpoint_name)
        model = sm.describe_model(ModelName=config["ProductionVariants"][0]["ModelName"])
        assert model["PrimaryContainer"]["Image"] == image
    finally:
        predictor.delete_endpoint()


@pytest.mark.parametrize("include_cls_metadata", [False, True])
def test_attach_restores_the_algorithm_estimator(aws, include_cls_metadata):
    """Without class metadata the estimator class comes from the image name (V2's AMAZON_ESTIMATOR_CLS_NAMES)."""
    create_bucket()
    km = kmeans(init_method="kmeans++", data_location="s3://sagemaker-us-west-2-123456789012/km/")
    tuner = HyperparameterTuner(km, "test:msd", {"extra_center_factor": IntegerParameter(4, 10)},
                                objective_type="Minimize", max_jobs=2, base_tuning_job_name="km")
    tuner.fit([km.record_set(TRAIN), km.record_set(TRAIN[:8], channel="test")], mini_batch_size=5,
              include_cls_metadata=include_cls_metadata)
    attached = HyperparameterTuner.attach(tuner.latest_tuning_job.name)
    assert type(attached.estimator) is KMeans
    assert (attached.estimator.k, attached.estimator.init_method) == (3, "kmeans++")
    assert attached.estimator.instance_count == 2
    assert attached.objective_metric_name == "test:msd" and attached.objective_type == "Minimize"
    assert attached.hyperparameter_ranges() == tuner.hyperparameter_ranges()
    create_best_training_job(km.training_image_uri(), {"feature_dim": "3", "k": "3", "mini_batch_size": "5"})
    predictor = attached.deploy(1, "ml.m5.large", endpoint_name="km-best")
    try:
        assert isinstance(predictor, KMeansPredictor)
    finally:
        predictor.delete_endpoint()


def test_create_mixes_an_algorithm_on_records_with_the_builtin_xgboost_image(aws, sent):
    create_bucket()
    km = kmeans(data_location="s3://sagemaker-us-west-2-123456789012/km/")
    xgb = Estimator(image_uri=XGBOOST_IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge",
                    hyperparameters={"num_round": 50})
    tuner = HyperparameterTuner.create(
        {"kmeans": km, "xgb": xgb}, {"kmeans": "test:msd", "xgb": "validation:auc"},
        {"kmeans": {"extra_center_factor": IntegerParameter(4, 10)}, "xgb": {"eta": ContinuousParameter(0.1, 0.5)}},
        max_jobs=4, max_parallel_jobs=2)
    tuner.fit({"kmeans": km.record_set(TRAIN), "xgb": {"validation": TrainingInput("s3://my-data/v")}},
              include_cls_metadata={"kmeans": True}, estimator_kwargs={"kmeans": {"mini_batch_size": 7}})
    (request,) = sent
    by_name = {d["DefinitionName"]: d for d in request["TrainingJobDefinitions"]}
    assert [c["ChannelName"] for c in by_name["kmeans"]["InputDataConfig"]] == ["train"]
    assert by_name["kmeans"]["StaticHyperParameters"]["mini_batch_size"] == "7"
    assert json.loads(by_name["kmeans"]["StaticHyperParameters"]["sagemaker_estimator_class_name"]) == "KMeans"
    assert by_name["xgb"]["StaticHyperParameters"] == {"num_round": "50"}
    assert all("MetricDefinitions" not in d["AlgorithmSpecification"] for d in by_name.values())
    attached = HyperparameterTuner.attach(tuner.latest_tuning_job.name)
    assert {name: type(e).__name__ for name, e in attached.estimator_dict.items()} == {"kmeans": "KMeans",
                                                                                         "xgb": "Estimator"}


# ------------------------------------------------------------------ TensorFlow and MXNet


def test_tensorflow_static_hyperparameters_and_attach(aws, sent, tmp_path):
    from sagemaker_estimators.frameworks.tensorflow.estimator import TensorFlow

    boto3.client("s3").create_bucket(Bucket="my-output",
                                     CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    (tmp_path / "train.py").write_text("print('val_acc=0.9')\n")
    tf = TensorFlow(entry_point=str(tmp_path / "train.py"), framework_version="2.13", py_version="py310", role=ROLE,
                    instance_count=1, instance_type="ml.m5.xlarge", hyperparameters={"epochs": 2, "optimizer": "adam"},
                    output_path="s3://my-output/tf")
    tuner = HyperparameterTuner(tf, "val_acc", {"optimizer": CategoricalParameter(["adam", "sgd"])},
                                metric_definitions=[{"Name": "val_acc", "Regex": "val_acc=([0-9.]+)"}], max_jobs=2)
    tuner.fit("s3://my-data/tf")
    static = sent[0]["TrainingJobDefinition"]["StaticHyperParameters"]
    job = json.loads(static["sagemaker_job_name"])
    assert static["model_dir"] == json.dumps(f"s3://my-output/tf/{job}/model")
    assert static["sagemaker_submit_directory"] == json.dumps(f"s3://my-output/{job}/source/sourcedir.tar.gz")
    assert static["sagemaker_program"] == '"train.py"' and static["sagemaker_region"] == '"us-west-2"'
    assert static["sagemaker_estimator_module"] == '"sagemaker.tensorflow.estimator"'
    assert "optimizer" not in static and static["epochs"] == "2"
    ranges = sent[0]["HyperParameterTuningJobConfig"]["ParameterRanges"]["CategoricalParameterRanges"]
    assert ranges == [{"Name": "optimizer", "Values": ['"adam"', '"sgd"']}]  # JSON for framework scripts
    attached = HyperparameterTuner.attach(tuner.latest_tuning_job.name)
    assert type(attached.estimator) is TensorFlow
    assert (attached.estimator.framework_version, attached.estimator.entry_point) == ("2.13", "train.py")


def test_mxnet_parameter_server_flag_is_static(aws, sent, tmp_path):
    from sagemaker_estimators.frameworks.mxnet.estimator import MXNet

    (tmp_path / "train.py").write_text("")
    mx = MXNet(entry_point=str(tmp_path / "train.py"), framework_version="1.9.0", py_version="py38", role=ROLE,
               instance_count=2, instance_type="ml.m5.xlarge", distribution={"parameter_server": {"enabled": True}})
    HyperparameterTuner(mx, "acc", {"batch-size": IntegerParameter(16, 64)},
                        metric_definitions=[{"Name": "acc", "Regex": "acc=(.*)"}]).fit("s3://my-data/mx",
                                                                                       job_name="mx-tuning")
    static = sent[0]["TrainingJobDefinition"]["StaticHyperParameters"]
    assert static["sagemaker_parameter_server_enabled"] == "true"
    assert static["sagemaker_job_name"] == '"mx-tuning"'
    assert static["sagemaker_estimator_class_name"] == '"MXNet"'


# ------------------------------------------------------------------ the objective check


def test_xgboost_without_metric_definitions_is_accepted_as_generic_and_framework_estimator(aws, sent, tmp_path,
                                                                                           caplog):
    from sagemaker_estimators.frameworks.xgboost.estimator import XGBoost

    (tmp_path / "train.py").write_text("")
    script = XGBoost(entry_point=str(tmp_path / "train.py"), framework_version="1.7-1", role=ROLE, instance_count=1,
                     instance_type="ml.m5.xlarge")
    generic = Estimator(image_uri=XGBOOST_IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge")
    with caplog.at_level(logging.WARNING, logger="sagemaker_estimators.tuning.validation"):
        for base, estimator in (("generic", generic), ("script", script)):
            HyperparameterTuner(estimator, "validation:auc", {"eta": ContinuousParameter(0.1, 0.5)},
                                base_tuning_job_name=base).fit(
                {"train": "s3://my-data/train", "validation": "s3://my-data/validation"})
    assert len(sent) == 2 and caplog.text == ""


def test_objective_checks_refuse_warn_or_accept(unreachable_aws, tmp_path, caplog):
    from sagemaker_estimators.frameworks.pytorch.estimator import PyTorch

    (tmp_path / "train.py").write_text("")
    pytorch = PyTorch(entry_point=str(tmp_path / "train.py"), framework_version="2.1", py_version="py310",
                      role=ROLE, instance_count=1, instance_type="ml.m5.xlarge")
    custom = Estimator(image_uri="123456789012.dkr.ecr.us-west-2.amazonaws.com/mine:1", role=ROLE,
                       instance_count=1, instance_type="ml.m5.xlarge")
    builtin = Estimator(image_uri=XGBOOST_IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge")
    ranges = {"lr": ContinuousParameter(0.1, 0.5)}
    with pytest.raises(ValueError, match="metric_definitions are needed"):  # a framework script's image
        HyperparameterTuner(pytorch, "acc", ranges)._validate_before_fit()
    with pytest.raises(ValueError, match="is not among metric_definitions"):
        HyperparameterTuner(custom, "acc", ranges, metric_definitions=[{"Name": "x", "Regex": "x"}]
                            )._validate_before_fit()
    with caplog.at_level(logging.WARNING, logger="sagemaker_estimators.tuning.validation"):
        HyperparameterTuner(custom, "acc", ranges)._validate_before_fit()
        assert "not one this package recognises" in caplog.text
        caplog.clear()
        HyperparameterTuner(builtin, "validation:auc", ranges,
                            metric_definitions=[{"Name": "mine", "Regex": "m=(.*)"}])._validate_before_fit()
        assert "SageMaker may refuse to override them" in caplog.text
        caplog.clear()
        HyperparameterTuner(linear_learner(data_location="s3://b/r/"), "validation:objective_loss",
                            {"wd": ContinuousParameter(0.1, 0.5)})._validate_before_fit()
        assert caplog.text == ""


def test_built_in_repositories_are_those_of_the_registry_data():
    from pathlib import Path

    import sagemaker_estimators.image_uris as image_uris

    data = Path(image_uris.__file__).parent / "data"
    repositories = set()
    for algorithm in checks.BUILT_IN_ALGORITHMS:
        repositories |= set(re.findall(r'"repository": "([^"]+)"', (data / f"{algorithm}.json").read_text()))
    assert repositories == checks.BUILT_IN_REPOSITORIES
    assert checks.is_built_in_image(XGBOOST_IMAGE)
    assert checks.is_built_in_image("382416733822.dkr.ecr.us-east-1.amazonaws.com/kmeans@sha256:abc")
    assert not checks.is_built_in_image("763104351884.dkr.ecr.us-west-2.amazonaws.com/pytorch-training:2.1.0")
    assert not checks.is_built_in_image(None)


def test_local_tuning_of_a_built_in_algorithm_needs_metric_definitions(local_session):
    """Only SageMaker knows a built-in algorithm's metric regexes; a local tuning job reads the logs with them."""
    ll = LinearLearner(role=ROLE, instance_count=1, instance_type="local", predictor_type="binary_classifier",
                       sagemaker_session=local_session, data_location="s3://b/r/")
    tuner = HyperparameterTuner(ll, "validation:objective_loss", {"wd": ContinuousParameter(0.1, 0.5)},
                                strategy="Random")
    with pytest.raises(ValueError, match="a local tuning job reads every objective from the trials' logs"):
        tuner._validate_before_fit()
