"""The golden tooling itself: recorder bootstrap, normalisation and diff.

Scenarios here are written to a temp dir and run for real (subprocess + moto)
with plain boto3 on this interpreter, so they do not depend on our package.
"""
from __future__ import annotations

import copy
import sys
import textwrap

import pytest

from tools.golden.bodies import describe_body
from tools.golden.compare import diff_recordings
from tools.golden.normalise import normalise, normalise_string
from tools.golden.runner import Target, run_scenario
from tools.golden.scenarios import Scenario

PLAIN = Target(python=sys.executable)


def _run(tmp_path, moto_server, source: str, **files: str):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    script = tmp_path / "scenario.py"
    script.write_text(textwrap.dedent(source))
    return run_scenario(str(script), moto_server, PLAIN)


def test_telemetry_calls_are_flagged_by_origin_and_dropped(tmp_path, moto_server):
    # a stand-in for V2's decorator: calls inside `wrapper` are the user's, the
    # ones from other functions of a sagemaker/telemetry module are telemetry
    recording = _run(
        tmp_path,
        moto_server,
        """
        import sys, os
        sys.path.insert(0, os.path.join(os.path.dirname(__file__), "fake"))
        from sagemaker.telemetry.emit import wrapper
        import boto3
        wrapper(lambda: boto3.client("s3").list_buckets())
        """,
        **{
            "fake/sagemaker/__init__.py": "",
            "fake/sagemaker/telemetry/__init__.py": "",
            "fake/sagemaker/telemetry/emit.py": """
                import boto3

                def _get_account():
                    return boto3.client("sts").get_caller_identity()["Account"]

                def wrapper(func):
                    result = func()
                    _get_account()
                    return result
                """,
        },
    )
    assert "scenario_error" not in recording, recording.get("stderr")
    flags = [(c["operation"], c.get("telemetry", False)) for c in recording["calls"]]
    assert flags == [("ListBuckets", False), ("GetCallerIdentity", True)]
    assert [c["operation"] for c in normalise(recording)["calls"]] == ["ListBuckets"]


def test_network_outside_loopback_is_refused_and_noted(tmp_path, moto_server):
    recording = _run(
        tmp_path,
        moto_server,
        """
        import urllib.request
        try:
            urllib.request.urlopen("https://telemetry.example.com/ping", timeout=30)
        except OSError as error:
            record_value("refused", type(error).__name__)
        """,
    )
    assert recording["values"] == {"refused": "URLError"}
    assert recording["network"] == [
        {"kind": "dns", "host": "telemetry.example.com", "telemetry": False}
    ]
    # an unflagged network attempt is part of the comparison
    assert normalise(recording)["network"] == [{"kind": "dns", "host": "telemetry.example.com"}]


def test_explicit_aws_endpoints_are_redirected_to_moto(tmp_path, moto_server):
    recording = _run(
        tmp_path,
        moto_server,
        """
        import boto3
        sts = boto3.client("sts", endpoint_url="https://sts.us-west-2.amazonaws.com")
        record_value("account", sts.get_caller_identity()["Account"])
        """,
    )
    assert recording["values"] == {"account": "123456789012"}
    assert recording["redirects"] == [
        {"service": "sts", "endpoint_url": "https://sts.us-west-2.amazonaws.com"}
    ]


def test_a_failing_scenario_is_recorded_with_its_error(tmp_path, moto_server):
    recording = _run(
        tmp_path,
        moto_server,
        """
        import boto3
        boto3.client("s3").head_bucket(Bucket="does-not-exist")
        """,
    )
    assert recording["calls"][0]["error"] == "404"
    assert recording["scenario_error"].startswith("botocore.exceptions.ClientError")
    assert "Traceback" in recording["stderr"]


