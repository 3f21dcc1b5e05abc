"""The compose files we write are accepted by the Compose implementations on this machine.

Two checks document compatibility (see also tests/local/test_compose_file.py, which
validates the same files against the Compose Specification JSON schema without Docker):

* ``docker-compose config`` of docker-compose 1.29 (Debian's ``docker-compose``
  package, what CI installs) parses, validates and normalises every file;
* the detected Compose command (``docker compose`` v2+ when the plugin is installed)
  does the same.

Neither needs a GPU: ``config`` checks the ``local_gpu`` device reservation's shape.
"""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest
import yaml

from sagemaker_estimators.local.compose import compose_file
from sagemaker_estimators.local.compose.compose_cli import detect_compose
from sagemaker_estimators.local.layout import create_job_layout
from tests.local_docker.helpers import serving_spec, training_spec

pytestmark = pytest.mark.docker


def _files(root: str, image: str):
    files = {}
    for instance_type in ("local", "local_gpu"):
        spec = training_spec(os.path.join(root, instance_type), "config-check", image, instance_count=2,
                             instance_type=instance_type)
        layout = create_job_layout(spec.work_dir, 2, spec.hyperparameters, spec.channels)
        files[f"train-{instance_type}"] = compose_file.write_compose_file(
            compose_file.training_compose(spec, layout), os.path.join(root, f"train-{instance_type}.yaml"))
    model_dir = os.path.join(root, "model")
    os.makedirs(model_dir)
    serving = serving_spec("config-check", image, model_dir, os.path.join(root, "local", "code"))
    files["serve"] = compose_file.write_compose_file(
        compose_file.serving_compose(serving, 18080), os.path.join(root, "serve.yaml"))
    return files


def _commands():
    commands = []
    if shutil.which("docker-compose"):
        commands.append(("docker-compose",))
    detected = detect_compose().argv
    if detected not in commands:
        commands.append(detected)
    return commands


@pytest.mark.parametrize("kind", ["train-local", "train-local_gpu", "serve"])
def test_compose_implementations_accept_our_files(tmp_path, docker_client, kind):
    path = _files(str(tmp_path), "sagemaker-estimators/sklearn-standin:1.2-1")[kind]
    for command in _commands():
        result = subprocess.run([*command, "-p", "config-check", "-f", path, "config"], capture_output=True,
                                text=True)
        assert result.returncode == 0, f"{' '.join(command)} config rejected {kind}: {result.stderr}"
        normalised = yaml.safe_load(result.stdout)
        services = normalised["services"]
        if kind == "serve":
            assert list(services) == ["algo-1"]
            (port,) = services["algo-1"]["ports"]
            if isinstance(port, str):  # 1.29 keeps the short form
                assert port == "127.0.0.1:18080:8080/tcp"
            else:  # v2 expands it
                assert (port["host_ip"], str(port["published"]), int(port["target"])) == ("127.0.0.1", "18080", 8080)
        else:
            assert sorted(services) == ["algo-1", "algo-2"]
            devices = services["algo-1"].get("deploy", {}).get("resources", {}).get("reservations", {}).get("devices")
            if kind == "train-local_gpu":
                (device,) = devices
                assert (device["driver"], device["capabilities"]) == ("nvidia", ["gpu"])
                assert device["count"] in ("all", -1)  # v2 writes "all" as -1
            else:
                assert devices is None
