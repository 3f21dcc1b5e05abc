"""Training jobs through the compose runtime on a real engine with the stand-in image."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from sagemaker_estimators.local.compose.compose_runtime import ComposeRuntime
from sagemaker_estimators.local.runtime import TrainingFailedError
from tests.local_docker.conftest import REPO, leftovers
from tests.local_docker.helpers import tar_member, tar_names, training_spec

pytestmark = pytest.mark.docker


@pytest.mark.parametrize("front_end", ["docker compose", "docker-compose"])
def test_single_host_job_packs_artifacts_without_any_aws_access(
    no_aws, tmp_path, job_name, standin_image, docker_client, compose_front_ends, front_end, capfd
):
    if front_end not in compose_front_ends:
        pytest.skip(f"{front_end} is not installed here (bash .ci/compose_plugin.sh adds the v2 plugin)")
    spec = training_spec(str(tmp_path), job_name, standin_image)

    result = ComposeRuntime(compose=compose_front_ends[front_end], pull=False).train(spec)

    assert result.model_artifacts == os.path.join(spec.artifacts_dir, "model.tar.gz")
    assert tar_names(result.model_artifacts) == ["model.joblib", "written-by-algo-1.txt"]
    assert tar_names(result.output_artifacts) == ["data", "data/info.json", "success"]
    info = json.loads(tar_member(result.output_artifacts, "data/info.json"))
    assert info == {"host": "algo-1", "peers": ["algo-1"], "args": ["-C", "0.5"]}
    logs = capfd.readouterr().out
    assert "algo-1 | training on algo-1 of ['algo-1'] with C=0.5" in logs
    assert leftovers(docker_client, job_name) == []


def test_two_hosts_see_each_other_and_algo_1_wins_name_clashes(tmp_path, job_name, standin_image, docker_client):
    spec = training_spec(str(tmp_path), job_name, standin_image, instance_count=2)

    result = ComposeRuntime(pull=False).train(spec)

    assert tar_names(result.model_artifacts) == ["model.joblib", "written-by-algo-1.txt", "written-by-algo-2.txt"]
    info = json.loads(tar_member(result.output_artifacts, "data/info.json"))
    assert info["host"] == "algo-1" and info["peers"] == ["algo-1", "algo-2"]
    for host in ("algo-1", "algo-2"):
        config = json.load(open(os.path.join(spec.work_dir, host, "input", "config", "resourceconfig.json")))
        assert config == {"current_host": host, "hosts": ["algo-1", "algo-2"], "network_interface_name": "eth0",
                          "current_instance_type": "local"}
    assert leftovers(docker_client, job_name) == []


def test_failure_of_the_second_host_fails_the_job_and_stops_the_first(
    tmp_path, job_name, standin_image, docker_client
):
    # algo-1 would sleep five minutes and then write its model: the job must not wait for it
    spec = training_spec(
        str(tmp_path), job_name, standin_image, instance_count=2,
        extra_hyperparameters={"fail-on": "algo-2", "sleep-on": "algo-1", "sleep": 300},
    )

    with pytest.raises(TrainingFailedError) as raised:
        ComposeRuntime(pull=False).train(spec)

    error = raised.value
    assert (error.job_name, error.host, error.exit_code) == (job_name, "algo-2", 1)
    # the toolkit's failure file names the failed command; the traceback is in the log
    assert error.reason.startswith("ExecuteUserScriptError") and "--fail-on algo-2" in error.reason
    assert "ValueError: boom on algo-2" in error.log_tail
    assert "algo-2" in str(error)
    assert not os.path.exists(os.path.join(spec.work_dir, "algo-1", "model", "model.joblib"))
    assert not os.path.exists(spec.artifacts_dir)
    assert leftovers(docker_client, job_name) == []


def test_single_host_failure_reports_the_failure_file(tmp_path, job_name, standin_image, docker_client):
    spec = training_spec(str(tmp_path), job_name, standin_image, extra_hyperparameters={"fail-on": "algo-1"})

    with pytest.raises(TrainingFailedError) as raised:
        ComposeRuntime(pull=False).train(spec)

    assert (raised.value.host, raised.value.exit_code) == ("algo-1", 1)
    with open(os.path.join(spec.work_dir, "algo-1", "output", "failure")) as handle:
        assert raised.value.reason == handle.read().strip()  # the toolkit's failure file
    assert "ValueError: boom on algo-1" in raised.value.log_tail
    assert leftovers(docker_client, job_name) == []


DRIVER = textwrap.dedent(
    """
    import shutil, sys, tempfile
    sys.path.insert(0, {repo!r})
    from sagemaker_estimators.local.compose.compose_runtime import ComposeRuntime
    from tests.local_docker.helpers import training_spec

    # what LocalSession's client does: a scratch dir per job, removed whatever happens
    root = tempfile.mkdtemp(prefix="sm-interrupt-", dir={base!r})
    try:
        spec = training_spec(root, {job!r}, {image!r}, instance_count=2,
                             extra_hyperparameters={{"sleep-on": "algo-1", "sleep": 300}})
        print("starting", flush=True)
        ComposeRuntime(pull=False).train(spec)
    finally:
        shutil.rmtree(root)
    """
)


EXIT_RIGHT_AFTER_FIT = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {repo!r})
    from sagemaker_estimators.local.compose.background_teardown import TEARDOWNS
    from sagemaker_estimators.local.compose.compose_runtime import ComposeRuntime
    from tests.local_docker.helpers import training_spec

    ComposeRuntime(pull=False).train(training_spec({root!r}, {job!r}, {image!r}))
    print("pending teardowns:", TEARDOWNS.pending(), flush=True)
    """
)


def test_a_program_that_exits_right_after_fit_still_leaves_nothing(tmp_path, job_name, standin_image, docker_client):
    code = EXIT_RIGHT_AFTER_FIT.format(repo=REPO, root=str(tmp_path), job=job_name, image=standin_image)
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300)

    assert result.returncode == 0, result.stderr[-3000:]
    # fit() returned while the containers and the network were still being removed ...
    assert "pending teardowns: 1" in result.stdout
    # ... and the interpreter finished that removal before it exited
    assert leftovers(docker_client, job_name, wait_for_teardowns=False) == []


def test_ctrl_c_leaves_no_containers_networks_or_temp_dirs(tmp_path, job_name, standin_image, docker_client):
    base = tmp_path / "scratch"
    base.mkdir()
    code = DRIVER.format(repo=REPO, base=str(base), job=job_name, image=standin_image)
    child = subprocess.Popen([sys.executable, "-c", code], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    try:
        deadline = time.monotonic() + 120
        running = []
        while time.monotonic() < deadline and len(running) < 2 and child.poll() is None:
            running = docker_client.containers.list(filters={"label": f"org.sagemaker-estimators.job={job_name}"})
            time.sleep(0.2)
        assert len(running) == 2, "the job's two containers never ran"
        child.send_signal(signal.SIGINT)
        _out, err = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert child.returncode != 0
    assert "KeyboardInterrupt" in err
    assert leftovers(docker_client, job_name) == []
    assert list(base.iterdir()) == []
