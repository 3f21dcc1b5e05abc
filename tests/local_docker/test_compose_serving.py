"""Endpoints through the compose runtime on a real engine with the stand-in image."""
from __future__ import annotations

import json
import tarfile
import threading
import time
import uuid

import pytest

from sagemaker_estimators.local.compose.compose_runtime import ComposeRuntime
from tests.local_docker.conftest import leftovers
from tests.local_docker.helpers import serving_spec, training_spec

pytestmark = pytest.mark.docker


@pytest.fixture(scope="module")
def trained(tmp_path_factory, standin_image):
    """(model dir, code dir) of a model trained in the stand-in image (same sklearn as serving)."""
    root = tmp_path_factory.mktemp("trained")
    spec = training_spec(str(root), f"serve-fixture-{uuid.uuid4().hex[:6]}", standin_image)
    result = ComposeRuntime(pull=False).train(spec)
    model_dir = root / "model"
    model_dir.mkdir()
    with tarfile.open(result.model_artifacts) as archive:
        archive.extractall(model_dir, filter="data")
    return str(model_dir), spec.code_dir


def _name() -> str:
    return f"test-endpoint-{uuid.uuid4().hex[:8]}"


def test_serve_predict_stop(trained, standin_image, docker_client):
    name = _name()
    endpoint = ComposeRuntime(pull=False).serve(serving_spec(name, standin_image, *trained))
    try:
        assert endpoint.url.startswith("http://127.0.0.1:")
        assert endpoint.ping()
        result = endpoint.invoke(b"1,2\n5,5", "text/csv", "application/json")
        assert (result.status, result.content_type) == (200, "application/json")
        assert json.loads(result.body) == [0.0, 1.0]
        # the engine copies the container's output to its log asynchronously
        deadline = time.monotonic() + 30
        while "POST /invocations" not in endpoint.log_tail() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "POST /invocations" in endpoint.log_tail()
    finally:
        endpoint.stop()
    assert not endpoint.ping()
    endpoint.stop()  # idempotent
    assert leftovers(docker_client, name) == []


def test_two_endpoints_at_once_each_on_loopback_only(trained, standin_image, docker_client):
    runtime = ComposeRuntime(pull=False)
    names = [_name(), _name()]
    endpoints = []
    try:
        for name in names:
            endpoints.append(runtime.serve(serving_spec(name, standin_image, *trained)))
        assert endpoints[0].port != endpoints[1].port
        for endpoint, name in zip(endpoints, names):
            assert endpoint.invoke(b"1,2", "text/csv", "application/json").body == b"[0.0]"
            (container,) = docker_client.containers.list(filters={"label": f"org.sagemaker-estimators.job={name}"})
            bindings = container.attrs["HostConfig"]["PortBindings"]["8080/tcp"]
            assert bindings == [{"HostIp": "127.0.0.1", "HostPort": str(endpoint.port)}]
    finally:
        for endpoint in endpoints:
            endpoint.stop()
    for name in names:
        assert leftovers(docker_client, name) == []


def test_model_that_fails_to_load_reports_the_log_tail(trained, standin_image, docker_client):
    name = _name()
    spec = serving_spec(name, standin_image, *trained, environment={"FAIL_TO_LOAD": "bad weights"})

    with pytest.raises(RuntimeError) as raised:
        ComposeRuntime(pull=False, serve_timeout=60).serve(spec)

    assert "exited" in str(raised.value)
    assert "model_fn refused to load: bad weights" in str(raised.value)
    assert leftovers(docker_client, name) == []


def test_container_removed_while_waiting_for_ping_is_a_clear_error(trained, standin_image, docker_client):
    name = _name()
    spec = serving_spec(name, standin_image, *trained, environment={"SLOW_LOAD": "120"})
    label = {"label": f"org.sagemaker-estimators.job={name}"}

    def remove_once_running():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            running = docker_client.containers.list(filters=label)
            if running:
                time.sleep(0.5)  # let serve() start polling /ping
                running[0].remove(force=True)
                return
            time.sleep(0.1)

    remover = threading.Thread(target=remove_once_running)
    remover.start()
    try:
        # not the engine's NotFound: an error that says what happened to the endpoint
        with pytest.raises(RuntimeError, match=r"was removed before answering /ping|exited \(code"):
            ComposeRuntime(pull=False, serve_timeout=60).serve(spec)
    finally:
        remover.join()
    assert leftovers(docker_client, name) == []


def test_fixed_port_is_used(trained, standin_image, docker_client):
    from sagemaker_estimators.local.compose.compose_runtime import free_port

    port = free_port()
    name = _name()
    endpoint = ComposeRuntime(pull=False).serve(serving_spec(name, standin_image, *trained, port=port))
    try:
        assert endpoint.url == f"http://127.0.0.1:{port}"
        assert endpoint.ping()
    finally:
        endpoint.stop()
    assert leftovers(docker_client, name) == []
