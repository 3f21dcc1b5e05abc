"""Local training through LocalSession and the process runtime: real subprocesses, file:// and s3://."""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import tarfile
import time

import boto3
import pytest
from botocore.exceptions import ClientError

from sagemaker_estimators.exceptions import UnexpectedStatusException
from sagemaker_estimators.local.runtime import TrainingFailedError
from tests.local_session.conftest import ROLE, SKLEARN_IMAGE, leftovers, training_request, unique

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def archive_members(path):
    with tarfile.open(path) as archive:
        return {m.name: (archive.extractfile(m).read() if m.isfile() else None) for m in archive.getmembers()}


def test_estimator_fit_with_file_input_and_output_needs_no_aws(no_aws, workspace, session):
    from sagemaker.estimator import Estimator

    estimator = Estimator(
        image_uri=SKLEARN_IMAGE, role=ROLE, instance_count=1, instance_type="local_process",
        entry_point="train.py", source_dir=str(workspace["code"]), output_path="file://" + str(workspace["out"]),
        hyperparameters={"max-iter": 123}, sagemaker_session=session,
    )
    estimator.fit({"train": "file://" + str(workspace["data"])})

    job = estimator.latest_training_job.name
    description = session.describe_training_job(job)
    assert description["TrainingJobStatus"] == "Completed"
    expected = "file://" + str(workspace["out"] / job / "model.tar.gz")
    assert description["ModelArtifacts"]["S3ModelArtifacts"] == expected
    assert estimator.model_data == expected
    model = archive_members(str(workspace["out"] / job / "model.tar.gz"))
    assert sorted(model) == ["max_iter.txt", "model.joblib"]
    assert model["max_iter.txt"] == b"123"
    output = archive_members(str(workspace["out"] / job / "output.tar.gz"))
    assert "success" in output
    # nothing left behind: no scratch dir, no temp dir
    assert leftovers(workspace["root"]) == []
    assert leftovers(workspace["tmp"]) == []


def test_default_session_is_created_for_local_process_without_aws(no_aws, workspace):
    from sagemaker.estimator import Estimator
    from sagemaker.local import LocalSession

    estimator = Estimator(
        image_uri=SKLEARN_IMAGE, role=ROLE, instance_count=1, instance_type="local_process",
        entry_point=str(workspace["code"] / "train.py"), output_path="file://" + str(workspace["out"]),
    )
    assert isinstance(estimator.sagemaker_session, LocalSession)
    assert estimator.sagemaker_session.boto_region_name == "us-west-2"
    estimator.fit({"train": "file://" + str(workspace["data"])})
    assert os.path.isfile(workspace["out"] / estimator.latest_training_job.name / "model.tar.gz")


def test_two_jobs_do_not_overwrite_each_other(no_aws, workspace, session):
    client = session.sagemaker_client
    first, second = unique("first"), unique("second")
    client.create_training_job(**training_request(workspace, first, hyperparameters={"max-iter": "11"}))
    client.create_training_job(**training_request(workspace, second, hyperparameters={"max-iter": "22"}))

    assert archive_members(str(workspace["out"] / first / "model.tar.gz"))["max_iter.txt"] == b"11"
    assert archive_members(str(workspace["out"] / second / "model.tar.gz"))["max_iter.txt"] == b"22"
    assert session.describe_training_job(first)["ModelArtifacts"]["S3ModelArtifacts"].endswith(
        f"/{first}/model.tar.gz")


def test_job_name_cannot_be_reused(no_aws, workspace, session):
    name = unique("once")
    session.sagemaker_client.create_training_job(**training_request(workspace, name))
    with pytest.raises(ClientError) as error:
        session.sagemaker_client.create_training_job(**training_request(workspace, name))
    assert error.value.response["Error"]["Code"] == "ResourceInUse"


def test_failed_script_raises_with_log_tail_and_is_recorded(no_aws, workspace, session):
    from sagemaker.estimator import Estimator

    estimator = Estimator(
        image_uri=SKLEARN_IMAGE, role=ROLE, instance_count=1, instance_type="local_process",
        entry_point="train.py", source_dir=str(workspace["code"]), output_path="file://" + str(workspace["out"]),
        hyperparameters={"fail": 1}, sagemaker_session=session,
    )
    with pytest.raises(TrainingFailedError) as error:
        estimator.fit({"train": "file://" + str(workspace["data"])})
    message = str(error.value)
    assert "about to fail: bad hyperparameter" in message
    assert "the training script was asked to fail" in message

    job = error.value.job_name
    description = session.describe_training_job(job)
    assert description["TrainingJobStatus"] == "Failed"
    assert "ExecuteUserScriptError" in description["FailureReason"]
    # the failure file is delivered like on SageMaker, in the job's own folder
    output = archive_members(str(workspace["out"] / job / "output.tar.gz"))
    assert b"the training script was asked to fail" in output["failure"]
    # waiting on the failed job raises as it does for a cloud job
    with pytest.raises(UnexpectedStatusException):
        session.logs_for_job(job, wait=True)
    assert leftovers(workspace["root"]) == []


