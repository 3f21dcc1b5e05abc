"""ProcessRuntime.train with real subprocesses: layout, toolkit parity, requirements, failures, Ctrl-C."""
from __future__ import annotations

import importlib.util
import io
import json
import os
import signal
import subprocess
import sys
import tarfile
import textwrap
import time

import attrs
import pytest

from sagemaker_estimators.local.process.process_runtime import FrameworkNotInstalledError, ProcessRuntime
from sagemaker_estimators.local.runtime import ChannelSpec, TrainingFailedError, TrainingSpec
from tests.local.toolkit_helpers import (
    DUMP_SCRIPT,
    build_wheel,
    kill_leftovers,
    make_bare_venv,
    normalise,
    process_alive,
    run_real_toolkit,
    toolkit_available,
)

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def make_spec(tmp_path, files, program="train.py", instance_count=1, hyperparameters=None, channels=None,
              framework=None, environment=None, **extra):
    code = tmp_path / "code"
    code.mkdir(exist_ok=True)
    for name, text in files.items():
        path = code / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    hps = {
        "sagemaker_program": json.dumps(program),
        "sagemaker_submit_directory": '"/opt/ml/code"',
        "sagemaker_container_log_level": "20",
        "sagemaker_job_name": '"job-1"',
        "sagemaker_region": '"us-west-2"',
    }
    hps.update(hyperparameters or {})
    return TrainingSpec(
        job_name="job-1", image_uri="local-image", framework=framework, instance_type="local_process",
        instance_count=instance_count, hyperparameters=hps, channels=channels or [], code_dir=str(code),
        environment=environment or {}, work_dir=str(tmp_path / "work"), artifacts_dir=str(tmp_path / "artifacts"),
        **extra,
    )


def members(path):
    with tarfile.open(path) as archive:
        return {m.name: (archive.extractfile(m).read().decode() if m.isfile() else None) for m in archive.getmembers()}


TRAIN = """\
    import argparse, os, sys
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int)
    parser.add_argument("-C", type=float)
    args = parser.parse_args()
    host = os.environ["SM_CURRENT_HOST"]
    print("training on", host, "epochs", args.epochs)
    print("to stderr", file=sys.stderr)
    with open(os.path.join(os.environ["SM_MODEL_DIR"], "model.txt"), "w") as f:
        f.write("%s C=%s" % (host, args.C))
    with open(os.path.join(os.environ["SM_MODEL_DIR"], host + ".txt"), "w") as f:
        f.write(host)
    with open(os.path.join(os.environ["SM_CHANNEL_TRAIN"], "data.csv")) as f:
        rows = f.read()
    with open(os.path.join(os.environ["SM_OUTPUT_DATA_DIR"], host + "-rows.txt"), "w") as f:
        f.write(rows)
"""


@pytest.fixture
def train_channel(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "data.csv").write_text("1,2\n3,4\n")
    return [ChannelSpec("train", str(data), content_type="text/csv")]


def test_single_host_trains_streams_prefixed_output_and_packs_artifacts(tmp_path, train_channel):
    spec = make_spec(tmp_path, {"train.py": TRAIN}, hyperparameters={"epochs": "3", "C": "0.5"},
                     channels=train_channel)
    out = io.StringIO()
    result = ProcessRuntime(stream=out).train(spec)
    assert members(result.model_artifacts) == {"algo-1.txt": "algo-1", "model.txt": "algo-1 C=0.5"}
    assert members(result.output_artifacts) == {"data": None, "data/algo-1-rows.txt": "1,2\n3,4\n", "success": ""}
    lines = out.getvalue().splitlines()
    assert "algo-1  | training on algo-1 epochs 3" in lines
    assert "algo-1  | to stderr" in lines
    assert os.listdir(spec.work_dir) == []  # the runtime removed its own trees
    assert (tmp_path / "data" / "data.csv").read_text() == "1,2\n3,4\n"  # user data untouched


