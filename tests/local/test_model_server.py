"""The local model server, run as a real subprocess and driven over real HTTP."""
from __future__ import annotations

import http.client
import inspect
import io
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from sagemaker_estimators.local.runtime import InvocationResult, RunningEndpoint, ServingSpec
from sagemaker_estimators.local.model_server.serving_process import ModelServerError, ModelServerProcess, start_model_server
from sagemaker_estimators.payloads.deserializers import CSVDeserializer, JSONDeserializer
from sagemaker_estimators.payloads.serializers import CSVSerializer, JSONSerializer
from tests.local.toolkit_helpers import process_alive

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

SCALER_SCRIPT = """\
import json, os

def model_fn(model_dir):
    with open(os.path.join(model_dir, "weights.json")) as handle:
        return json.load(handle)

def input_fn(input_data, content_type):
    return {"values": json.loads(input_data), "content_type": content_type,
            "input_type": type(input_data).__name__}

def predict_fn(data, model):
    data["scaled"] = [value * model["scale"] for value in data["values"]]
    return data

def output_fn(prediction, accept):
    prediction["accept"] = accept
    return json.dumps(prediction)
"""


@pytest.fixture
def servers():
    """Start servers through this; every one is stopped at teardown."""
    started = []

    def start(*args, **kwargs):
        server = start_model_server(*args, **kwargs)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def _model_dir(tmp_path, name="model", scale=2, script=SCALER_SCRIPT, code_subdir=False):
    model_dir = tmp_path / name
    code_dir = model_dir / "code" if code_subdir else model_dir
    code_dir.mkdir(parents=True)
    (model_dir / "weights.json").write_text(json.dumps({"scale": scale}))
    (code_dir / "inference.py").write_text(script)
    return model_dir


def _gone(pid: int, wait: float = 15.0) -> bool:
    """True once ``pid`` is no longer a live process (bounded wait for the reaper)."""
    deadline = time.monotonic() + wait
    while process_alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_handle_matches_the_running_endpoint_protocol():
    for name in ("ping", "invoke", "log_tail", "stop"):
        wanted = list(inspect.signature(getattr(RunningEndpoint, name)).parameters.values())
        ours = list(inspect.signature(getattr(ModelServerProcess, name)).parameters.values())
        assert [p.name for p in ours[: len(wanted)]] == [p.name for p in wanted], name
        for mine, theirs in zip(ours, wanted):
            assert theirs.default is inspect.Parameter.empty or mine.default == theirs.default, (name, mine)
        assert all(p.default is not inspect.Parameter.empty for p in ours[len(wanted):]), name
    assert "url" in RunningEndpoint.__annotations__


# ----------------------------------------------------------------- sklearn defaults


@pytest.fixture(scope="module")
def sklearn_model(tmp_path_factory):
    pytest.importorskip("sklearn")
    joblib = pytest.importorskip("joblib")
    np = pytest.importorskip("numpy")
    from sklearn.datasets import load_iris
    from sklearn.linear_model import LogisticRegression

    features, labels = load_iris(return_X_y=True)
    model = LogisticRegression(max_iter=500).fit(features, labels)
    model_dir = tmp_path_factory.mktemp("sklearn") / "model"
    model_dir.mkdir()
    joblib.dump(model, model_dir / "model.joblib")
    sample = np.array(features[[0, 60, 120, 149]])
    return model_dir, model, sample


def test_sklearn_default_handlers_predict_csv_json_npy(servers, sklearn_model):
    np = pytest.importorskip("numpy")
    model_dir, model, sample = sklearn_model
    expected = model.predict(sample).tolist()
    server = servers(str(model_dir), framework="sklearn")
    assert server.ping()

    csv_body = CSVSerializer().serialize(sample)
    result = server.invoke(csv_body, "text/csv", "application/json")
    assert isinstance(result, InvocationResult)
    assert (result.status, result.content_type) == (200, "application/json")
    assert JSONDeserializer().deserialize(io.BytesIO(result.body), result.content_type) == expected

    result = server.invoke(JSONSerializer().serialize(sample), "application/json", "text/csv")
    assert (result.status, result.content_type) == (200, "text/csv")
    rows = CSVDeserializer().deserialize(io.BytesIO(result.body), result.content_type)
    assert [int(row[0]) for row in rows] == expected

    buffer = io.BytesIO()
    np.save(buffer, sample)
    result = server.invoke(buffer.getvalue(), "application/x-npy", "application/x-npy")
    assert result.status == 200
    assert np.load(io.BytesIO(result.body), allow_pickle=False).tolist() == expected

    # one CSV line is one row; no Accept and */* fall back to JSON
    for accept in (None, "*/*"):
        result = server.invoke("5.1,3.5,1.4,0.2", "text/csv; charset=utf-8", accept)
        assert (result.status, result.content_type, json.loads(result.body)) == (200, "application/json", expected[:1])


