"""The training-job parameter table: one declaration per parameter drives storage, checks, request and attach."""
from __future__ import annotations

import inspect

import pytest

from sagemaker_estimators.estimators import parameters as params
from sagemaker_estimators.estimators.base import Estimator, EstimatorBase
from sagemaker_estimators.request_builders.fields import MISSING, read_at, set_at

IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"
ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
#: the conversion of a declaration that sends its value as stored
IDENTITY = params.TrainingParameter("any").to_request


def _signature_names(function):
    return [name for name, parameter in inspect.signature(function).parameters.items()
            if name != "self" and parameter.kind not in (parameter.VAR_KEYWORD, parameter.VAR_POSITIONAL)]


def test_every_estimator_base_argument_is_declared_once_and_in_order():
    assert list(params.CONSTRUCTOR_NAMES) == _signature_names(EstimatorBase.__init__)
    names = [p.name for p in params.TRAINING_PARAMETERS]
    assert len(names) == len(set(names))


def test_estimator_signature_takes_every_declared_argument():
    assert set(params.CONSTRUCTOR_NAMES) <= set(_signature_names(Estimator.__init__))


def test_converted_fields_say_how_attach_reads_them_back():
    for parameter in params.TRAINING_PARAMETERS:
        if parameter.to_request is not IDENTITY:
            assert parameter.from_description is not None or parameter.restore == "no", parameter.name


def test_sent_with_names_a_declared_parameter_declared_before():
    names = [p.name for p in params.TRAINING_PARAMETERS]
    for index, parameter in enumerate(params.TRAINING_PARAMETERS):
        if parameter.sent_with is not None:
            assert parameter.sent_with in names[:index], parameter.name


def _minimal_values(**extra):
    values = {"role": ROLE, "instance_count": 1, "instance_type": "ml.m5.xlarge", "volume_size": 30,
              "max_run": 3600, "input_mode": "File", "output_path": "s3://b/o/", "job_name": "job",
              "image_uri": IMAGE}
    values.update(extra)
    return values


def test_request_holds_the_always_sent_fields_and_nothing_unset():
    assert params.training_request(_minimal_values()) == {
        "AlgorithmSpecification": {"TrainingInputMode": "File", "TrainingImage": IMAGE},
        "OutputDataConfig": {"S3OutputPath": "s3://b/o/"},
        "TrainingJobName": "job",
        "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
        "ResourceConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 30},
        "RoleArn": ROLE,
    }


def test_sent_with_drops_a_field_whose_partner_is_not_sent():
    alone = params.training_request(_minimal_values(checkpoint_local_path="/opt/ml/checkpoints"))
    assert "CheckpointConfig" not in alone
    both = params.training_request(_minimal_values(checkpoint_local_path="/opt/ml/checkpoints",
                                                   checkpoint_s3_uri="s3://b/ckpt"))
    assert both["CheckpointConfig"] == {"S3Uri": "s3://b/ckpt", "LocalPath": "/opt/ml/checkpoints"}
    credentials = params.training_request(_minimal_values(training_repository_credentials_provider_arn="arn:x"))
    assert "TrainingImageConfig" not in credentials["AlgorithmSpecification"]


def test_request_refuses_what_v2_session_train_refuses():
    with pytest.raises(ValueError, match="mutually exclusive"):
        params.training_request(_minimal_values(algorithm_arn="arn:algo"))
    with pytest.raises(ValueError, match="either image_uri or algorithm_arn"):
        params.training_request(_minimal_values(image_uri=None))
    with pytest.raises(ValueError, match="cannot be set when instance_groups"):
        params.training_request(_minimal_values(instance_groups=[]))


def _plain_parameters():
    """Declarations attach() reads back straight from their field."""
    return [p for p in params.TRAINING_PARAMETERS
            if p.field and p.from_description is None and p.restore != "no" and p.to_request is IDENTITY]


@pytest.mark.parametrize("parameter", _plain_parameters(), ids=lambda p: p.name)
def test_a_plain_parameter_round_trips_through_request_and_attach(parameter):
    value = f"value-of-{parameter.name}"
    values = {parameter.name: value}
    if parameter.sent_with is not None:
        values[parameter.sent_with] = f"value-of-{parameter.sent_with}"
    request = params.training_request(_minimal_values(**values))
    assert read_at(request, parameter.field) == value
    description = dict(request, TrainingJobName="job-2026-11-30-12-00-00-000")
    assert params.init_params_from_description(description)[parameter.name] == value


def test_attach_restores_the_model_channel_and_leaves_out_what_the_job_lacks():
    request = params.training_request(_minimal_values())
    set_at(request, ("InputDataConfig",), [
        {"ChannelName": "model", "DataSource": {"S3DataSource": {"S3Uri": "s3://b/model.tar.gz"}}}])
    restored = params.init_params_from_description(request, model_channel_name="model")
    assert restored["model_uri"] == "s3://b/model.tar.gz"
    assert restored["model_channel_name"] == "model"
    assert "training_plan" not in restored and "max_wait" not in restored
    assert restored["hyperparameters"] == {}


def test_read_at_tells_a_missing_path_from_a_none_value():
    assert read_at({"A": {"B": None}}, ("A", "B")) is None
    assert read_at({"A": {}}, ("A", "B")) is MISSING
    assert read_at({"A": 1}, ("A", "B")) is MISSING