def test_multi_host_runs_distinct_hosts_concurrently_and_merges_with_master_winning(tmp_path, train_channel):
    barrier = textwrap.dedent("""\
        import os, time
        flag_dir = os.environ["BARRIER_DIR"]
        open(os.path.join(flag_dir, os.environ["SM_CURRENT_HOST"]), "w").close()
        deadline = time.time() + 120
        while len(os.listdir(flag_dir)) < 3 and time.time() < deadline:
            time.sleep(0.02)
        assert len(os.listdir(flag_dir)) == 3, "hosts did not run at the same time"
    """)
    barrier_dir = tmp_path / "barrier"
    barrier_dir.mkdir()
    spec = make_spec(tmp_path, {"train.py": barrier + textwrap.dedent(TRAIN)}, instance_count=3,
                     channels=train_channel, environment={"BARRIER_DIR": str(barrier_dir)})
    out = io.StringIO()
    result = ProcessRuntime(stream=out).train(spec)
    model = members(result.model_artifacts)
    assert model == {"algo-1.txt": "algo-1", "algo-2.txt": "algo-2", "algo-3.txt": "algo-3",
                     "model.txt": "algo-1 C=None"}
    output = members(result.output_artifacts)
    assert sorted(output) == ["data", "data/algo-1-rows.txt", "data/algo-2-rows.txt", "data/algo-3-rows.txt", "success"]
    text = out.getvalue()
    for host in ("algo-1", "algo-2", "algo-3"):
        assert f"{host}  | training on {host} epochs None" in text


@pytest.mark.skipif(not toolkit_available(), reason="sagemaker-training is not installed (test extra)")
def test_environment_argv_cwd_and_config_files_equal_the_real_toolkit(tmp_path, train_channel):
    """Each host's script sees what the real toolkit gives it, paths aside."""
    user_hps = {"C": "0.5", "max-iter": "200", "lr": '"0.2"', "optimizer": '{"name": "sgd"}',
                "shuffle": "false", "seed": "null", "layers": "[128, 64]"}
    channels = train_channel + [ChannelSpec("test", str(tmp_path / "data"))]
    (tmp_path / "ours").mkdir()
    spec = make_spec(tmp_path / "ours", {"dump.py": DUMP_SCRIPT}, program="dump.py", instance_count=2,
                     hyperparameters=user_hps, channels=channels)
    result = ProcessRuntime(stream=io.StringIO()).train(spec)
    output = members(result.output_artifacts)

    for host in ("algo-1", "algo-2"):
        ours = json.loads(output[f"data/dump-{host}.json"])
        our_root = os.path.join(spec.work_dir, host)
        base = str(tmp_path / "toolkit" / host / "opt" / "ml")
        hps = dict(spec.hyperparameters)
        hps["sagemaker_submit_directory"] = json.dumps(os.path.join(base, "code"))
        # what V2's local mode puts in every training container's environment
        extra_env = {"TRAINING_JOB_NAME": spec.job_name, "AWS_REGION": "us-west-2"}
        run = run_real_toolkit(
            base, {"dump.py": DUMP_SCRIPT}, hps,
            {"current_host": host, "hosts": ["algo-1", "algo-2"], "network_interface_name": "eth0",
             "current_instance_type": "local"},
            {"train": {"TrainingInputMode": "File", "ContentType": "text/csv"}, "test": {"TrainingInputMode": "File"}},
            extra_env,
        )
        assert run.returncode == 0, run.stdout + run.stderr
        with open(os.path.join(base, "output", "data", f"dump-{host}.json")) as handle:
            theirs = json.load(handle)
        ours = normalise(ours, {our_root: "/opt/ml"})
        theirs = normalise(theirs, {base: "/opt/ml"})
        assert ours["argv"] == theirs["argv"]
        assert ours["cwd"] == theirs["cwd"] == "/opt/ml/code"
        assert ours["executable"] == theirs["executable"]
        assert ours["configs"] == theirs["configs"]
        assert ours["env"]["PYTHONPATH"].split(os.pathsep)[0] == theirs["env"]["PYTHONPATH"].split(os.pathsep)[0]
        only_test_harness = {"SAGEMAKER_BASE_DIR", "SM_STUDIO_LOCAL_MODE", "PYTHONPATH", "PYTHONUNBUFFERED"}
        assert {k: v for k, v in ours["env"].items() if k not in only_test_harness} == {
            k: v for k, v in theirs["env"].items() if k not in only_test_harness
        }
    assert "success" in output