def test_string_rules_replace_timestamps_and_random_suffixes():
    assert normalise_string("pytorch-training-2026-11-22-03-01-02-123") == "pytorch-training-<TS>"
    assert (
        normalise_string("s3://b/job-2026-11-22-03-01-02-123/source/sourcedir.tar.gz")
        == "s3://b/job-<TS>/source/sourcedir.tar.gz"
    )
    assert normalise_string("model-1763780462-a1b2") == "model-<EPOCH>-<RAND4>"
    assert normalise_string("ep-261122-0301") == "ep-<SHORT-TS>"
    assert normalise_string("x-0d3e0f4a-1b2c-4d5e-8f90-123456789abc") == "x-<UUID>"
    # ordinary values stay as they are
    assert normalise_string("arn:aws:iam::123456789012:role/R") == "arn:aws:iam::123456789012:role/R"
    assert normalise_string("ml.m5.xlarge-2") == "ml.m5.xlarge-2"


def test_polling_runs_collapse_but_order_and_differences_stay():
    poll = {"service": "sagemaker", "operation": "DescribeTrainingJob", "params": {"TrainingJobName": "j"}}
    other = {"service": "logs", "operation": "DescribeLogStreams", "params": {}}
    recording = {"calls": [poll, poll, other, poll, poll, poll]}
    assert normalise(recording)["calls"] == [poll, other, poll]


def test_reads_as_set_keeps_writes_in_order_and_reads_as_distinct_set():
    who = {"service": "sts", "operation": "GetCallerIdentity", "params": {}}
    buckets = {"service": "s3", "operation": "ListBuckets", "params": {}}
    create = {"service": "s3", "operation": "CreateBucket", "params": {"Bucket": "b"}}
    put = {"service": "s3", "operation": "PutObject", "params": {"Bucket": "b", "Key": "k"}}
    v2 = {"calls": [who, buckets, who, create, put]}
    ours = {"calls": [who, create, buckets, put]}
    assert diff_recordings(v2, ours) is not None
    assert diff_recordings(v2, ours, reads_as_set=True) is None
    swapped = {"calls": [who, put, create]}
    assert diff_recordings(v2, swapped, reads_as_set=True) is not None
    assert normalise(v2, reads_as_set=True)["reads"] == [who, buckets]


def test_checksum_algorithm_and_upload_ids_are_ignored():
    base = {
        "service": "s3",
        "operation": "UploadPart",
        "params": {"Bucket": "b", "Key": "k", "UploadId": "abc", "PartNumber": 1},
    }
    other = copy.deepcopy(base)
    other["params"]["UploadId"] = "xyz"
    other["params"]["ChecksumAlgorithm"] = "CRC32"
    assert diff_recordings({"calls": [base]}, {"calls": [other]}) is None


def test_diff_names_the_first_differing_call_and_field():
    fixture = Scenario("meta", "boto3_recorder").load_fixture()
    changed = copy.deepcopy(fixture)
    create = next(c for c in changed["calls"] if c["operation"] == "CreateTrainingJob")
    create["params"]["ResourceConfig"]["VolumeSizeInGB"] = 31
    report = diff_recordings(fixture, changed)
    assert report is not None
    assert "first difference at call #6: V2 sagemaker.CreateTrainingJob" in report
    assert '-     "VolumeSizeInGB": 30' in report and '+     "VolumeSizeInGB": 31' in report
    assert diff_recordings(fixture, copy.deepcopy(fixture)) is None


def test_fixture_bodies_are_described_not_stored():
    fixture = Scenario("meta", "boto3_recorder").load_fixture()
    puts = {c["params"]["Key"]: c["params"] for c in fixture["calls"] if c["operation"] == "PutObject"}
    source = puts["job/source/sourcedir.tar.gz"]
    assert source["Body"]["tar_members"] == ["./", "./pkg/", "./pkg/util.py", "./train.py"]
    assert source["ServerSideEncryption"] == "aws:kms"
    assert source["ExpectedBucketOwner"] == "123456789012"
    assert puts["text.txt"]["Body"] == describe_body(b"hello, world")
    assert puts["text.txt"]["Body"]["text"] == "hello, world"


@pytest.mark.parametrize("body", [b"", b"\xff\xfe not utf-8", b"\x1f\x8b but not gzip"])
def test_odd_bodies_get_length_and_digest(body):
    description = describe_body(body)
    assert description["length"] == len(body)
    assert len(description["sha256"]) == 64
