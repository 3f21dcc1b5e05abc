"""Fixtures for tuning tests: a training script whose score depends on its hyperparameters."""
from __future__ import annotations

import json

import pytest

from tests.local_session.conftest import isolated_tmp, stop_endpoints  # noqa: F401 - shared fixtures

ROLE = "arn:aws:iam::111111111111:role/SageMakerRole"

#: prints "score=" once per epoch; the score rises with the epoch and peaks at lr=0.1, depth=5, kind="good"
TRAIN_SCRIPT = '''
import argparse, json, os, sys, time


def model_fn(model_dir):
    with open(os.path.join(model_dir, "depth.txt")) as handle:
        return int(handle.read())


def input_fn(body, content_type):
    return json.loads(body)


def predict_fn(data, model):
    return [x * model for x in data]


def output_fn(prediction, accept):
    return json.dumps(prediction)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--depth", type=int, default=5)
    parser.add_argument("--kind", type=str, default="good")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--sleep", type=float, default=0.0)
    args, _ = parser.parse_known_args()
    with open(os.path.join(os.environ["SM_INPUT_CONFIG_DIR"], "hyperparameters.json")) as handle:
        objective = json.load(handle).get("_tuning_objective_metric")
    print("STARTED", os.getpid(), "objective", objective, flush=True)
    bonus = {"good": 1.0, "bad": 0.0}[args.kind]
    for epoch in range(args.epochs):
        score = (1 - abs(args.lr - 0.1)) * (epoch + 1) / args.epochs + bonus - abs(args.depth - 5) * 0.05
        print(f"epoch {epoch} loss={1 - score / 3:.4f} score={score:.4f}", flush=True)
        time.sleep(args.sleep)
    with open(os.path.join(os.environ["SM_MODEL_DIR"], "depth.txt"), "w") as handle:
        handle.write(str(args.depth))
'''


def expected_score(lr: float, depth: int, kind: str, epochs: int = 3) -> float:
    """What TRAIN_SCRIPT prints last, rounded as it prints it."""
    return round((1 - abs(lr - 0.1)) + {"good": 1.0, "bad": 0.0}[kind] - abs(depth - 5) * 0.05, 4)


@pytest.fixture
def workspace(tmp_path, isolated_tmp):  # noqa: F811 - the shared fixture, imported above
    code = tmp_path / "code"
    code.mkdir()
    (code / "train.py").write_text(TRAIN_SCRIPT)
    root = tmp_path / "root"
    root.mkdir()
    return {"code": code, "root": root, "out": tmp_path / "out", "tmp": isolated_tmp}


@pytest.fixture
def local_session(workspace):
    from sagemaker_estimators.local.session import LocalSession

    session = LocalSession()
    session.config = {"local": {"local_code": True, "container_root": str(workspace["root"])}}
    return session


def leftovers(path) -> list:
    return sorted(p.name for p in path.iterdir())


@pytest.fixture
def unreachable_aws(no_aws, monkeypatch):
    """A region but no credentials and no reachable endpoint: any AWS call fails."""
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-west-2")


@pytest.fixture
def sent(monkeypatch):
    """CreateHyperParameterTuningJob requests as the session sends them (it still sends them)."""
    from sagemaker_estimators.session import Session

    requests = []
    original = Session.send_tuning_job_request

    def record(self, request):
        requests.append(json.loads(json.dumps(request)))
        return original(self, request)

    monkeypatch.setattr(Session, "send_tuning_job_request", record)
    return requests