def test_requirements_are_installed_into_an_isolated_per_job_dir(tmp_path):
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    wheel = build_wheel(str(wheels), "tinydep_se_test", "1.0", {"tinydep_se_test/__init__.py": "VALUE = 42\n"})
    files = {
        "requirements.txt": f"--no-index\n{wheel}\n",
        "train.py": """\
            import os, tinydep_se_test
            with open(os.path.join(os.environ["SM_MODEL_DIR"], "value.txt"), "w") as f:
                f.write("%s %s" % (tinydep_se_test.VALUE, tinydep_se_test.__file__))
        """,
    }
    spec = make_spec(tmp_path, files, instance_count=2)
    result = ProcessRuntime(stream=io.StringIO()).train(spec)
    value, location = members(result.model_artifacts)["value.txt"].split(" ", 1)
    assert value == "42"
    assert location.startswith(os.path.join(spec.work_dir, "packages") + os.sep)
    assert importlib.util.find_spec("tinydep_se_test") is None  # not in the user's environment
    assert os.listdir(spec.work_dir) == []


def test_failed_requirements_install_reports_pip_output(tmp_path):
    files = {"requirements.txt": "--no-index\nno-such-package-se-test==9.9\n", "train.py": "print('never')\n"}
    spec = make_spec(tmp_path, files)
    with pytest.raises(TrainingFailedError) as caught:
        ProcessRuntime(stream=io.StringIO()).train(spec)
    assert caught.value.host == "algo-1"
    assert caught.value.reason.startswith("InstallRequirementsError:")
    assert "no-such-package-se-test" in caught.value.log_tail
    assert "failure" in members(os.path.join(spec.artifacts_dir, "output.tar.gz"))


FAILING = """\
    import os
    print("step 1 fine")
    print("step 2 fine")
    open(os.path.join(os.environ["SM_MODEL_DIR"], "partial.bin"), "w").write("p")
    raise ValueError("boom at step 3")
"""


def test_failing_script_raises_with_failure_file_and_output_tail(tmp_path):
    spec = make_spec(tmp_path, {"train.py": FAILING})
    with pytest.raises(TrainingFailedError) as caught:
        ProcessRuntime(stream=io.StringIO()).train(spec)
    error = caught.value
    assert (error.job_name, error.host, error.exit_code) == ("job-1", "algo-1", 1)
    assert error.reason.startswith("ExecuteUserScriptError:\nExitCode 1\nErrorMessage ")
    assert "ValueError: boom at step 3" in error.reason
    assert "step 2 fine" in error.log_tail and "ValueError: boom at step 3" in error.log_tail
    assert "boom at step 3" in str(error)
    output = members(os.path.join(spec.artifacts_dir, "output.tar.gz"))
    assert output["failure"] == error.reason and "success" not in output
    assert members(os.path.join(spec.artifacts_dir, "model.tar.gz")) == {"partial.bin": "p"}
    assert os.listdir(spec.work_dir) == []


def test_failure_file_written_by_the_script_becomes_the_reason(tmp_path):
    script = """\
        import os, sys
        open(os.path.join(os.environ["SM_OUTPUT_DIR"], "failure"), "w").write("my own reason")
        sys.exit(3)
    """
    spec = make_spec(tmp_path, {"train.py": script})
    with pytest.raises(TrainingFailedError) as caught:
        ProcessRuntime(stream=io.StringIO()).train(spec)
    assert (caught.value.exit_code, caught.value.reason) == (3, "my own reason")


