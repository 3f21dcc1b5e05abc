"""Bad input is refused with a clear message before any AWS call (no credentials, dead endpoint)."""
from __future__ import annotations

import pytest

from tests.foundation.conftest import IMAGE, ROLE_ARN


@pytest.fixture
def estimator_cls(no_aws, monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-west-2")  # a region, but no credentials and no endpoint
    from sagemaker_estimators.estimators.base import Estimator

    return Estimator


def _make(cls, **overrides):
    args = dict(image_uri=IMAGE, role=ROLE_ARN, instance_count=1, instance_type="ml.m5.large",
                output_path="s3://bucket/out")
    args.update(overrides)
    return cls(**args)


@pytest.mark.parametrize(
    "overrides, error, words",
    [
        # V2 refuses these at construction too
        ({"subnets": ["s-1"]}, ValueError, ["subnets", "security_group_ids"]),
        ({"role": None}, ValueError, ["role"]),
        ({"output_path": "file:///tmp/out"}, ValueError, ["file://", "local mode"]),
    ],
)
def test_constructor_rejects(estimator_cls, overrides, error, words):
    with pytest.raises(error) as raised:
        _make(estimator_cls, **overrides)
    for word in words:
        assert word in str(raised.value)


@pytest.mark.parametrize(
    "overrides, error, words",
    [
        ({"instance_count": 0}, ValueError, ["instance_count=0", ">= 1"]),
        ({"instance_count": "2"}, TypeError, ["instance_count", "int"]),
        ({"instance_count": None}, ValueError, ["instance_count and instance_type must be set"]),
        ({"instance_type": "m5.large"}, ValueError, ["instance_type='m5.large'", "ml."]),
        ({"max_wait": 100}, ValueError, ["max_wait=100", "use_spot_instances"]),
        ({"use_spot_instances": True, "max_run": 600, "max_wait": 100}, ValueError, ["max_wait=100", "max_run"]),
        ({"output_path": "bucket/out"}, ValueError, ["output_path='bucket/out'", "s3://"]),
        ({"checkpoint_s3_uri": "/tmp/x"}, ValueError, ["checkpoint_s3_uri", "s3://"]),
        ({"hyperparameters": {"f": object()}}, TypeError, ["hyperparameters['f']", "unsupported type"]),
        ({"hyperparameters": {"s": {1, 2}}}, TypeError, ["hyperparameters['s']", "set"]),
        ({"input_mode": "Stream"}, ValueError, ["input_mode='Stream'", "File", "Pipe", "FastFile"]),
        ({"base_job_name": "bad_name"}, ValueError, ["base_job_name='bad_name'"]),
        ({"base_job_name": "x" * 70}, ValueError, ["base_job_name", "63"]),
        ({"environment": {"A": 1}}, TypeError, ["environment['A']"]),
        ({"tags": [{"Key": "a"}]}, ValueError, ["tags item", "'Value'"]),
        ({"metric_definitions": [{"Name": "a"}]}, ValueError, ["metric_definitions", "'Regex'"]),
        ({"image_uri": ""}, TypeError, ["image_uri"]),
        ({"rules": ["r"]}, NotImplementedError, ["rules"]),
        ({"git_config": {"repo": "x"}}, NotImplementedError, ["git_config"]),
    ],
)
def test_constructor_accepts_what_v2_accepts_and_fit_refuses_it(estimator_cls, overrides, error, words):
    """V2 takes these values at construction; what could never work on AWS is refused by fit(),
    before anything is uploaded or created (no credentials and no endpoint here: any call would fail)."""
    est = _make(estimator_cls, **overrides)
    with pytest.raises(error) as raised:
        est.fit("s3://b/x")
    for word in words:
        assert word in str(raised.value)
    assert est.latest_training_job is None


def test_unknown_keyword_arguments_are_dropped_with_one_warning(estimator_cls, caplog):
    """V2's EstimatorBase takes **kwargs and drops what it does not know (legacy: script_mode=True)."""
    with caplog.at_level("WARNING"):
        est = _make(estimator_cls, script_mode=True, instnace_count=2)
    warnings = [r.getMessage() for r in caplog.records if "unknown keyword" in r.getMessage()]
    assert len(warnings) == 1
    assert "'script_mode'" in warnings[0] and "did you mean 'instance_count'" in warnings[0]
    assert not hasattr(est, "script_mode")


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"inputs": {"bad name!": "s3://b/x"}}, ValueError, ["channel name", "bad name!"]),
        ({"inputs": "http://example.com/data"}, ValueError, ["'training'", "s3://"]),
        ({"inputs": "file:///tmp/data"}, ValueError, ["file://", "local mode"]),
        ({"inputs": 42}, TypeError, ["inputs", "int"]),
        ({"inputs": {"train": 3.5}}, TypeError, ["inputs['train']", "float"]),
        ({"job_name": "a" * 64}, ValueError, ["job_name", "63"]),
        ({"job_name": "has space"}, ValueError, ["job_name='has space'"]),
    ],
)
def test_fit_rejects_before_any_call(estimator_cls, kwargs, error, words):
    est = _make(estimator_cls)
    with pytest.raises(error) as raised:
        est.fit(**kwargs)
    for word in words:
        assert word in str(raised.value)
    assert est.latest_training_job is None


def test_missing_entry_point_is_refused_before_upload(estimator_cls, tmp_path):
    est = _make(estimator_cls, entry_point="missing.py", source_dir=str(tmp_path))
    with pytest.raises(ValueError, match="entry_point='missing.py'"):
        est.fit("s3://b/x")


def test_training_input_validates_enums():
    from sagemaker_estimators.inputs import FileSystemInput, TrainingInput

    with pytest.raises(ValueError, match="distribution='Sharded'.*FullyReplicated"):
        TrainingInput("s3://b/x", distribution="Sharded")
    with pytest.raises(ValueError, match="file_system_type='NFS'"):
        FileSystemInput("fs-1", "NFS", "/data")