def test_sklearn_unsupported_types_are_415_and_bad_data_is_500(servers, sklearn_model):
    model_dir, _, _ = sklearn_model
    server = servers(str(model_dir), framework="sklearn")
    result = server.invoke(b"hello", "text/plain", "application/json")
    assert result.status == 415 and b"text/plain" in result.body
    result = server.invoke(b"1,2,3,4", "text/csv", "image/png")
    assert result.status == 415 and b"image/png" in result.body
    result = server.invoke(b"1,2", "text/csv", "application/json")  # 2 features, the model wants 4
    assert result.status == 500
    assert result.body.decode().startswith("ValueError: ")
    assert "Traceback (most recent call last)" in server.log_tail(100)
    assert server.invoke(b"1,2,3,4", "text/csv", "application/json").status == 200


def test_sklearn_missing_model_file_fails_fast(servers, tmp_path):
    pytest.importorskip("joblib")
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "notes.txt").write_text("no model here")
    with pytest.raises(ModelServerError) as caught:
        servers(str(tmp_path / "model"), framework="sklearn")
    assert caught.value.exit_code == 1
    assert "no scikit-learn model file" in str(caught.value) and "notes.txt" in str(caught.value)


# ----------------------------------------------------------------- user handlers


def test_user_handlers_from_env_like_a_container(servers, tmp_path):
    model_dir = _model_dir(tmp_path, scale=3, code_subdir=True, script="from helper import SCRIPT\n" + SCALER_SCRIPT)
    (model_dir / "code" / "helper.py").write_text("SCRIPT = 'imported from the code dir'\n")
    server = servers(
        str(model_dir),
        env={"SAGEMAKER_PROGRAM": "inference.py", "SAGEMAKER_SUBMIT_DIRECTORY": "/opt/ml/model/code"},
    )
    result = server.invoke(b"[1, 2.5]", "application/json", "application/x-custom")
    assert result.status == 200
    assert result.content_type == "application/x-custom"
    assert json.loads(result.body) == {
        "values": [1, 2.5],
        "scaled": [3, 7.5],
        "content_type": "application/json",
        "input_type": "bytes",
        "accept": "application/x-custom",
    }
    # */* becomes the default accept before output_fn sees it
    assert json.loads(server.invoke(b"[1]", "application/json", "*/*").body)["accept"] == "application/json"


def test_submit_directory_may_be_a_local_sourcedir_archive(servers, tmp_path):
    import tarfile

    source = tmp_path / "source"
    source.mkdir()
    (source / "inference.py").write_text(SCALER_SCRIPT)
    archive = tmp_path / "sourcedir.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(source / "inference.py", arcname="inference.py")
    model_dir = tmp_path / "model"
    model_dir.mkdir()
    (model_dir / "weights.json").write_text('{"scale": 7}')
    env = {"SAGEMAKER_PROGRAM": "inference.py", "SAGEMAKER_SUBMIT_DIRECTORY": f"file://{archive}"}
    server = servers(str(model_dir), env=env)
    assert json.loads(server.invoke(b"[1]", "application/json", None).body)["scaled"] == [7]

    with tarfile.open(tmp_path / "evil.tar.gz", "w:gz") as tar:
        tar.add(source / "inference.py", arcname="../inference.py")
    env["SAGEMAKER_SUBMIT_DIRECTORY"] = str(tmp_path / "evil.tar.gz")
    with pytest.raises(ModelServerError, match="member '../inference.py' would land outside"):
        servers(str(model_dir), env=env)