def test_one_failing_host_stops_the_others(tmp_path):
    script = """\
        import os, time
        host = os.environ["SM_CURRENT_HOST"]
        if host == "algo-2":
            while not os.path.exists(os.path.join(os.environ["PID_DIR"], "algo-1")):
                time.sleep(0.02)
            raise SystemExit("algo-2 gives up")
        open(os.path.join(os.environ["PID_DIR"], host), "w").write(str(os.getpid()))
        time.sleep(600)
    """
    pid_dir = tmp_path / "pids"
    pid_dir.mkdir()
    spec = make_spec(tmp_path, {"train.py": script}, instance_count=2, environment={"PID_DIR": str(pid_dir)})
    with pytest.raises(TrainingFailedError) as caught:
        ProcessRuntime(stream=io.StringIO()).train(spec)
    pid = int((pid_dir / "algo-1").read_text())
    try:
        assert caught.value.host == "algo-2"
        assert "algo-2 gives up" in caught.value.log_tail
        assert not process_alive(pid)
    finally:
        kill_leftovers([pid])


@pytest.mark.parametrize("shebang", ["#!/bin/sh\n", ""])
def test_shell_entry_point_runs_like_the_toolkit_runs_commands(tmp_path, shebang):
    script = shebang + textwrap.dedent("""\
        echo "$0 $*" > "$SM_MODEL_DIR/args.txt"
        pwd >> "$SM_MODEL_DIR/args.txt"
    """)
    spec = make_spec(tmp_path, {"train.sh": script}, program="train.sh",
                     hyperparameters={"epochs": "2", "x": '"a b; rm -rf /tmp/nothing"'})
    result = ProcessRuntime(stream=io.StringIO()).train(spec)
    argv_line, cwd = members(result.model_artifacts)["args.txt"].splitlines()
    assert argv_line == "./train.sh --epochs 2 -x a b; rm -rf /tmp/nothing"
    assert cwd.endswith(os.path.join("algo-1", "code"))
    assert not os.access(tmp_path / "code" / "train.sh", os.X_OK)  # the user's file is not touched


def test_shell_entry_point_with_a_missing_interpreter_fails_like_a_script(tmp_path):
    spec = make_spec(tmp_path, {"train.sh": "#!/no/such/interpreter\necho hi\n"}, program="train.sh")
    with pytest.raises(TrainingFailedError) as caught:
        ProcessRuntime(stream=io.StringIO()).train(spec)
    assert caught.value.exit_code in (126, 127)
    assert "train.sh" in caught.value.log_tail


@pytest.fixture(scope="module")
def bare_python(tmp_path_factory):
    return make_bare_venv(str(tmp_path_factory.mktemp("venv") / "bare"))


def test_missing_framework_names_both_fixes(tmp_path, bare_python):
    spec = make_spec(tmp_path, {"train.py": "print('hi')\n"}, framework="sklearn")
    with pytest.raises(FrameworkNotInstalledError) as caught:
        ProcessRuntime(python=bare_python, stream=io.StringIO()).train(spec)
    message = str(caught.value)
    assert "'sklearn'" in message and "pip install scikit-learn" in message and "instance_type='local'" in message
    assert bare_python in message
    assert not os.path.exists(spec.artifacts_dir)


def test_sagemaker_local_python_selects_the_interpreter(tmp_path, bare_python, monkeypatch):
    monkeypatch.setenv("SAGEMAKER_LOCAL_PYTHON", bare_python)
    script = """\
        import os, sys
        open(os.path.join(os.environ["SM_MODEL_DIR"], "python.txt"), "w").write(sys.prefix)
    """
    spec = make_spec(tmp_path, {"train.py": script})
    result = ProcessRuntime(stream=io.StringIO()).train(spec)
    assert members(result.model_artifacts)["python.txt"] == os.path.dirname(os.path.dirname(bare_python))


@pytest.mark.parametrize("flag", ["sagemaker_mpi_enabled", "sagemaker_torch_distributed_enabled",
                                  "sagemaker_distributed_dataparallel_enabled"])
