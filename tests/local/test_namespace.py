"""Literal /opt/ml paths in local_process: private mount namespaces, the host's /opt/ml never touched."""
from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import sys
import tarfile
import tempfile
import textwrap

import pytest

from sagemaker_estimators.local.process import namespace
from sagemaker_estimators.local.process.process_runtime import ProcessRuntime
from sagemaker_estimators.local.runtime import ChannelSpec, MountSpec, ProcessingSpec, TrainingSpec

needs_namespaces = pytest.mark.skipif(namespace.unavailable_reason() is not None,
                                      reason=f"no private mount namespaces here: {namespace.unavailable_reason()}")


def _opt_listing():
    return (sorted(os.listdir("/opt")) if os.path.isdir("/opt") else None,
            sorted(os.listdir("/opt/ml")) if os.path.isdir("/opt/ml") else None)


@pytest.fixture
def host_opt_untouched():
    before = _opt_listing()
    yield
    assert _opt_listing() == before, "the host's /opt or /opt/ml changed"


@needs_namespaces
def test_job_tree_is_shown_at_opt_ml_and_the_host_keeps_its_own(tmp_path, host_opt_untouched):
    tree = tmp_path / "tree"
    (tree / "model").mkdir(parents=True)
    (tree / "hello.txt").write_text("from the job tree")
    script = ("import os; print(open('/opt/ml/hello.txt').read()); "
              "open('/opt/ml/model/written.txt', 'w').write('x'); print(sorted(os.listdir('/opt')))")
    result = subprocess.run(namespace.confine([sys.executable, "-c", script], str(tree)),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "from the job tree"
    seen_in_opt = json.loads(result.stdout.splitlines()[1].replace("'", '"'))
    host_opt = _opt_listing()[0] or []
    assert set(host_opt) <= set(seen_in_opt) and "ml" in seen_in_opt  # the rest of /opt stays visible
    assert (tree / "model" / "written.txt").read_text() == "x"
    assert namespace.unwrap(namespace.confine(["a", "b"], str(tree))) == ["a", "b"]


@needs_namespaces
@pytest.mark.skipif(os.geteuid() != 0, reason="switching to another user needs root")
def test_an_unprivileged_user_gets_the_tree_through_a_user_namespace(request, host_opt_untouched):
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("no 'nobody' user")
    shared = tempfile.mkdtemp(prefix="ns-test-")  # pytest's tmp_path is private to root
    request.addfinalizer(lambda: shutil.rmtree(shared, ignore_errors=True))
    os.chmod(shared, 0o755)
    tree = os.path.join(shared, "tree")
    os.mkdir(tree)
    with open(os.path.join(tree, "x.txt"), "w") as handle:
        handle.write("seen")
    python = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
    command = [python, "-I", "-S", namespace.SCRIPT, tree, python, "-c",
               "import os; print(open('/opt/ml/x.txt').read(), os.getuid())"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, user=nobody.pw_uid,
                            group=nobody.pw_gid, extra_groups=[], cwd="/")
    if "unshare of a mount namespace was refused" in result.stderr:
        pytest.skip("unprivileged user namespaces are disabled here")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["seen", str(nobody.pw_uid)]  # the script does not run as root


TRAIN_LITERAL = """\
    import json
    hps = json.load(open("/opt/ml/input/config/hyperparameters.json"))
    rows = open("/opt/ml/input/data/train/data.csv").read().split()
    with open("/opt/ml/model/model.txt", "w") as handle:
        handle.write("%d rows, epochs=%s" % (len(rows), hps["epochs"]))
    with open("/opt/ml/output/data/metrics.json", "w") as handle:
        json.dump({"rows": len(rows)}, handle)
"""


@needs_namespaces
def test_training_script_with_literal_container_paths(tmp_path, host_opt_untouched):
    code = tmp_path / "code"
    code.mkdir()
    (code / "train.py").write_text(textwrap.dedent(TRAIN_LITERAL))
    data = tmp_path / "data"
    data.mkdir()
    (data / "data.csv").write_text("1\n2\n3\n")
    spec = TrainingSpec(
        job_name="literal", image_uri="img", framework=None, instance_type="local_process", instance_count=2,
        hyperparameters={"epochs": "4", "sagemaker_program": '"train.py"',
                         "sagemaker_submit_directory": '"/opt/ml/code"'},
        channels=[ChannelSpec("train", str(data))], code_dir=str(code), environment={},
        work_dir=str(tmp_path / "work"), artifacts_dir=str(tmp_path / "artifacts"),
    )
    result = ProcessRuntime().train(spec)
    with tarfile.open(result.model_artifacts) as archive:
        assert archive.extractfile("model.txt").read() == b"3 rows, epochs=4"
    with tarfile.open(result.output_artifacts) as archive:
        assert json.loads(archive.extractfile("data/metrics.json").read()) == {"rows": 3}


def test_without_namespaces_a_failed_job_names_the_variable_and_processing_is_refused(tmp_path, monkeypatch):
    namespace.unavailable_reason.cache_clear()
    monkeypatch.setattr(namespace, "unavailable_reason", lambda: "mount namespaces are off in this test")
    hint = namespace.literal_path_hint("FileNotFoundError: [Errno 2] No such file: '/opt/ml/model/model.txt'")
    assert "/opt/ml/model/model.txt" in hint and "SM_MODEL_DIR" in hint
    assert "SM_CHANNEL_<CHANNEL NAME>" in namespace.literal_path_hint("open('/opt/ml/input/data/train/x')")
    assert namespace.literal_path_hint("no paths here") == ""
    assert namespace.confine_if_available(["python", "x.py"], str(tmp_path)) == ["python", "x.py"]
    spec = ProcessingSpec(
        job_name="p", image_uri="img", instance_type="local_process", instance_count=1,
        entrypoint=["python3", "/opt/ml/processing/input/code/x.py"], arguments=None, environment={},
        inputs=[MountSpec("code", str(tmp_path), "/opt/ml/processing/input/code")], outputs=[], job_config={},
        work_dir=str(tmp_path / "work"),
    )
    with pytest.raises(ValueError, match=r"/opt/ml/processing/input/code.*mount namespaces are off.*'local'"):
        ProcessRuntime().process(spec)
    assert not (tmp_path / "work").exists()
