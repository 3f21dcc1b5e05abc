"""V2's estimator methods that update a running training job, and its artifact locations.

The job is created in moto; moto has no UpdateTrainingJob, so those requests are checked with
botocore's Stubber on the same client (which validates them against the service model).
"""
from __future__ import annotations

import pytest

from tests.serving.hosting_helpers import IMAGE, ROLE, recorded_session


@pytest.fixture
def trained(aws):
    from sagemaker.estimator import Estimator

    session, calls = recorded_session()
    estimator = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.large",
                          output_path="s3://out/prefix", sagemaker_session=session)
    estimator.fit("s3://data/train", job_name="job-1")
    return estimator, calls


@pytest.fixture
def updates(trained):
    """Expect UpdateTrainingJob requests on the estimator's client; yields the list to fill."""
    from botocore.stub import Stubber

    estimator, _ = trained
    expected = []
    stubber = Stubber(estimator.sagemaker_session.sagemaker_client)

    class Expect:
        def __call__(self, request):
            expected.append(request)
            stubber.add_response("update_training_job", {"TrainingJobArn": "arn:job-1"}, request)

    with stubber:
        yield Expect()
        stubber.assert_no_pending_responses()


def _describe_says(estimator, monkeypatch, **fields):
    """DescribeTrainingJob answers with ``fields`` (the stubbed client takes no other calls)."""
    monkeypatch.setattr(estimator.latest_training_job, "describe",
                        lambda: {"TrainingJobName": estimator.latest_training_job.name, **fields})


def test_remote_debug_on_and_off(trained, updates):
    estimator, _ = trained
    assert estimator.get_remote_debug_config() is None
    updates({"TrainingJobName": "job-1", "RemoteDebugConfig": {"EnableRemoteDebug": True}})
    estimator.enable_remote_debug()
    updates({"TrainingJobName": "job-1", "RemoteDebugConfig": {"EnableRemoteDebug": False}})
    estimator.disable_remote_debug()
    assert estimator.get_remote_debug_config() == {"EnableRemoteDebug": False}


def test_profiling_updates(trained, updates, monkeypatch):
    estimator, _ = trained
    _describe_says(estimator, monkeypatch, ProfilingStatus="Enabled")
    with pytest.raises(ValueError, match="already enabled"):
        estimator.enable_default_profiling()
    updates({"TrainingJobName": "job-1", "ProfilerConfig": {"DisableProfiler": True}})
    estimator.disable_profiling()
    updates({"TrainingJobName": "job-1", "ProfilerConfig": {
        "S3OutputPath": "s3://prof/", "DisableProfiler": False, "ProfilingIntervalInMilliseconds": 500}})
    estimator.update_profiler(system_monitor_interval_millis=500, s3_output_path="s3://prof/")
    updates({"TrainingJobName": "job-1", "ProfilerConfig": {"DisableProfiler": False, "ProfilingParameters": {}}})
    estimator.update_profiler(disable_framework_metrics=True)
    _describe_says(estimator, monkeypatch, ProfilingStatus="Disabled")
    with pytest.raises(ValueError, match="already disabled"):
        estimator.disable_profiling()
    updates({"TrainingJobName": "job-1", "ProfilerRuleConfigurations": [],
             "ProfilerConfig": {"S3OutputPath": "s3://out/prefix", "DisableProfiler": False}})
    estimator.enable_default_profiling()
    assert estimator.latest_job_profiler_artifacts_path() == "s3://out/prefix/job-1/profiler-output"


def test_update_profiler_needs_something_and_no_rules(trained):
    estimator, _ = trained
    with pytest.raises(ValueError, match="Please provide profiler config"):
        estimator.update_profiler()
    with pytest.raises(NotImplementedError, match="rules"):
        estimator.update_profiler(rules=["rule"])


def test_artifact_paths(trained):
    estimator, _ = trained
    assert estimator.latest_job_debugger_artifacts_path() == "s3://out/prefix/job-1/debug-output"
    assert estimator.latest_job_tensorboard_artifacts_path() is None


def test_updates_need_a_training_job(aws):
    from sagemaker.estimator import Estimator

    estimator = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.large")
    for method in (estimator.enable_remote_debug, estimator.disable_profiling,
                   estimator.latest_job_profiler_artifacts_path):
        with pytest.raises(ValueError):
            method()
