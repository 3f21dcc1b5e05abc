"""TensorFlow with LocalSession and instance_type="local": the stand-in TensorFlow image on a real engine.

The image (``tools/standin_images/tensorflow/build.py``) carries the real TF 2.13
training and inference URIs but no TensorFlow: its training toolkit stand-in gives
scripts the TensorFlow container's contract (``--model_dir``, ``TF_CONFIG`` with
the hosts' names, SM_*), and its ``serve`` is a documented TF Serving stand-in
(TF Serving's REST API behind ``/invocations``) evaluating a linear ``standin.json``.
"""
from __future__ import annotations

import importlib.util
import json
import os
import sys
import tarfile
import textwrap

import pytest

from tests.local_docker.conftest import REPO, leftovers
from tests.local_session.conftest import ROLE

pytestmark = pytest.mark.docker

REPORT_SCRIPT = """\
    import argparse, json, os, sys
    parser = argparse.ArgumentParser()
    parser.add_argument("--model_dir")
    args, _ = parser.parse_known_args()
    host = os.environ["SM_CURRENT_HOST"]
    report = {"argv": sys.argv[1:], "model_dir": args.model_dir, "tf_config": os.environ.get("TF_CONFIG"),
              "hosts": json.loads(os.environ["SM_HOSTS"]), "s3_region": os.environ.get("S3_REGION"),
              "module": os.environ.get("SM_FRAMEWORK_MODULE")}
    os.makedirs(args.model_dir, exist_ok=True)
    # the toolkit on each host first waits until every host's name resolves, and a host that
    # has exited no longer resolves: stay up until every host's script has started
    import time
    open(os.path.join(args.model_dir, "started-" + host), "w").close()
    deadline = time.time() + 120
    while time.time() < deadline and not all(
            os.path.exists(os.path.join(args.model_dir, "started-" + name)) for name in report["hosts"]):
        time.sleep(0.1)
    with open(os.path.join(os.environ["SM_MODEL_DIR"], host + ".json"), "w") as handle:
        json.dump(report, handle)
    if host == "algo-1":
        os.makedirs(os.path.join(os.environ["SM_MODEL_DIR"], "1"))
        with open(os.path.join(os.environ["SM_MODEL_DIR"], "1", "saved_model.pb"), "wb") as handle:
            handle.write(b"stand-in graph")
        with open(os.path.join(os.environ["SM_MODEL_DIR"], "1", "standin.json"), "w") as handle:
            json.dump({"weights": [2.0, 1.0], "bias": 0.5, "features": ["a", "b"]}, handle)
"""

INFERENCE_SCRIPT = """\
    import json

    def input_handler(data, context):
        rows = json.loads(data.read().decode("utf-8"))
        return json.dumps({"instances": [[value * 10 for value in row] for row in rows]})

    def output_handler(response, context):
        return json.dumps({"scaled": response.json()["predictions"], "model": context.model_name}), \\
            "application/json"
"""


@pytest.fixture(scope="module")
def tensorflow_image(docker_client):
    script = os.path.join(REPO, "tools", "standin_images", "tensorflow", "build.py")
    spec = importlib.util.spec_from_file_location("tf_standin_build", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if sys.version_info[:2] != (3, 11):
        pytest.skip("the stand-in images are built with CPython 3.11")
    module.build(os.environ.get("SAGEMAKER_ESTIMATORS_CACHE", "/var/cache/sagemaker-estimators"))
    return module.TAGS[1]


@pytest.fixture
def tf_workspace(tmp_path):
    code = tmp_path / "code"
    code.mkdir()
    (code / "train.py").write_text(textwrap.dedent(REPORT_SCRIPT))
    (code / "inference.py").write_text(textwrap.dedent(INFERENCE_SCRIPT))
    data = tmp_path / "data"
    data.mkdir()
    (data / "rows.csv").write_text("1,2\n")
    root = tmp_path / "root"
    root.mkdir()
    return {"code": code, "data": data, "root": root, "out": tmp_path / "out"}


def _session(workspace):
    from sagemaker.local import LocalSession

    session = LocalSession()
    session.config = {"local": {"local_code": True, "container_root": str(workspace["root"])}}
    return session


def _fit(workspace, **kwargs):
    from sagemaker.tensorflow import TensorFlow

    estimator = TensorFlow(entry_point="train.py", source_dir=str(workspace["code"]), framework_version="2.13",
                           py_version="py310", role=ROLE, instance_type="local", sagemaker_session=_session(workspace),
                           output_path="file://" + str(workspace["out"]), **kwargs)
    estimator.fit({"training": "file://" + str(workspace["data"])})
    with tarfile.open(workspace["out"] / estimator.latest_training_job.name / "model.tar.gz") as archive:
        reports = {member.name: json.load(archive.extractfile(member)) for member in archive.getmembers()
                   if member.isfile() and member.name.endswith(".json") and "/" not in member.name}
    return estimator, reports


def test_parameter_server_on_two_hosts_gets_the_toolkits_tf_config(no_aws, tf_workspace, tensorflow_image,
                                                                   docker_client):
    estimator, reports = _fit(tf_workspace, instance_count=2, distribution={"parameter_server": {"enabled": True}})
    master, worker = reports["algo-1.json"], reports["algo-2.json"]
    cluster = {"master": ["algo-1:2222"], "ps": ["algo-1:2223", "algo-2:2223"], "worker": ["algo-2:2222"]}
    assert json.loads(master["tf_config"]) == {"cluster": cluster, "environment": "cloud",
                                               "task": {"index": 0, "type": "master"}}
    assert json.loads(worker["tf_config"])["task"] == {"index": 0, "type": "worker"}
    # local code: the shared folder both hosts see, as V2's local mode sets it
    assert master["argv"] == ["--model_dir", "/opt/ml/shared/model"]
    assert master["module"] == "sagemaker_tensorflow_container.training:main"
    assert master["hosts"] == ["algo-1", "algo-2"] and master["s3_region"]
    assert leftovers(docker_client, estimator.latest_training_job.name) == []


def test_deploy_speaks_tf_serving_with_and_without_inference_code(no_aws, tf_workspace, tensorflow_image,
                                                                  docker_client):
    from sagemaker.tensorflow import TensorFlowModel

    estimator, reports = _fit(tf_workspace, instance_count=1)
    assert reports["algo-1.json"]["tf_config"] is None
    predictor = estimator.deploy(1, "local")
    try:
        assert type(predictor).__name__ == "TensorFlowPredictor"
        assert predictor.predict({"instances": [[1.0, 2.0], [3.0, 0.0]]}) == {"predictions": [4.5, 6.5]}
        assert predictor.regress({"examples": [{"a": 1.0, "b": 1.0}]}) == {"results": [3.5]}
        assert predictor.classify({"examples": [{"a": 0.0, "b": 1.0}]}) == {"result": [[["positive", 1.5]]]}
    finally:
        predictor.delete_endpoint()

    model = TensorFlowModel(model_data=estimator.model_data, role=ROLE, framework_version="2.13",
                            entry_point="inference.py", source_dir=str(tf_workspace["code"]),
                            sagemaker_session=_session(tf_workspace))
    scaled = model.deploy(1, "local")
    try:
        assert scaled.predict([[1.0, 1.0]]) == {"scaled": [30.5], "model": "model"}
    finally:
        scaled.delete_endpoint()
    assert leftovers(docker_client, scaled.endpoint_name) == []
