"""Shared fixtures: a moto HTTP server for the whole run, reset before each test that uses it."""
from __future__ import annotations

import os

import pytest

from tests.moto_server import MotoServer, start_moto_server


import sagemaker_estimators._startup  # noqa: F401  - the .pth hook, for runs from a checkout


@pytest.fixture(scope="session")
def moto_server():
    server = start_moto_server()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def aws(moto_server: MotoServer, monkeypatch):
    """Point boto3 at a freshly reset moto server with dummy credentials; yields the server."""
    moto_server.reset()
    for key, value in moto_server.environment().items():
        monkeypatch.setenv(key, value)
    for key in ("AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"):
        monkeypatch.delenv(key, raising=False)
    yield moto_server


@pytest.fixture
def no_aws(monkeypatch, tmp_path):
    """No credentials and no reachable endpoint: any AWS call fails loudly."""
    for key in list(os.environ):
        if key.startswith("AWS_"):
            monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
    yield


@pytest.fixture
def training_requests(monkeypatch):
    """The CreateTrainingJob requests the session sends, in order (the real session still sends them)."""
    import json

    from sagemaker_estimators.session import Session

    sent = []
    original = Session.create_training_job

    def record(self, request):
        sent.append(json.loads(json.dumps(request)))
        return original(self, request)

    monkeypatch.setattr(Session, "create_training_job", record)
    return sent