def test_distributed_launchers_fail_clearly_before_anything_runs(tmp_path, flag):
    spec = make_spec(tmp_path, {"train.py": "print('hi')\n"}, hyperparameters={flag: "true"})
    with pytest.raises(ValueError, match=f"{flag}.*not supported with instance_type='local_process'"):
        ProcessRuntime().train(spec)
    assert not os.path.exists(spec.work_dir)


@pytest.mark.parametrize("program, match", [("../evil.py", "entry_point"), ("missing.py", "not a file")])
def test_bad_entry_points_are_rejected(tmp_path, program, match):
    spec = make_spec(tmp_path, {"train.py": "print('hi')\n"}, program=program)
    with pytest.raises(ValueError, match=match):
        ProcessRuntime().train(spec)


def test_missing_entry_point_hyperparameter_is_rejected(tmp_path):
    spec = make_spec(tmp_path, {"train.py": "print('hi')\n"})
    hps = {k: v for k, v in spec.hyperparameters.items() if k != "sagemaker_program"}
    with pytest.raises(ValueError, match="sagemaker_program"):
        ProcessRuntime().train(attrs.evolve(spec, hyperparameters=hps))


DRIVER = """\
import io, json, sys
sys.path.insert(0, {repo!r})
from sagemaker_estimators.local.process.process_runtime import ProcessRuntime
from sagemaker_estimators.local.runtime import TrainingSpec
spec = TrainingSpec(**json.loads(sys.argv[1]))
print("driver ready", flush=True)
ProcessRuntime().train(spec)
"""

SLEEPER = """\
    import os, subprocess, sys, time
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    path = os.path.join(os.environ["PID_DIR"], os.environ["SM_CURRENT_HOST"])
    with open(path + ".tmp", "w") as f:
        f.write("%d %d" % (os.getpid(), child.pid))
    os.rename(path + ".tmp", path)
    time.sleep(600)
"""