def test_user_handlers_get_text_under_the_sklearn_framework(servers, tmp_path):
    model_dir = _model_dir(tmp_path)
    server = servers(str(model_dir), code_dir=str(model_dir), program="inference.py", framework="sklearn")
    body = json.loads(server.invoke(b"[4]", "application/json", "application/json").body)
    assert body["input_type"] == "str" and body["scaled"] == [8]


def test_transform_fn_gets_the_model_and_sets_the_content_type(servers, tmp_path):
    script = textwrap.dedent(
        """\
        def model_fn(model_dir):
            return "model-from-" + model_dir.rsplit("/", 1)[-1]

        def transform_fn(model, input_data, content_type, accept):
            text = "%s|%s|%s|%s" % (model, input_data.decode(), content_type, accept)
            return text.encode(), "text/x-report"
        """
    )
    server = servers(str(_model_dir(tmp_path, script=script)), program="inference.py")
    result = server.invoke(b"payload", "application/octet-stream", "text/csv")
    assert (result.status, result.content_type) == (200, "text/x-report")
    assert result.body == b"model-from-model|payload|application/octet-stream|text/csv"


def test_transform_fn_with_input_fn_is_refused_at_start(servers, tmp_path):
    script = "def model_fn(d):\n    return 1\ndef input_fn(b, c):\n    return b\ndef transform_fn(m, b, c, a):\n    return b\n"
    with pytest.raises(ModelServerError, match="transform_fn together with input_fn"):
        servers(str(_model_dir(tmp_path, script=script)), program="inference.py")


def test_handler_error_is_500_with_the_last_traceback_line(servers, tmp_path):
    script = SCALER_SCRIPT.replace(
        "def predict_fn(data, model):\n",
        "def predict_fn(data, model):\n    if data['values'] == [13]:\n        raise ValueError('unlucky input 13')\n",
    )
    server = servers(str(_model_dir(tmp_path, script=script)), program="inference.py")
    result = server.invoke(b"[13]", "application/json", "application/json")
    assert result.status == 500
    assert result.body == b"ValueError: unlucky input 13\n"
    tail = server.log_tail(50)
    assert "Traceback (most recent call last)" in tail and "in predict_fn" in tail
    assert server.ping()
    assert json.loads(server.invoke(b"[1]", "application/json", None).body)["scaled"] == [2]


def test_crashing_model_fn_is_reported_with_the_log_tail(servers, tmp_path):
    script = "def model_fn(model_dir):\n    raise RuntimeError('cannot load the weights: disk on fire')\n"
    with pytest.raises(ModelServerError) as caught:
        servers(str(_model_dir(tmp_path, script=script)), program="inference.py")
    error = caught.value
    assert error.exit_code == 1
    assert "exited with code 1" in str(error)
    assert "RuntimeError: cannot load the weights: disk on fire" in error.log_tail
    assert "last lines of the model server log" in str(error)


def test_missing_inference_script_fails_fast(servers, tmp_path):
    with pytest.raises(ModelServerError, match=r"'serve\.py' \(SAGEMAKER_PROGRAM\) is not a \.py file"):
        servers(str(_model_dir(tmp_path)), program="serve.py")


def test_startup_timeout_stops_the_server(tmp_path):
    script = "import time\ndef model_fn(model_dir):\n    time.sleep(120)\n"
    with pytest.raises(ModelServerError, match="not ready after 1 s") as caught:
        start_model_server(str(_model_dir(tmp_path, script=script)), program="inference.py", startup_timeout=1)
    assert "SAGEMAKER_ESTIMATORS_LISTENING" not in caught.value.log_tail


def test_bad_arguments_start_nothing(tmp_path):
    with pytest.raises(ValueError, match="model_dir must be an existing directory"):
        start_model_server(str(tmp_path / "missing"))
    with pytest.raises(ValueError, match=r"framework must be one of sklearn, xgboost, pytorch, huggingface, "
                                         r"tensorflow, mxnet"):
        start_model_server(str(tmp_path), framework="chainer")
    with pytest.raises(ValueError, match="port must be"):
        start_model_server(str(tmp_path), port=70000)


# ----------------------------------------------------------------- processes


