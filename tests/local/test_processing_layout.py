"""The processing host tree, output merging and the compose dict (pure, no Docker)."""
from __future__ import annotations

import json
import os

import pytest

from sagemaker_estimators.local.compose import compose_file
from sagemaker_estimators.local.compose.processing_runner import processing_compose
from sagemaker_estimators.local.processing_layout import collect_outputs, create_hosts, relative_path
from sagemaker_estimators.local.runtime import MountSpec, ProcessingSpec


def _spec(tmp_path, **overrides):
    values = dict(
        job_name="job-1", image_uri="img:1", instance_type="local", instance_count=2,
        entrypoint=["python3", "/opt/ml/processing/input/code/run.py"], arguments=["--a", "1"],
        environment={"MODE": "x"},
        inputs=[MountSpec("code", str(tmp_path / "code"), "/opt/ml/processing/input/code"),
                MountSpec("data", str(tmp_path / "data"), "/opt/ml/processing/input/")],
        outputs=[MountSpec("out", str(tmp_path / "collected"), "/opt/ml/processing/output")],
        job_config={"ProcessingJobName": "job-1"}, work_dir=str(tmp_path / "work"),
    )
    values.update(overrides)
    return ProcessingSpec(**values)


@pytest.mark.parametrize("path", ["/opt/ml/model", "/opt/ml/processing", "/opt/ml/processing/../x", "relative"])
def test_container_paths_outside_processing_are_refused(path):
    with pytest.raises(ValueError, match="must lie under /opt/ml/processing/"):
        relative_path(path)


def test_hosts_get_config_files_and_nested_inputs(tmp_path):
    for name in ("code", "data"):
        (tmp_path / name).mkdir()
    (tmp_path / "code" / "run.py").write_text("x")
    spec = _spec(tmp_path)
    hosts = create_hosts(spec)
    for host in hosts:
        host.link_inputs(spec.inputs)
        config = json.load(open(os.path.join(host.config_dir, "resourceconfig.json")))
        assert config["current_host"] == host.host and config["hosts"] == ["algo-1", "algo-2"]
        assert json.load(open(os.path.join(host.config_dir, "processingjobconfig.json"))) == spec.job_config
        assert open(host.path_of("/opt/ml/processing/input/code/run.py")).read() == "x"
        assert os.path.isdir(host.path_of("/opt/ml/processing/output"))
    # hosts write the same name: the first host wins, as for training artifacts
    for host in hosts:
        with open(os.path.join(host.path_of("/opt/ml/processing/output"), "same.txt"), "w") as handle:
            handle.write(host.host)
        with open(os.path.join(host.path_of("/opt/ml/processing/output"), host.host), "w") as handle:
            handle.write("1")
    collect_outputs(hosts, spec.outputs)
    assert sorted(os.listdir(tmp_path / "collected")) == ["algo-1", "algo-2", "same.txt"]
    assert (tmp_path / "collected" / "same.txt").read_text() == "algo-1"


def test_compose_dict_mounts_config_inputs_and_per_host_outputs(tmp_path):
    spec = _spec(tmp_path)
    hosts = create_hosts(spec)
    content = processing_compose(spec, hosts, {"shm_size": "1g"})
    service = content["services"]["algo-2"]
    assert service["entrypoint"] == ["python3", "/opt/ml/processing/input/code/run.py"]
    assert service["command"] == ["--a", "1"]
    # values never sit in the file: compose gets them in its own environment
    assert service["environment"] == ["MODE"] and service["shm_size"] == "1g"
    assert compose_file.process_environment({"MODE": "x"}) == {"MODE": "x"}
    targets = {volume["target"]: volume["source"] for volume in service["volumes"]}
    assert targets == {
        "/opt/ml/config": hosts[1].config_dir,
        "/opt/ml/output": hosts[1].output_dir,
        "/opt/ml/processing/input/code": str(tmp_path / "code"),
        "/opt/ml/processing/input": str(tmp_path / "data"),
        "/opt/ml/processing/output": hosts[1].path_of("/opt/ml/processing/output"),
    }
    no_entrypoint = processing_compose(_spec(tmp_path, entrypoint=None, arguments=None), hosts)
    assert "entrypoint" not in no_entrypoint["services"]["algo-1"]
    assert "command" not in no_entrypoint["services"]["algo-1"]
    with pytest.raises(ValueError, match="instance_type"):
        processing_compose(_spec(tmp_path, instance_type="local_process"), hosts)
