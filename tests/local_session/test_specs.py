"""How LocalSagemakerClient turns requests into runtime specs (a recording runtime stands in for Docker)."""
from __future__ import annotations

import io
import os
import tarfile

import pytest

from sagemaker_estimators.local.runtime import TrainingResult
from sagemaker_estimators.local.clients.base import framework_from_image
from sagemaker_estimators.local.clients.sagemaker_client import LocalSagemakerClient
from tests.local_session.conftest import SKLEARN_IMAGE, leftovers, training_request, unique


class RecordingRuntime:
    """Records the spec it gets and what the spec's directories hold while the job runs."""

    def __init__(self):
        self.specs = []
        self.seen = {}

    def train(self, spec):
        self.specs.append(spec)
        self.seen["code"] = sorted(os.listdir(spec.code_dir)) if spec.code_dir else None
        self.seen["channels"] = {c.name: sorted(os.listdir(c.local_dir)) for c in spec.channels}
        os.makedirs(spec.artifacts_dir, exist_ok=True)
        for name in ("model.tar.gz", "output.tar.gz"):
            with tarfile.open(os.path.join(spec.artifacts_dir, name), "w:gz") as archive:
                payload = b"recorded"
                info = tarfile.TarInfo("file.txt")
                info.size = len(payload)
                archive.addfile(info, io.BytesIO(payload))
        return TrainingResult(os.path.join(spec.artifacts_dir, "model.tar.gz"),
                              os.path.join(spec.artifacts_dir, "output.tar.gz"))

    def serve(self, spec):  # pragma: no cover - not used here
        raise AssertionError("not serving in these tests")


@pytest.fixture
def recorded(session):
    runtime = RecordingRuntime()
    session.sagemaker_client = LocalSagemakerClient(session, runtime_factory=lambda instance_type: runtime)
    return runtime


@pytest.mark.parametrize("instance_type", ["local", "local_gpu", "local_process"])
def test_training_spec_from_a_v2_local_request(no_aws, workspace, session, recorded, instance_type):
    name = unique("spec")
    request = training_request(workspace, name, instance_type=instance_type)
    request["Environment"] = {"MY_VAR": "1"}
    request["AlgorithmSpecification"]["ContainerEntrypoint"] = ["python3", "x.py"]
    session.sagemaker_client.create_training_job(**request)

    spec = recorded.specs[0]
    assert spec.job_name == name
    assert spec.instance_type == instance_type
    assert spec.framework == "sklearn"
    assert spec.image_uri == SKLEARN_IMAGE
    # local code is used in place and the container sees it at /opt/ml/code, as in V2
    assert spec.code_dir == str(workspace["code"])
    assert spec.hyperparameters["sagemaker_submit_directory"] == '"/opt/ml/code"'
    assert spec.hyperparameters["sagemaker_program"] == '"train.py"'
    assert spec.hyperparameters["max-iter"] == "200"
    # a file:// directory channel is not copied
    assert [(c.name, c.local_dir, c.input_mode) for c in spec.channels] == [("train", str(workspace["data"]), "File")]
    assert spec.environment == {"TRAINING_JOB_NAME": name, "AWS_REGION": "us-west-2", "MY_VAR": "1"}
    assert spec.container_entry_point == ["python3", "x.py"]
    assert spec.work_dir.startswith(str(workspace["root"]))
    # the request as sent is what describe returns (attach relies on it)
    description = session.describe_training_job(name)
    assert description["HyperParameters"] == request["HyperParameters"]
    assert description["RoleArn"] == request["RoleArn"]
    assert leftovers(workspace["root"]) == []


def test_unencoded_submit_directory_stays_unencoded(no_aws, workspace, session, recorded):
    request = training_request(workspace, unique("raw"))
    request["HyperParameters"]["sagemaker_submit_directory"] = "file://" + str(workspace["code"])
    session.sagemaker_client.create_training_job(**request)
    assert recorded.specs[0].hyperparameters["sagemaker_submit_directory"] == "/opt/ml/code"


def test_code_archive_in_a_channel_is_extracted(no_aws, workspace, session, recorded, tmp_path):
    code_channel = tmp_path / "code-channel"
    code_channel.mkdir()
    with tarfile.open(code_channel / "sourcedir.tar.gz", "w:gz") as archive:
        archive.add(str(workspace["code"] / "train.py"), arcname="train.py")
    request = training_request(
        workspace, unique("channel-code"), code_uri="/opt/ml/input/data/code/sourcedir.tar.gz",
        channels=[
            {"ChannelName": "train", "DataSource": {"FileDataSource": {"FileUri": "file://" + str(workspace["data"])}}},
            {"ChannelName": "code", "DataSource": {"FileDataSource": {"FileUri": "file://" + str(code_channel)}}},
        ],
    )
    session.sagemaker_client.create_training_job(**request)
    assert recorded.seen["code"] == ["train.py"]