def test_two_servers_at_once(servers, tmp_path):
    first = servers(str(_model_dir(tmp_path, "one", scale=2)), program="inference.py")
    second = servers(str(_model_dir(tmp_path, "two", scale=10)), program="inference.py")
    assert first.url != second.url
    for server, scaled in ((first, [2, 4]), (second, [10, 20])):
        assert json.loads(server.invoke(b"[1, 2]", "application/json", None).body)["scaled"] == scaled


def test_stop_leaves_no_process_behind(tmp_path):
    pid_file = tmp_path / "child.pid"
    script = textwrap.dedent(
        f"""\
        import subprocess, sys
        def model_fn(model_dir):
            child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])
            with open({str(pid_file)!r}, "w") as handle:
                handle.write(str(child.pid))
            return child
        def transform_fn(model, data, content_type, accept):
            return str(model.pid)
        """
    )
    server = start_model_server(str(_model_dir(tmp_path, script=script)), program="inference.py")
    child_pid = int(pid_file.read_text())
    assert server.invoke(b"", None, None).body == str(child_pid).encode()
    assert process_alive(server.pid) and process_alive(child_pid)
    server.stop()
    server.stop()  # idempotent
    assert not server.is_running() and not server.ping()
    assert _gone(server.pid) and _gone(child_pid)
    with pytest.raises(ModelServerError, match="exited with code"):
        server.invoke(b"[1]", "application/json", None)
    assert "SAGEMAKER_ESTIMATORS_LISTENING" in server.log_tail()  # kept after the temp log is gone


def test_server_exits_when_its_parent_dies(tmp_path):
    model_dir = _model_dir(tmp_path)
    launcher = textwrap.dedent(
        f"""\
        import sys, time
        from sagemaker_estimators.local.model_server.serving_process import start_model_server
        server = start_model_server({str(model_dir)!r}, program="inference.py")
        print(server.pid, flush=True)
        print(server.log_path, flush=True)
        time.sleep(300)
        """
    )
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    parent = subprocess.Popen([sys.executable, "-c", launcher], stdout=subprocess.PIPE, env=env, text=True)
    try:
        server_pid = int(parent.stdout.readline())
        scratch = os.path.dirname(parent.stdout.readline().strip())
        assert process_alive(server_pid)
        assert os.path.isdir(scratch)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        assert _gone(server_pid)
        # the launcher died before it could clean up: its server removes the scratch folder
        assert not os.path.exists(scratch)
    finally:
        parent.kill()
        parent.wait()
        parent.stdout.close()


def test_runs_under_another_interpreter(servers, tmp_path):
    venv_dir = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv_dir)], check=True, timeout=120)
    python = str(venv_dir / "bin" / "python")
    script = "import sys\ndef model_fn(model_dir):\n    return None\ndef transform_fn(m, data, ct, accept):\n    return sys.prefix\n"
    server = servers(str(_model_dir(tmp_path, script=script)), program="inference.py", python=python)
    assert server.invoke(b"", None, None).body.decode() == str(venv_dir)


def test_serving_spec_and_log_file(servers, tmp_path):
    model_dir = _model_dir(tmp_path, scale=5)
    spec = ServingSpec(
        endpoint_name="ep-1",
        image_uri="local",
        framework=None,
        instance_type="local_process",
        model_dir=str(model_dir),
        environment={"SAGEMAKER_PROGRAM": "inference.py", "SAGEMAKER_SUBMIT_DIRECTORY": str(model_dir)},
        work_dir=str(tmp_path / "work"),
    )
    server = servers(spec)
    assert json.loads(server.invoke("[1]", "application/json", None).body)["scaled"] == [5]
    assert server.log_path == str(tmp_path / "work" / "model-server-ep-1.log")
    server.stop()
    assert "POST /invocations" in (tmp_path / "work" / "model-server-ep-1.log").read_text()


