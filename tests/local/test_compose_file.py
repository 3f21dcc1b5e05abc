"""Shape of the compose files for local training and serving, and their validity.

Validity is checked against the Compose Specification JSON schema
(``tests/local/compose_spec.json``: the ``compose/config/compose_spec.json`` data file
shipped in the ``docker-compose==1.29.2`` package on PyPI, the schema that release
validates with; draft 2019-09, read here with ``jsonschema``).  The docker-marked
``tests/local_docker/test_compose_config.py`` additionally runs ``docker-compose
config`` (1.29) and the detected ``docker compose`` on the same files.
"""
from __future__ import annotations

import json
import os
import re

import jsonschema
import pytest
import yaml

from sagemaker_estimators.local.compose import compose_file
from sagemaker_estimators.local.layout import create_job_layout
from sagemaker_estimators.local.runtime import ChannelSpec, ServingSpec, TrainingSpec

SCHEMA_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "compose_spec.json")


@pytest.fixture(scope="module")
def validator():
    with open(SCHEMA_PATH, encoding="utf-8") as handle:
        schema = json.load(handle)
    assert schema["title"] == "Compose Specification"
    return jsonschema.Draft201909Validator(schema)


def _spec(root, instance_count=2, instance_type="local", **overrides) -> TrainingSpec:
    values = dict(
        job_name="My_Job.2024",
        image_uri="246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
        framework="sklearn",
        instance_type=instance_type,
        instance_count=instance_count,
        hyperparameters={"C": "0.5"},
        channels=[ChannelSpec("train", "/data/train dir"), ChannelSpec("test", "/data/with:colon")],
        code_dir="/src/code",
        environment={"SAGEMAKER_REGION": "us-west-2", "SECRET": "s3cr3t"},
        work_dir=os.path.join(str(root), "work"),
        artifacts_dir=os.path.join(str(root), "out"),
    )
    values.update(overrides)
    return TrainingSpec(**values)


def _training(root, **kwargs):
    spec = _spec(root, **kwargs)
    layout = create_job_layout(spec.work_dir, spec.instance_count, spec.hyperparameters, spec.channels)
    return spec, layout, compose_file.training_compose(spec, layout)


def _serving_spec(**overrides) -> ServingSpec:
    values = dict(endpoint_name="ep", image_uri="img:1", framework="sklearn", instance_type="local",
                  model_dir="/models/m1", environment={"SAGEMAKER_PROGRAM": "inference.py"}, code_dir="/src/code")
    values.update(overrides)
    return ServingSpec(**values)


def test_one_service_per_host_on_a_private_network(tmp_path):
    _spec_, layout, content = _training(tmp_path, instance_count=3)

    assert list(content) == ["services", "networks"]
    assert "version" not in content  # obsolete in the specification; 1.27+ read such files as the specification
    assert list(content["services"]) == ["algo-1", "algo-2", "algo-3"]
    assert content["networks"] == {
        "sagemaker-local": {"driver": "bridge", "labels": {compose_file.LABEL_JOB: "My_Job.2024"}}}
    for host, service in content["services"].items():
        assert service["hostname"] == host
        assert service["networks"] == {"sagemaker-local": {"aliases": [host]}}
        assert service["command"] == ["train"]
        assert service["tty"] is True
        assert service["labels"] == {compose_file.LABEL_JOB: "My_Job.2024", compose_file.LABEL_HOST: host}
        assert "ports" not in service and "deploy" not in service


def test_mounts_per_host_trees_channels_shared_and_code(tmp_path):
    spec, layout, content = _training(tmp_path)

    for host in ("algo-1", "algo-2"):
        mounts = {m["target"]: m["source"] for m in content["services"][host]["volumes"]}
        root = os.path.join(layout.root, host)
        assert mounts == {
            "/opt/ml/input": os.path.join(root, "input"),
            "/opt/ml/model": os.path.join(root, "model"),
            "/opt/ml/output": os.path.join(root, "output"),
            "/opt/ml/checkpoints": os.path.join(root, "checkpoints"),
            "/opt/ml/input/data/train": "/data/train dir",
            "/opt/ml/input/data/test": "/data/with:colon",
            "/opt/ml/shared": layout.shared_dir,
            "/opt/ml/code": "/src/code",
        }
        assert all(m["type"] == "bind" for m in content["services"][host]["volumes"])


def test_environment_is_passed_by_name_only_and_no_file_holds_a_value(tmp_path):
    spec, _l, content = _training(tmp_path)

    # issue 16 item 3: values travel in the compose process's environment, never in the file
    assert content["services"]["algo-1"]["environment"] == ["SAGEMAKER_REGION", "SECRET"]
    path = compose_file.write_compose_file(content, str(tmp_path / "docker-compose.yaml"))
    text = open(path).read()
    assert "s3cr3t" not in text and "SAGEMAKER_REGION: us-west-2" not in text
    assert compose_file.process_environment(spec.environment) == {"SAGEMAKER_REGION": "us-west-2", "SECRET": "s3cr3t"}


def test_names_compose_itself_uses_travel_under_an_alias():
    environment = {"PATH": "/opt/bin", "DOCKER_HOST": "tcp://x", "AWS_SECRET_ACCESS_KEY": "k"}
    entries = compose_file._environment(environment)
    extra = compose_file.process_environment(environment)
    assert entries[2] == "AWS_SECRET_ACCESS_KEY" and extra["AWS_SECRET_ACCESS_KEY"] == "k"
    for entry, key in zip(entries[:2], ("PATH", "DOCKER_HOST")):
        name, _, reference = entry.partition("=")
        alias = reference[2:-1]
        assert name == key and reference == "${" + alias + "}" and extra[alias] == environment[key]
        assert key not in extra  # compose's own PATH / DOCKER_HOST stay as they are