def test_missing_file_input_is_a_clear_error(no_aws, workspace, session):
    request = training_request(workspace, unique("missing"), channels=[{
        "ChannelName": "train",
        "DataSource": {"FileDataSource": {"FileUri": "file:///no/such/dir", "FileDataDistributionType": "FullyReplicated"}},
    }])
    with pytest.raises(ValueError, match="/no/such/dir does not exist"):
        session.sagemaker_client.create_training_job(**request)
    assert leftovers(workspace["root"]) == []


@pytest.mark.parametrize(
    "resource, message",
    [
        ({"InstanceType": "ml.m5.large", "InstanceCount": 1}, "local instance types"),
        ({"InstanceType": "local_process", "InstanceCount": 0}, "InstanceCount"),
        ({"InstanceGroups": [{"InstanceType": "local", "InstanceCount": 1, "InstanceGroupName": "a"}]},
         "InstanceGroups"),
    ],
)
def test_bad_resource_config_is_refused_before_anything_runs(no_aws, workspace, session, resource, message):
    request = training_request(workspace, unique("bad"))
    request["ResourceConfig"] = resource
    with pytest.raises(ValueError, match=message):
        session.sagemaker_client.create_training_job(**request)
    assert leftovers(workspace["root"]) == []


def test_sharded_channel_is_refused(no_aws, workspace, session):
    request = training_request(workspace, unique("sharded"), channels=[{
        "ChannelName": "train",
        "DataSource": {"S3DataSource": {"S3Uri": "file://" + str(workspace["data"]), "S3DataType": "S3Prefix",
                                        "S3DataDistributionType": "ShardedByS3Key"}},
    }])
    with pytest.raises(ValueError, match="FullyReplicated"):
        session.sagemaker_client.create_training_job(**request)


def test_single_file_channel_gets_a_directory_of_its_own(no_aws, workspace, session):
    (workspace["data"] / "other.txt").write_text("not for this channel")
    name = unique("onefile")
    request = training_request(workspace, name, channels=[{
        "ChannelName": "train",
        "DataSource": {"S3DataSource": {"S3Uri": "file://" + str(workspace["data"] / "train.csv"),
                                        "S3DataType": "S3Prefix", "S3DataDistributionType": "FullyReplicated"}},
    }])
    session.sagemaker_client.create_training_job(**request)
    assert session.describe_training_job(name)["TrainingJobStatus"] == "Completed"