def test_image_code_path_is_left_to_the_image(no_aws, workspace, session, recorded):
    request = training_request(workspace, unique("image-code"), code_uri="/opt/ml/code")
    session.sagemaker_client.create_training_job(**request)
    assert recorded.specs[0].code_dir is None
    assert recorded.specs[0].hyperparameters["sagemaker_submit_directory"] == '"/opt/ml/code"'


def test_default_output_goes_to_a_job_folder_under_the_container_root(no_aws, workspace, session, recorded):
    name = unique("nooutput")
    request = training_request(workspace, name)
    request["OutputDataConfig"]["S3OutputPath"] = ""
    session.sagemaker_client.create_training_job(**request)
    expected = os.path.join(str(workspace["root"]), "sagemaker-local-output", name, "model.tar.gz")
    assert session.describe_training_job(name)["ModelArtifacts"]["S3ModelArtifacts"] == "file://" + expected
    assert os.path.isfile(expected)


def test_algorithm_resources_are_refused(no_aws, workspace, session, recorded):
    request = training_request(workspace, unique("algo"))
    request["AlgorithmSpecification"] = {"AlgorithmName": "arn:aws:sagemaker:us-west-2:1:algorithm/x",
                                         "TrainingInputMode": "File"}
    with pytest.raises(ValueError, match="TrainingImage is required"):
        session.sagemaker_client.create_training_job(**request)
    assert recorded.specs == []


@pytest.mark.parametrize(
    "image, framework",
    [
        ("246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3", "sklearn"),
        ("763104351884.dkr.ecr.us-west-2.amazonaws.com/pytorch-training:2.1.0-gpu-py310", "pytorch"),
        ("763104351884.dkr.ecr.us-west-2.amazonaws.com/huggingface-pytorch-training:2.1.0-transformers4.36.0-gpu-py310-cu121-ubuntu20.04", "huggingface"),
        ("246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1", "xgboost"),
        ("my-registry.example.com:5000/team/custom-image:latest", None),
        ("pytorch-lover/image:1@sha256:" + "0" * 64, None),
    ],
)
def test_framework_from_image_repository(image, framework):
    assert framework_from_image(image) == framework


def test_pipelines_say_they_are_unsupported_and_a_bare_processing_request_is_refused(no_aws, session):
    with pytest.raises(ValueError, match="InstanceType"):
        session.sagemaker_client.create_processing_job(ProcessingJobName="p")
    with pytest.raises(NotImplementedError, match="pipelines"):
        session.sagemaker_client.start_pipeline_execution(PipelineName="p")


@pytest.mark.parametrize("name", ["../escape", "a/b", "", "x" * 64, "-dash"])
def test_job_names_that_could_leave_the_output_folder_are_refused(no_aws, workspace, session, recorded, name):
    request = training_request(workspace, "placeholder")
    request["TrainingJobName"] = name
    with pytest.raises(ValueError, match="TrainingJobName"):
        session.sagemaker_client.create_training_job(**request)
    assert recorded.specs == []
    assert not (workspace["out"].parent / "escape").exists()


def test_docker_jobs_get_the_callers_credentials_process_jobs_do_not_need_them(aws, workspace, session, recorded):
    docker_job, process_job = unique("docker-creds"), unique("process-creds")
    session.sagemaker_client.create_training_job(**training_request(workspace, docker_job, instance_type="local"))
    session.sagemaker_client.create_training_job(**training_request(workspace, process_job))
    docker_env, process_env = recorded.specs[0].environment, recorded.specs[1].environment
    assert docker_env["AWS_ACCESS_KEY_ID"] == os.environ["AWS_ACCESS_KEY_ID"]
    assert docker_env["AWS_SECRET_ACCESS_KEY"] == os.environ["AWS_SECRET_ACCESS_KEY"]
    assert "AWS_ACCESS_KEY_ID" not in process_env
    # the request keeps no secret: describe shows what the caller sent
    assert "AWS_ACCESS_KEY_ID" not in str(session.describe_training_job(docker_job))


def test_no_credentials_means_none_passed(no_aws, workspace, session, recorded):
    session.sagemaker_client.create_training_job(**training_request(workspace, unique("nocreds"), instance_type="local"))
    assert not any(key.startswith("AWS_") and key != "AWS_REGION" for key in recorded.specs[0].environment)
