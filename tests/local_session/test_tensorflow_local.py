"""TensorFlow (and MXNet) with instance_type="local_process": the TensorFlow container's script contract.

The host has no ``tensorflow`` (the default suite must not need it).  Where a job
has to get past the "is tensorflow importable" check, the test puts a stand-in
``tensorflow`` package (an empty module with a marker) on the host's PYTHONPATH:
the training scripts here do not use TensorFlow, they report the contract the
TensorFlow toolkit gives them (``--model_dir``, ``SM_*``, ``TF_CONFIG``), and
importing the stand-in proves the job ran with the host's environment.
"""
from __future__ import annotations

import json
import os
import tarfile
import textwrap

import pytest

from tests.local_session.conftest import ROLE, leftovers

REPORT_SCRIPT = """\
    import argparse
    import json
    import os
    import sys

    import tensorflow

    parser = argparse.ArgumentParser()
    parser.add_argument("--model_dir")
    parser.add_argument("--epochs", type=int)
    args, _ = parser.parse_known_args()
    host = os.environ["SM_CURRENT_HOST"]
    report = {
        "argv": sys.argv[1:],
        "model_dir": args.model_dir,
        "epochs": args.epochs,
        "tf_config": json.loads(os.environ["TF_CONFIG"]) if "TF_CONFIG" in os.environ else None,
        "hosts": json.loads(os.environ["SM_HOSTS"]),
        "framework_module": os.environ.get("SM_FRAMEWORK_MODULE"),
        "framework_params": json.loads(os.environ["SM_FRAMEWORK_PARAMS"]),
        "s3_region": os.environ.get("S3_REGION"),
        "tf_cpp_min_log_level": os.environ.get("TF_CPP_MIN_LOG_LEVEL"),
        "channel": os.listdir(os.environ["SM_CHANNEL_TRAINING"]),
        "tensorflow": tensorflow.STANDIN,
    }
    with open(os.path.join(os.environ["SM_MODEL_DIR"], host + ".json"), "w") as handle:
        json.dump(report, handle)
"""


@pytest.fixture
def tf_workspace(tmp_path, monkeypatch):
    code = tmp_path / "code"
    code.mkdir()
    (code / "train.py").write_text(textwrap.dedent(REPORT_SCRIPT))
    data = tmp_path / "data"
    data.mkdir()
    (data / "rows.csv").write_text("1,2\n")
    root = tmp_path / "root"
    root.mkdir()
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    return {"code": code, "data": data, "root": root, "out": tmp_path / "out", "tmp": tmp}


@pytest.fixture
def standin_tensorflow(tmp_path, monkeypatch):
    """A ``tensorflow`` package that only says it is a stand-in, importable by the job's processes."""
    site = tmp_path / "standin-site"
    (site / "tensorflow").mkdir(parents=True)
    (site / "tensorflow" / "__init__.py").write_text("STANDIN = 'tensorflow stand-in for tests'\n")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])))
    monkeypatch.syspath_prepend(str(site))
    return site


@pytest.fixture
def local_session(tf_workspace):
    from sagemaker_estimators.local.session import LocalSession

    session = LocalSession()
    session.config = {"local": {"local_code": True, "container_root": str(tf_workspace["root"])}}
    return session


def _estimator(workspace, session, **kwargs):
    from sagemaker.tensorflow import TensorFlow

    options = dict(entry_point="train.py", source_dir=str(workspace["code"]), framework_version="2.13",
                   py_version="py310", role=ROLE, instance_count=1, instance_type="local_process",
                   output_path="file://" + str(workspace["out"]), hyperparameters={"epochs": 2},
                   sagemaker_session=session)
    options.update(kwargs)
    return TensorFlow(**options)


def _reports(workspace, job):
    with tarfile.open(workspace["out"] / job / "model.tar.gz") as archive:
        return {member.name: json.load(archive.extractfile(member)) for member in archive.getmembers()
                if member.isfile()}