def _start_driver_and_wait_for_hosts(tmp_path):
    """A driver process training two sleeping hosts; returns it, the spec and the hosts' pids."""
    pid_dir = tmp_path / "pids"
    pid_dir.mkdir()
    spec = make_spec(tmp_path, {"train.py": SLEEPER}, instance_count=2, environment={"PID_DIR": str(pid_dir)})
    fields = {name: getattr(spec, name) for name in ("job_name", "image_uri", "framework", "instance_type",
                                                     "instance_count", "hyperparameters", "code_dir",
                                                     "environment", "work_dir", "artifacts_dir")}
    fields["channels"] = []
    driver = subprocess.Popen(
        [sys.executable, "-c", DRIVER.format(repo=REPO_ROOT), json.dumps(fields)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while len([p for p in os.listdir(pid_dir) if not p.endswith(".tmp")]) < 2:
            assert driver.poll() is None, driver.communicate()
            assert time.monotonic() < deadline, "hosts never started"
            time.sleep(0.05)
    except BaseException:
        driver.kill()
        driver.wait()
        raise
    pids = [int(pid) for name in ("algo-1", "algo-2") for pid in (pid_dir / name).read_text().split()]
    return driver, spec, pids


def _wait_until_gone(pids, seconds=30):
    deadline = time.monotonic() + seconds
    while any(process_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)  # orphans are reaped asynchronously by init
    return [pid for pid in pids if process_alive(pid)]


def test_ctrl_c_stops_every_process_and_leaves_no_temp_dirs(tmp_path):
    driver, spec, pids = _start_driver_and_wait_for_hosts(tmp_path)
    try:
        assert all(process_alive(pid) for pid in pids)
        driver.send_signal(signal.SIGINT)
        _, stderr = driver.communicate(timeout=120)
        assert driver.returncode != 0
        assert "KeyboardInterrupt" in stderr
        assert _wait_until_gone(pids) == []
        assert os.listdir(spec.work_dir) == []
        assert not os.path.exists(spec.artifacts_dir) or os.listdir(spec.artifacts_dir) == []
    finally:
        if driver.poll() is None:
            driver.kill()
        kill_leftovers(pids)


def test_hosts_die_with_a_killed_caller(tmp_path):
    """SIGKILL leaves the caller no chance to clean up: the watchdog ends the hosts instead."""
    driver, spec, pids = _start_driver_and_wait_for_hosts(tmp_path)
    try:
        driver.kill()
        driver.wait(timeout=60)
        assert _wait_until_gone(pids) == []
    finally:
        kill_leftovers(pids)

INFERENCE = """\
    import json, os

    def model_fn(model_dir):
        with open(os.path.join(model_dir, "model.json")) as f:
            return json.load(f)

    def transform_fn(model, body, content_type, accept):
        value = json.loads(body)
        return json.dumps({"scaled": [x * model["factor"] for x in value]}), "application/json"
"""

TRAIN_FACTOR = """\
    import argparse, json, os
    parser = argparse.ArgumentParser()
    parser.add_argument("--factor", type=float)
    args = parser.parse_args()
    with open(os.path.join(os.environ["SM_MODEL_DIR"], "model.json"), "w") as f:
        json.dump({"factor": args.factor}, f)
"""


def test_trained_model_is_served_on_localhost_and_two_endpoints_run_at_once(tmp_path):
    from sagemaker_estimators.local.runtime import ServingSpec

    runtime = ProcessRuntime(stream=io.StringIO())
    endpoints = []
    try:
        for factor in (2, 3):
            job_dir = tmp_path / f"job{factor}"
            job_dir.mkdir()
            spec = make_spec(job_dir, {"train.py": TRAIN_FACTOR, "inference.py": INFERENCE},
                             hyperparameters={"factor": str(factor)})
            result = runtime.train(spec)
            model_dir = job_dir / "model"
            model_dir.mkdir()
            with tarfile.open(result.model_artifacts) as archive:
                archive.extractall(model_dir, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
            serving = ServingSpec(
                endpoint_name=f"ep-{factor}", image_uri="local-image", framework=None, instance_type="local_process",
                model_dir=str(model_dir), environment={"SAGEMAKER_PROGRAM": "inference.py"},
                code_dir=spec.code_dir, work_dir=str(job_dir / "serve"),
            )
            endpoints.append(runtime.serve(serving))
        assert endpoints[0].url != endpoints[1].url
        for endpoint, factor in zip(endpoints, (2, 3)):
            assert endpoint.url.startswith("http://127.0.0.1:")
            assert endpoint.ping()
            answer = endpoint.invoke(b"[1, 2]", "application/json", "application/json")
            assert json.loads(answer.body) == {"scaled": [1.0 * factor, 2.0 * factor]}
    finally:
        for endpoint in endpoints:
            endpoint.stop()
    assert not any(endpoint.ping() for endpoint in endpoints)


@pytest.mark.slow
def test_source_dir_with_setup_py_is_installed_and_run_as_a_module(tmp_path, monkeypatch):
    pytest.importorskip("setuptools")
    if importlib.util.find_spec("wheel") is None and importlib.util.find_spec("setuptools.command.bdist_wheel") is None:
        pytest.skip("building a wheel offline needs `wheel` or setuptools >= 70.1")
    # offline: build with the setuptools already installed instead of fetching one
    monkeypatch.setenv("PIP_NO_BUILD_ISOLATION", "0")
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    files = {
        "setup.py": "from setuptools import setup\nsetup(name='se-test-trainpkg', version='1.0', py_modules=['helper_se_test'])\n",
        "helper_se_test.py": "ANSWER = 7\n",
        "train.py": """\
            import os, sys, helper_se_test
            with open(os.path.join(os.environ["SM_MODEL_DIR"], "run.txt"), "w") as f:
                f.write("%s %s %s" % (__name__, helper_se_test.ANSWER, " ".join(sys.argv[1:])))
        """,
    }
    spec = make_spec(tmp_path, files, hyperparameters={"epochs": "1"})
    result = ProcessRuntime(stream=io.StringIO()).train(spec)
    assert members(result.model_artifacts)["run.txt"] == "__main__ 7 --epochs 1"
    assert importlib.util.find_spec("helper_se_test") is None