def test_s3_input_output_and_code_through_moto(aws, workspace, session):
    s3 = boto3.client("s3", region_name="us-west-2")
    s3.create_bucket(Bucket="data-bucket", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    s3.upload_file(str(workspace["data"] / "train.csv"), "data-bucket", "iris/train/train.csv")
    # a key that only shares the prefix string must not be pulled into the channel
    s3.put_object(Bucket="data-bucket", Key="iris/train-extra/ignored.csv", Body=b"x")
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        archive.add(str(workspace["code"] / "train.py"), arcname="train.py")
    s3.put_object(Bucket="data-bucket", Key="code/sourcedir.tar.gz", Body=buffer.getvalue())

    name = unique("s3job")
    request = training_request(
        workspace, name, output_path="s3://data-bucket/models",
        code_uri="s3://data-bucket/code/sourcedir.tar.gz",
        channels=[{"ChannelName": "train", "DataSource": {"S3DataSource": {
            "S3Uri": "s3://data-bucket/iris/train", "S3DataType": "S3Prefix",
            "S3DataDistributionType": "FullyReplicated"}}}],
    )
    session.sagemaker_client.create_training_job(**request)

    description = session.describe_training_job(name)
    assert description["ModelArtifacts"]["S3ModelArtifacts"] == f"s3://data-bucket/models/{name}/output/model.tar.gz"
    keys = sorted(item["Key"] for item in s3.list_objects_v2(Bucket="data-bucket", Prefix="models/")["Contents"])
    assert keys == [f"models/{name}/output/model.tar.gz", f"models/{name}/output/output.tar.gz"]
    body = s3.get_object(Bucket="data-bucket", Key=f"models/{name}/output/model.tar.gz")["Body"].read()
    with tarfile.open(fileobj=io.BytesIO(body)) as archive:
        assert "model.joblib" in archive.getnames()
    assert leftovers(workspace["root"]) == []


def test_uncompressed_output_is_delivered_as_files(no_aws, workspace, session):
    name = unique("nocompress")
    request = training_request(workspace, name)
    request["OutputDataConfig"]["CompressionType"] = "NONE"
    session.sagemaker_client.create_training_job(**request)
    artifacts = session.describe_training_job(name)["ModelArtifacts"]["S3ModelArtifacts"]
    assert artifacts == "file://" + str(workspace["out"] / name / "model") + "/"
    assert sorted(os.listdir(workspace["out"] / name / "model")) == ["max_iter.txt", "model.joblib"]


INTERRUPT_DRIVER = """\
import json, sys
from sagemaker_estimators.local.session import LocalSession
from tests.local_session.conftest import training_request
from pathlib import Path

workspace = {k: Path(v) for k, v in json.loads(sys.argv[1]).items()}
session = LocalSession()
session.config = {"local": {"local_code": True, "container_root": str(workspace["root"])}}
request = training_request(workspace, "interrupted-job")
session.sagemaker_client.create_training_job(**request)
"""

SLEEPY_SCRIPT = """\
import os, time
print("STARTED", os.getpid(), flush=True)
time.sleep(120)
"""


def test_ctrl_c_stops_the_job_and_leaves_no_scratch_dir(no_aws, workspace, tmp_path):
    (workspace["code"] / "train.py").write_text(SLEEPY_SCRIPT)
    paths = {key: str(workspace[key]) for key in ("code", "data", "root", "out")}
    env = dict(os.environ, PYTHONPATH=REPO_ROOT)
    driver = subprocess.Popen(
        [sys.executable, "-c", INTERRUPT_DRIVER, json.dumps(paths)], cwd=REPO_ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    script_pid = None
    try:
        for line in driver.stdout:
            if "STARTED" in line:
                script_pid = int(line.split("STARTED", 1)[1].split()[0])
                break
        assert script_pid is not None, "the training script never started"
        driver.send_signal(signal.SIGINT)
        output = driver.communicate(timeout=60)[0]
    finally:
        if driver.poll() is None:
            driver.kill()
    assert driver.returncode != 0
    assert "KeyboardInterrupt" in output
    assert leftovers(workspace["root"]) == []
    assert leftovers(workspace["tmp"]) == []
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(script_pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        os.kill(script_pid, signal.SIGKILL)
        pytest.fail("the training script outlived the interrupted job")


def test_no_output_path_with_local_code_keeps_artifacts_local(no_aws, workspace, session):
    from sagemaker.estimator import Estimator

    estimator = Estimator(
        image_uri=SKLEARN_IMAGE, role=ROLE, instance_count=1, instance_type="local_process",
        entry_point="train.py", source_dir=str(workspace["code"]), sagemaker_session=session,
    )
    estimator.fit({"train": "file://" + str(workspace["data"])})
    job = estimator.latest_training_job.name
    expected = workspace["root"] / "sagemaker-local-output" / job / "model.tar.gz"
    assert estimator.model_data == "file://" + str(expected)
    assert "model.joblib" in archive_members(str(expected))


def test_two_hosts_on_local_process(no_aws, workspace, session):
    (workspace["code"] / "train.py").write_text(
        "import json, os\n"
        "host = os.environ['SM_CURRENT_HOST']\n"
        "assert json.loads(os.environ['SM_HOSTS']) == ['algo-1', 'algo-2']\n"
        "open(os.path.join(os.environ['SM_MODEL_DIR'], host + '.txt'), 'w').write(host)\n"
    )
    name = unique("twohosts")
    request = training_request(workspace, name)
    request["ResourceConfig"]["InstanceCount"] = 2
    session.sagemaker_client.create_training_job(**request)
    description = session.describe_training_job(name)
    assert description["ResourceConfig"]["InstanceCount"] == 2
    members = archive_members(str(workspace["out"] / name / "model.tar.gz"))
    assert members == {"algo-1.txt": b"algo-1", "algo-2.txt": b"algo-2"}