def test_script_mode_gets_model_dir_and_the_toolkit_environment(no_aws, tf_workspace, local_session,
                                                                standin_tensorflow):
    estimator = _estimator(tf_workspace, local_session)
    estimator.fit({"training": "file://" + str(tf_workspace["data"])})
    job = estimator.latest_training_job.name
    report = _reports(tf_workspace, job)["algo-1.json"]
    # local code: V2 points model_dir at the shared folder every host sees
    assert report["argv"] == ["--epochs", "2", "--model_dir", "/opt/ml/shared/model"]
    assert report["model_dir"] == "/opt/ml/shared/model" and report["epochs"] == 2
    assert report["tf_config"] is None  # one host, no distribution: the toolkit sets none
    assert report["hosts"] == ["algo-1"]
    assert report["framework_module"] == "sagemaker_tensorflow_container.training:main"
    assert report["s3_region"] and report["tf_cpp_min_log_level"] == "1"
    assert report["channel"] == ["rows.csv"]
    assert report["tensorflow"] == "tensorflow stand-in for tests"
    assert leftovers(tf_workspace["root"]) == []


def test_multi_worker_mirrored_strategy_gets_a_tf_config_per_host(no_aws, tf_workspace, local_session,
                                                                  standin_tensorflow):
    estimator = _estimator(tf_workspace, local_session, instance_count=2,
                           distribution={"multi_worker_mirrored_strategy": {"enabled": True}})
    estimator.fit({"training": "file://" + str(tf_workspace["data"])})
    reports = _reports(tf_workspace, estimator.latest_training_job.name)
    first, second = reports["algo-1.json"], reports["algo-2.json"]
    workers = first["tf_config"]["cluster"]["worker"]
    assert first["tf_config"]["cluster"] == second["tf_config"]["cluster"] == {"worker": workers}
    assert len(workers) == 2 and len(set(workers)) == 2
    assert all(address.startswith("127.0.0.1:") for address in workers)  # hosts meet on the loopback
    assert first["tf_config"]["task"] == {"index": 0, "type": "worker"}
    assert second["tf_config"]["task"] == {"index": 1, "type": "worker"}
    assert first["tf_config"]["environment"] == "cloud"
    assert first["framework_params"]["sagemaker_multi_worker_mirrored_strategy_enabled"] is True


def test_without_tensorflow_the_error_names_the_package(no_aws, tf_workspace, local_session):
    from sagemaker_estimators.local.process.process_runtime import FrameworkNotInstalledError

    estimator = _estimator(tf_workspace, local_session)
    with pytest.raises(Exception) as raised:
        estimator.fit({"training": "file://" + str(tf_workspace["data"])})
    message = str(raised.value)
    assert isinstance(raised.value, FrameworkNotInstalledError) or "tensorflow" in message
    assert "pip install tensorflow" in message and "instance_type='local'" in message
    assert leftovers(tf_workspace["root"]) == []


def test_parameter_server_needs_the_container(no_aws, tf_workspace, local_session, standin_tensorflow):
    estimator = _estimator(tf_workspace, local_session, instance_count=2,
                           distribution={"parameter_server": {"enabled": True}})
    with pytest.raises(Exception, match="parameter_server_enabled.*local_process"):
        estimator.fit({"training": "file://" + str(tf_workspace["data"])})


def test_saved_model_serving_without_tensorflow_names_the_package(no_aws, tf_workspace, local_session):
    from sagemaker.tensorflow import TensorFlowModel

    model_dir = tf_workspace["root"].parent / "export"
    (model_dir / "1").mkdir(parents=True)
    (model_dir / "1" / "saved_model.pb").write_bytes(b"not really a graph")
    archive = tf_workspace["root"].parent / "model.tar.gz"
    with tarfile.open(archive, "w:gz") as handle:
        handle.add(model_dir / "1", arcname="1")
    model = TensorFlowModel(model_data="file://" + str(archive), role=ROLE, framework_version="2.13",
                            sagemaker_session=local_session)
    with pytest.raises(Exception, match="needs the optional package 'tensorflow'.*pip install tensorflow"):
        model.deploy(1, "local_process")
