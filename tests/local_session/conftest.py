"""Fixtures for LocalSession tests: an iris training script, isolated temp dirs, endpoint cleanup."""
from __future__ import annotations

import json
import os
import tempfile
import textwrap
import uuid

import pytest

from sagemaker_estimators.local.entities import REGISTRY, stop_server

SKLEARN_IMAGE = "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3"
ROLE = "arn:aws:iam::111111111111:role/SageMakerRole"

TRAIN_SCRIPT = """\
    import argparse
    import os
    import sys

    import joblib
    import numpy as np


    def model_fn(model_dir):
        return joblib.load(os.path.join(model_dir, "model.joblib"))


    if __name__ == "__main__":
        from sklearn.linear_model import LogisticRegression

        parser = argparse.ArgumentParser()
        parser.add_argument("--max-iter", type=int, default=100)
        parser.add_argument("--fail", type=int, default=0)
        args, _ = parser.parse_known_args()
        if args.fail:
            print("about to fail: bad hyperparameter", flush=True)
            raise ValueError("the training script was asked to fail")
        data = np.loadtxt(os.path.join(os.environ["SM_CHANNEL_TRAIN"], "train.csv"), delimiter=",")
        model = LogisticRegression(max_iter=args.max_iter).fit(data[:, 1:], data[:, 0])
        joblib.dump(model, os.path.join(os.environ["SM_MODEL_DIR"], "model.joblib"))
        with open(os.path.join(os.environ["SM_MODEL_DIR"], "max_iter.txt"), "w") as handle:
            handle.write(str(args.max_iter))
        print("trained with max_iter", args.max_iter, "on", len(data), "rows")
"""


@pytest.fixture
def isolated_tmp(tmp_path, monkeypatch):
    """TMPDIR for this process and its children, so a test can see every temp dir left behind."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    return tmp


def make_workspace(tmp_path) -> dict:
    """code/ with the iris script, data/train.csv (iris), an empty container root, the output dir."""
    from sklearn.datasets import load_iris
    import numpy as np

    code = tmp_path / "code"
    code.mkdir()
    (code / "train.py").write_text(textwrap.dedent(TRAIN_SCRIPT))
    data = tmp_path / "data"
    data.mkdir()
    iris = load_iris()
    np.savetxt(data / "train.csv", np.column_stack([iris.target, iris.data]), delimiter=",", fmt="%g")
    root = tmp_path / "root"
    root.mkdir()
    return {"code": code, "data": data, "root": root, "out": tmp_path / "out", "iris": iris}


@pytest.fixture
def workspace(tmp_path, isolated_tmp):
    """make_workspace() plus the isolated temp dir."""
    return dict(make_workspace(tmp_path), tmp=isolated_tmp)


@pytest.fixture
def session(workspace):
    """A LocalSession whose scratch dirs go to the workspace's container root."""
    from sagemaker_estimators.local.session import LocalSession

    sess = LocalSession()
    sess.config = {"local": {"local_code": True, "container_root": str(workspace["root"])}}
    return sess


@pytest.fixture(autouse=True)
def stop_endpoints():
    """No model server outlives its test."""
    yield
    with REGISTRY.lock:
        endpoints = list(REGISTRY.endpoints.values())
        REGISTRY.endpoints.clear()
    for endpoint in endpoints:
        stop_server(endpoint)


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def training_request(workspace, name, instance_type="local_process", output_path=None, hyperparameters=None,
                     channels=None, code_uri=None, image=SKLEARN_IMAGE):
    hps = {
        "max-iter": "200",
        "sagemaker_program": json.dumps("train.py"),
        "sagemaker_submit_directory": json.dumps(code_uri or "file://" + str(workspace["code"])),
        "sagemaker_container_log_level": "20",
        "sagemaker_job_name": json.dumps(name),
        "sagemaker_region": json.dumps("us-west-2"),
    }
    hps.update(hyperparameters or {})
    if channels is None:
        channels = [{"ChannelName": "train", "DataSource": {"FileDataSource": {
            "FileUri": "file://" + str(workspace["data"]), "FileDataDistributionType": "FullyReplicated"}}}]
    return {
        "TrainingJobName": name,
        "AlgorithmSpecification": {"TrainingImage": image, "TrainingInputMode": "File"},
        "RoleArn": ROLE,
        "OutputDataConfig": {"S3OutputPath": output_path or "file://" + str(workspace["out"])},
        "ResourceConfig": {"InstanceType": instance_type, "InstanceCount": 1, "VolumeSizeInGB": 30},
        "StoppingCondition": {"MaxRuntimeInSeconds": 86400},
        "InputDataConfig": channels,
        "HyperParameters": hps,
    }


def leftovers(directory) -> list:
    """Entries left in a directory (tmp or container root)."""
    return sorted(os.listdir(directory)) if os.path.isdir(directory) else []