def test_local_gpu_reserves_all_nvidia_gpus(tmp_path):
    _s, _l, content = _training(tmp_path, instance_type="local_gpu")

    for service in content["services"].values():
        assert service["deploy"] == {
            "resources": {"reservations": {"devices": [{"driver": "nvidia", "count": "all", "capabilities": ["gpu"]}]}}
        }


def test_container_entry_point_replaces_the_train_command(tmp_path):
    _s, _l, content = _training(
        tmp_path, container_entry_point=["python3", "-m", "job"], container_arguments=["--epochs", "2"]
    )

    service = content["services"]["algo-1"]
    assert service["entrypoint"] == ["python3", "-m", "job", "--epochs", "2"]
    assert "command" not in service


def test_checkpoint_dir_and_no_code(tmp_path):
    _s, _l, content = _training(tmp_path, checkpoint_local_dir="/ckpt", code_dir=None)

    mounts = {m["target"]: m["source"] for m in content["services"]["algo-1"]["volumes"]}
    assert mounts["/opt/ml/checkpoints"] == "/ckpt"
    assert "/opt/ml/code" not in mounts


def test_serving_publishes_on_loopback_only():
    content = compose_file.serving_compose(_serving_spec(), 18080)

    (service,) = content["services"].values()
    assert list(content["services"]) == ["algo-1"]
    assert service["ports"] == ["127.0.0.1:18080:8080"]
    assert service["command"] == ["serve"]
    assert {m["target"]: m["source"] for m in service["volumes"]} == {
        "/opt/ml/model": "/models/m1", "/opt/ml/code": "/src/code"}
    assert service["environment"] == ["SAGEMAKER_PROGRAM"]


@pytest.mark.parametrize("port", [0, 65536, "8080", True, None])
def test_serving_rejects_bad_ports(port):
    with pytest.raises(ValueError, match="port must be an int between 1 and 65535"):
        compose_file.serving_compose(_serving_spec(), port)


def test_bad_instance_type_names_the_choices(tmp_path):
    with pytest.raises(ValueError, match=r"instance_type must be one of \['local', 'local_gpu'\].*'local_process'"):
        _training(tmp_path, instance_type="local_process")


def test_bad_environment_is_rejected(tmp_path):
    with pytest.raises(TypeError, match=r"environment\['N'\] must be a str, got int"):
        _training(tmp_path, environment={"N": 1})
    with pytest.raises(ValueError, match="environment keys"):
        _training(tmp_path, environment={"A=B": "1"})


def test_project_names_are_unique_and_compose_safe():
    names = {compose_file.project_name("My_Job.2024") for _ in range(50)}

    assert len(names) == 50
    for name in names:
        assert re.fullmatch(r"sm-my_job-2024-[0-9a-f]{8}", name)
    assert compose_file.project_name("A" * 100, suffix="s") == "sm-" + "a" * 63 + "-s"
    # jobs started in the same second differ only at the end of their names
    assert compose_file.project_name("sagemaker-scikit-learn-2026-11-22-03-33-12-345", suffix="s").endswith("345-s")
    with pytest.raises(ValueError, match="job_name"):
        compose_file.project_name("")


@pytest.mark.parametrize("instance_type", ["local", "local_gpu"])
def test_training_files_follow_the_compose_specification(tmp_path, validator, instance_type):
    spec, _l, content = _training(tmp_path, instance_type=instance_type, checkpoint_local_dir="/ckpt")
    path = compose_file.write_compose_file(content, str(tmp_path / "docker-compose.yaml"))

    with open(path, encoding="utf-8") as handle:
        written = yaml.safe_load(handle)
    assert written == content
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"
    validator.validate(written)


def test_serving_file_follows_the_compose_specification(validator):
    validator.validate(yaml.safe_load(compose_file.dump(compose_file.serving_compose(_serving_spec(), 8081))))


def test_the_schema_check_catches_a_broken_file(tmp_path, validator):
    _s, _l, content = _training(tmp_path)
    content["services"]["algo-1"]["deploy"] = {"resources": {"reservations": {"devices": [{"gpus": "all"}]}}}

    with pytest.raises(jsonschema.ValidationError):
        validator.validate(content)


def test_container_config_adds_service_keys_but_cannot_override_ours(tmp_path, validator):
    spec = _spec(tmp_path)
    layout = create_job_layout(spec.work_dir, 2, spec.hyperparameters, spec.channels)
    extra = {"shm_size": "1g", "image": "not-this-one", "ulimits": {"memlock": -1}}

    content = compose_file.training_compose(spec, layout, container_config=extra)

    for service in content["services"].values():
        assert (service["shm_size"], service["ulimits"], service["image"]) == ("1g", {"memlock": -1}, spec.image_uri)
    validator.validate(content)
    serving = compose_file.serving_compose(_serving_spec(), 8080, container_config={"shm_size": "2g"})
    assert serving["services"]["algo-1"]["shm_size"] == "2g"
    with pytest.raises(TypeError, match="container_config must be a mapping"):
        compose_file.training_compose(spec, layout, container_config=["shm_size"])