def test_cli_prints_listening_line_and_stops_on_sigterm(tmp_path):
    model_dir = _model_dir(tmp_path)
    env = dict(
        os.environ,
        PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""),
        SAGEMAKER_PROGRAM="inference.py",
        SAGEMAKER_SUBMIT_DIRECTORY=str(model_dir),
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "sagemaker_estimators.local.model_server.server", "--model-dir", str(model_dir), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        line = process.stdout.readline()
        match = re.fullmatch(r"SAGEMAKER_ESTIMATORS_LISTENING 127\.0\.0\.1:(\d+)\n", line)
        assert match, line
        connection = http.client.HTTPConnection("127.0.0.1", int(match.group(1)), timeout=10)
        connection.request("GET", "/execution-parameters")
        response = connection.getresponse()
        assert response.status == 200 and json.loads(response.read())["MaxPayloadInMB"] == 6
        # a chunked request body is read too
        connection.request(
            "POST",
            "/invocations",
            body=iter([b"[1, ", b"2]"]),
            headers={"Content-Type": "application/json"},
            encode_chunked=True,
        )
        response = connection.getresponse()
        assert json.loads(response.read())["scaled"] == [2, 4]
        connection.request("GET", "/nowhere")
        assert connection.getresponse().status == 404
        connection.close()
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
        assert "POST /invocations" in process.stderr.read()
    finally:
        process.kill()
        process.wait()
        process.stdout.close()
        process.stderr.close()


def test_cli_missing_model_dir_exits_non_zero(tmp_path):
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run(
        [sys.executable, "-m", "sagemaker_estimators.local.model_server.server", "--model-dir", str(tmp_path / "nope"), "--port", "0"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 1
    assert "model directory" in done.stderr and "does not exist" in done.stderr
    assert "LISTENING" not in done.stdout


# ----------------------------------------------------------------- other framework defaults


def test_xgboost_default_handlers(servers, tmp_path):
    xgb = pytest.importorskip("xgboost")
    np = pytest.importorskip("numpy")
    rng = np.random.default_rng(0)
    features = rng.normal(size=(40, 3))
    labels = (features[:, 0] > 0).astype(float)
    booster = xgb.train({"objective": "binary:logistic"}, xgb.DMatrix(features, label=labels), num_boost_round=3)
    model_dir = tmp_path / "model"
    model_dir.mkdir()
    booster.save_model(str(model_dir / "xgboost-model"))
    expected = booster.predict(xgb.DMatrix(features[:2]))
    server = servers(str(model_dir), framework="xgboost")
    result = server.invoke(CSVSerializer().serialize(features[:2]), "text/csv", None)
    assert (result.status, result.content_type) == (200, "text/csv")
    assert np.allclose([float(line) for line in result.body.decode().split()], expected)
    libsvm = "\n".join(" ".join(f"{i}:{v}" for i, v in enumerate(row)) for row in features[:2])
    result = server.invoke(libsvm, "text/libsvm", "application/json")
    assert np.allclose(json.loads(result.body), expected)


def test_pytorch_default_handlers(servers, tmp_path):
    torch = pytest.importorskip("torch")
    model = torch.nn.Linear(3, 2)
    model_dir = tmp_path / "model"
    model_dir.mkdir()
    torch.jit.script(model).save(str(model_dir / "model.pt"))
    data = [[1.0, 2.0, 3.0]]
    with torch.no_grad():
        expected = model(torch.tensor(data)).tolist()
    server = servers(str(model_dir), framework="pytorch")
    result = server.invoke(json.dumps(data), "application/json", "application/json")
    assert result.status == 200
    assert torch.allclose(torch.tensor(json.loads(result.body)), torch.tensor(expected))


def test_huggingface_default_handlers(servers, tmp_path):
    pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    model_dir = tmp_path / "model"
    model_dir.mkdir()
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "good", "bad", "movie"]
    (model_dir / "vocab.txt").write_text("\n".join(vocab) + "\n")
    transformers.BertTokenizer(str(model_dir / "vocab.txt")).save_pretrained(str(model_dir))
    config = transformers.BertConfig(
        vocab_size=len(vocab), hidden_size=8, num_hidden_layers=1, num_attention_heads=1, intermediate_size=8
    )
    transformers.BertForSequenceClassification(config).save_pretrained(str(model_dir))
    server = servers(str(model_dir), framework="huggingface", env={"HF_TASK": "text-classification"})
    result = server.invoke(json.dumps({"inputs": "good movie"}), "application/json", "application/json")
    assert result.status == 200, result.body
    prediction = json.loads(result.body)
    assert isinstance(prediction, list) and set(prediction[0]) == {"label", "score"}
    assert server.invoke(b"good movie", "text/plain", None).status == 415
