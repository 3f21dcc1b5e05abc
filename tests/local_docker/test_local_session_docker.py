"""V2 code end to end with LocalSession and instance_type="local": the stand-in SKLearn image on a real engine.

fit (one and two hosts, a failing host), deploy, predict, batch transform and
delete through the V2 classes, with no AWS credentials; afterwards no container,
network or scratch dir of the job or endpoint is left.
"""
from __future__ import annotations

import os

import pytest

from sagemaker_estimators.local.runtime import TrainingFailedError
from tests.local_docker.conftest import leftovers
from tests.local_session.conftest import ROLE, SKLEARN_IMAGE, make_workspace

pytestmark = pytest.mark.docker


@pytest.fixture
def iris_workspace(tmp_path):
    return dict(make_workspace(tmp_path), tmp=tmp_path)


def make_session(workspace):
    from sagemaker.local import LocalSession

    session = LocalSession()
    session.config = {"local": {"local_code": True, "container_root": str(workspace["root"])}}
    return session


def make_estimator(workspace):
    from sagemaker.sklearn import SKLearn

    return SKLearn(
        entry_point="train.py", source_dir=str(workspace["code"]), framework_version="1.2-1", py_version="py3",
        instance_type="local", instance_count=1, role=ROLE, sagemaker_session=make_session(workspace),
        output_path="file://" + str(workspace["out"]), hyperparameters={"max-iter": 200},
    )


def make_two_host_estimator(workspace, **hyperparameters):
    """SKLearn refuses instance_count > 1 (as in V2), so two hosts run through the generic Estimator."""
    from sagemaker.estimator import Estimator

    return Estimator(
        image_uri=SKLEARN_IMAGE, entry_point="train.py", source_dir=str(workspace["code"]), instance_type="local",
        instance_count=2, role=ROLE, sagemaker_session=make_session(workspace),
        output_path="file://" + str(workspace["out"]), hyperparameters=hyperparameters or {"max-iter": 200},
    )


def test_fit_deploy_predict_transform_delete_without_aws(no_aws, iris_workspace, standin_image, docker_client):
    from sagemaker.deserializers import JSONDeserializer
    from sagemaker.serializers import CSVSerializer

    estimator = make_estimator(iris_workspace)
    estimator.fit({"train": "file://" + str(iris_workspace["data"])})
    job = estimator.latest_training_job.name
    assert os.path.isfile(iris_workspace["out"] / job / "model.tar.gz")

    predictor = estimator.deploy(1, "local", serializer=CSVSerializer(), deserializer=JSONDeserializer())
    endpoint = predictor.endpoint_name
    try:
        assert predictor.predict(iris_workspace["iris"].data[[0, 60, 120]]) == [0.0, 1.0, 2.0]
    finally:
        predictor.delete_endpoint()

    batch = iris_workspace["tmp"] / "batch"
    batch.mkdir()
    (batch / "rows.csv").write_text("\n".join(",".join(map(str, r)) for r in iris_workspace["iris"].data[[0, 120]]))
    transformer = estimator.transformer(1, "local", output_path="file://" + str(iris_workspace["tmp"] / "batch-out"),
                                        assemble_with="Line", accept="text/csv")
    transformer.transform("file://" + str(batch), content_type="text/csv", split_type="Line")
    output = (iris_workspace["tmp"] / "batch-out" / "rows.csv.out").read_text().split()
    assert [float(v) for v in output] == [0.0, 2.0]

    assert leftovers(docker_client, job) == []
    assert leftovers(docker_client, endpoint) == []
    assert leftovers(docker_client, transformer.latest_transform_job.name) == []
    assert os.listdir(iris_workspace["root"]) == []


def test_two_hosts_and_a_failing_host(no_aws, iris_workspace, standin_image, docker_client):
    estimator = make_two_host_estimator(iris_workspace)
    estimator.fit({"train": "file://" + str(iris_workspace["data"])})
    assert os.path.isfile(iris_workspace["out"] / estimator.latest_training_job.name / "model.tar.gz")

    failing = make_two_host_estimator(iris_workspace, fail=1)
    with pytest.raises(TrainingFailedError, match="the training script was asked to fail") as error:
        failing.fit({"train": "file://" + str(iris_workspace["data"])})
    description = failing.sagemaker_session.describe_training_job(error.value.job_name)
    assert description["TrainingJobStatus"] == "Failed"
    assert leftovers(docker_client, error.value.job_name) == []
    assert os.listdir(iris_workspace["root"]) == []
