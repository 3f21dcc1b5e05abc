"""TensorFlow and MXNet: distribution hyperparameters, model_dir, bad input, TF Serving models and predictors.

Request parity with V2 is proven by the golden scenarios (area ``tensorflow``);
these tests cover each distribution option, the errors raised before any upload,
and the predictors' request shapes against the moto server.
"""
from __future__ import annotations

import io
import json
import logging
import tarfile

import boto3
import pytest

ROLE = "arn:aws:iam::123456789012:role/R"


@pytest.fixture
def script(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "train.py").write_text("print('train')\n")
    return src


@pytest.fixture
def offline(no_aws, monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-west-2")


def _tf(script, **kwargs):
    from sagemaker.tensorflow import TensorFlow

    options = dict(entry_point="train.py", source_dir=str(script), framework_version="2.13", py_version="py310",
                   role=ROLE, instance_count=2, instance_type="ml.p3.16xlarge")
    options.update(kwargs)
    return TensorFlow(**options)


def _mx(script, **kwargs):
    from sagemaker.mxnet import MXNet

    options = dict(entry_point="train.py", source_dir=str(script), framework_version="1.9.0", py_version="py38",
                   role=ROLE, instance_count=2, instance_type="ml.c5.xlarge")
    options.update(kwargs)
    return MXNet(**options)


def _hps(estimator):
    return {key: json.loads(value) for key, value in estimator.hyperparameters().items()}


# ------------------------------------------------------------------ distribution -> hyperparameters


@pytest.mark.parametrize("distribution, expected", [
    ({"parameter_server": {"enabled": True}}, {"sagemaker_parameter_server_enabled": True}),
    ({"mpi": {"enabled": True, "processes_per_host": 8, "custom_mpi_options": "-x A"}},
     {"sagemaker_mpi_enabled": True, "sagemaker_mpi_num_of_processes_per_host": 8,
      "sagemaker_mpi_custom_mpi_options": "-x A"}),
    ({"multi_worker_mirrored_strategy": {"enabled": True}},
     {"sagemaker_multi_worker_mirrored_strategy_enabled": True}),
    ({"smdistributed": {"dataparallel": {"enabled": True}}},
     {"sagemaker_distributed_dataparallel_enabled": True, "sagemaker_instance_type": "ml.p4d.24xlarge",
      "sagemaker_distributed_dataparallel_custom_mpi_options": ""}),
    ({"smdistributed": {"modelparallel": {"enabled": True, "parameters": {"partitions": 2}}},
      "mpi": {"enabled": True, "processes_per_host": 2}},
     {"mp_parameters": {"partitions": 2}, "sagemaker_distributed_dataparallel_enabled": False,
      "sagemaker_instance_type": "ml.p4d.24xlarge", "sagemaker_mpi_enabled": True,
      "sagemaker_mpi_num_of_processes_per_host": 2, "sagemaker_mpi_custom_mpi_options": ""}),
])
def test_tensorflow_distribution_hyperparameters(offline, script, distribution, expected):
    version = "2.11.0" if "smdistributed" in distribution else "2.13"
    py = "py39" if version == "2.11.0" else "py310"
    est = _tf(script, distribution=distribution, framework_version=version, py_version=py,
              instance_type="ml.p4d.24xlarge", model_dir=False)
    hps = _hps(est)
    assert {key: hps[key] for key in expected} == expected
    assert "model_dir" not in hps
    assert est.distribution == distribution


def test_mpi_model_dir_is_the_container_model_dir(offline, script):
    est = _tf(script, distribution={"mpi": {"enabled": True}})
    est._current_job_name = "job-1"
    est.output_path = "s3://bucket/out"
    assert _hps(est)["model_dir"] == "/opt/ml/model"


def test_default_and_given_model_dir(offline, script):
    est = _tf(script)
    assert _hps(est)["model_dir"] is None  # no job yet: V2 sends null too
    est._current_job_name = "job-1"
    est.output_path = "s3://bucket/out/"
    assert _hps(est)["model_dir"] == "s3://bucket/out/job-1/model"
    assert est.model_dir == "s3://bucket/out/job-1/model"  # shown as V2 shows it
    est._current_job_name = "job-2"
    assert _hps(est)["model_dir"] == "s3://bucket/out/job-2/model"  # V2 would reuse job-1's
    assert _hps(_tf(script, model_dir="s3://ckpt/m"))["model_dir"] == "s3://ckpt/m"


def test_mxnet_distribution_hyperparameters(offline, script):
    ps = _hps(_mx(script, distribution={"parameter_server": {"enabled": True}}))
    assert ps["sagemaker_parameter_server_enabled"] is True
    mpi = _hps(_mx(script, distribution={"mpi": {"enabled": True, "custom_mpi_options": "-x A"}}))
    # V2 sends the custom options only together with processes_per_host
    assert mpi["sagemaker_mpi_enabled"] is True and "sagemaker_mpi_custom_mpi_options" not in mpi
    both = _hps(_mx(script, distribution={"mpi": {"enabled": True, "processes_per_host": 4,
                                                  "custom_mpi_options": "-x A"}}))
    assert both["sagemaker_mpi_num_of_processes_per_host"] == 4
    assert both["sagemaker_mpi_custom_mpi_options"] == "-x A"


def test_parameter_server_drops_debugger_hook(aws, script, training_requests):
    _tf(script, distribution={"parameter_server": {"enabled": True}}, instance_type="ml.c5.xlarge").fit(
        "s3://b/train", wait=False)
    request = training_requests[0]
    assert "DebugHookConfig" not in request
    assert request["HyperParameters"]["sagemaker_parameter_server_enabled"] == "true"
    assert request["AlgorithmSpecification"]["TrainingImage"].endswith("tensorflow-training:2.13-cpu-py310")
    job = request["TrainingJobName"]
    assert json.loads(request["HyperParameters"]["model_dir"]).endswith(f"/{job}/model")


# ------------------------------------------------------------------ bad input, before any upload


@pytest.mark.parametrize("make, error, words", [
    (lambda s: _tf(s, framework_version="1.15", py_version="py310"), ValueError,
     ["py_version='py310'", "1.15", "py37"]),
    (lambda s: _tf(s, framework_version="2.13", py_version="py2"), AttributeError, ["py2", "Python 3"]),
    (lambda s: _tf(s, framework_version="1.10", py_version="py2"), ValueError, ["legacy", "image_uri"]),
    (lambda s: _tf(s, distribution={"horovod": {"enabled": True}}), ValueError,
     ["'horovod'", "parameter_server", "multi_worker_mirrored_strategy"]),
    (lambda s: _tf(s, distribution={"torch_distributed": {"enabled": True}}), ValueError, ["torch_distributed"]),
    (lambda s: _tf(s, framework_version="2.8", py_version="py39",
                   distribution={"multi_worker_mirrored_strategy": {"enabled": True}}), ValueError, ["2.9", "2.8"]),
    (lambda s: _tf(s, distribution={"multi_worker_mirrored_strategy": {"enabled": True},
                                    "parameter_server": {"enabled": True}}), ValueError, ["parameter_server"]),
    (lambda s: _tf(s, distribution={"smdistributed": {"dataparallel": {"enabled": True}}}), ValueError,
     ["smdistributed", "2.11.0"]),
    (lambda s: _tf(s, framework_version="2.13", py_version=None), ValueError, ["py_version", "required"]),
    (lambda s: _tf(s, model_dir=3), TypeError, ["model_dir"]),
    (lambda s: _mx(s, distribution={"smdistributed": {"dataparallel": {"enabled": True}}}), ValueError,
     ["'smdistributed'", "parameter_server, mpi"]),
    (lambda s: _mx(s, framework_version="0.12", py_version="py2",
                   distribution={"parameter_server": {"enabled": True}}), ValueError, ["framework_version"]),
    (lambda s: _mx(s, framework_version="1.9.0", py_version="py310"), ValueError, ["py_version='py310'", "py38"]),
])
def test_bad_arguments_fail_before_anything_is_sent(offline, script, make, error, words):
    with pytest.raises(error) as raised:
        make(script)
    for word in words:
        assert word in str(raised.value), str(raised.value)


def test_parameter_server_warnings(offline, script, caplog):
    with caplog.at_level(logging.WARNING):
        _tf(script, instance_count=1, instance_type="ml.c5.xlarge", distribution={"parameter_server": {"enabled": True}})
    assert "instance_count=1" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        _mx(script, instance_type="ml.p3.8xlarge", distribution={"parameter_server": {"enabled": True}})
    assert "multi-GPU" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        _tf(script, instance_type="ml.p3.2xlarge", distribution={"parameter_server": {"enabled": True}})
    assert caplog.text == ""


# ------------------------------------------------------------------ models and predictors


def _put_model(uri, files=(("1/saved_model.pb", b"graph"),)):
    bucket, key = uri[len("s3://"):].split("/", 1)
    s3 = boto3.client("s3", region_name="us-west-2")
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    s3.put_object(Bucket=bucket, Key=key, Body=buffer.getvalue())


def test_tf_serving_container_without_and_with_entry_point(aws, tmp_path):
    from sagemaker.tensorflow import TensorFlowModel

    _put_model("s3://models/tf/model.tar.gz")
    bare = TensorFlowModel(model_data="s3://models/tf/model.tar.gz", role=ROLE, framework_version="2.12.0")
    container = bare.prepare_container_def(instance_type="ml.c5.xlarge")
    # the 2.12.0 training version is served by the 2.12.1 TF Serving image
    assert container["Image"] == "763104351884.dkr.ecr.us-west-2.amazonaws.com/tensorflow-inference:2.12.1-cpu"
    assert container["Environment"] == {} and container["ModelDataUrl"] == "s3://models/tf/model.tar.gz"

    code = tmp_path / "code"
    code.mkdir()
    (code / "inference.py").write_text("def handler(data, context):\n    return data\n")
    model = TensorFlowModel(model_data="s3://models/tf/model.tar.gz", role=ROLE, framework_version="2.13",
                            entry_point="inference.py", source_dir=str(code), container_log_level=logging.DEBUG)
    container = model.prepare_container_def(instance_type="ml.g5.xlarge")
    assert container["Environment"] == {"SAGEMAKER_TFS_NGINX_LOGLEVEL": "debug"}
    assert container["Image"].endswith("tensorflow-inference:2.13-gpu")
    repacked = container["ModelDataUrl"]
    assert repacked.startswith("s3://sagemaker-us-west-2-") and repacked.endswith("/model.tar.gz")
    bucket, key = repacked[len("s3://"):].split("/", 1)
    body = boto3.client("s3", region_name="us-west-2").get_object(Bucket=bucket, Key=key)["Body"].read()
    with tarfile.open(fileobj=io.BytesIO(body)) as archive:
        names = set(archive.getnames())
    assert {"1/saved_model.pb", "code/inference.py"} <= names


def test_tf_serving_refuses_missing_versions_and_eia(offline):
    from sagemaker.tensorflow import TensorFlowModel

    with pytest.raises(ValueError, match="framework_version"):
        TensorFlowModel(model_data="s3://m/model.tar.gz", role=ROLE)
    model = TensorFlowModel(model_data="s3://m/model.tar.gz", role=ROLE, framework_version="2.13")
    with pytest.raises(AttributeError, match="Elastic Inference"):
        model.deploy(1, "ml.m5.large", accelerator_type="ml.eia2.medium")
    assert model._eia_supported() is False
    assert TensorFlowModel(model_data="s3://m/model.tar.gz", framework_version="1.15")._eia_supported() is True


class _Runtime:
    """Records invoke_endpoint calls and answers like a TF Serving endpoint."""

    def __init__(self):
        self.calls = []

    def invoke_endpoint(self, **kwargs):
        self.calls.append(kwargs)
        return {"Body": io.BytesIO(b'{"predictions": [1.5]}'), "ContentType": "application/json"}


class _Session:
    def __init__(self):
        self.sagemaker_runtime_client = _Runtime()


def test_tensorflow_predictor_request_shapes():
    from sagemaker.serializers import CSVSerializer
    from sagemaker.tensorflow import TensorFlowPredictor

    session = _Session()
    predictor = TensorFlowPredictor("ep", session, model_name="m", model_version="3")
    assert (predictor.content_type, predictor.accept) == ("application/json", ("application/json",))
    assert predictor.predict({"instances": [[1.0, 2.0]]}) == {"predictions": [1.5]}
    predictor.classify({"examples": [{"x": 1}]})
    predictor.regress({"examples": [{"x": 2}]})
    calls = session.sagemaker_runtime_client.calls
    assert [call.get("CustomAttributes") for call in calls] == [
        "tfs-model-name=m,tfs-model-version=3",
        "tfs-method=classify,tfs-model-name=m,tfs-model-version=3",
        "tfs-method=regress,tfs-model-name=m,tfs-model-version=3",
    ]
    assert json.loads(calls[0]["Body"]) == {"instances": [[1.0, 2.0]]}
    csv = TensorFlowPredictor("ep", session, serializer=CSVSerializer())
    with pytest.raises(ValueError, match="json"):
        csv.classify([[1, 2]])
    with pytest.raises(TypeError, match="content_type"):
        TensorFlowPredictor("ep", session, content_type="text/csv")


def test_mxnet_predictor_and_model_container(aws, tmp_path):
    from sagemaker.mxnet import MXNetModel, MXNetPredictor

    session = _Session()
    predictor = MXNetPredictor("ep", session)
    assert (predictor.content_type, predictor.accept) == ("application/json", ("application/json",))
    predictor.predict([[1, 2]])
    assert json.loads(session.sagemaker_runtime_client.calls[0]["Body"]) == [[1, 2]]

    _put_model("s3://models/mx/model.tar.gz", files=(("model-symbol.json", b"{}"),))
    (tmp_path / "inference.py").write_text("def model_fn(model_dir):\n    return None\n")
    model = MXNetModel("s3://models/mx/model.tar.gz", ROLE, str(tmp_path / "inference.py"),
                       framework_version="1.9.0", py_version="py38", model_server_workers=2)
    container = model.prepare_container_def(instance_type="ml.c5.xlarge")
    assert container["Image"].endswith("mxnet-inference:1.9.0-cpu-py38")
    assert container["Environment"]["SAGEMAKER_SUBMIT_DIRECTORY"] == "/opt/ml/model/code"
    assert container["Environment"]["SAGEMAKER_PROGRAM"] == "inference.py"
    assert container["Environment"]["SAGEMAKER_MODEL_SERVER_WORKERS"] == "2"
    assert container["ModelDataUrl"] != "s3://models/mx/model.tar.gz"  # repacked for the model server


def test_v2_surface_of_tensorflow_and_mxnet():
    """Every V2 name, constructor parameter and method of the four modules exists here."""
    import importlib
    import inspect
    import os

    path = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "shared", "reference",
                        "v2_surface_wave2.json")
    if not os.path.exists(path):
        path = "/work/shared/reference/v2_surface_wave2.json"
    if not os.path.exists(path):
        pytest.skip("v2_surface_wave2.json is not available")
    import sagemaker_estimators._startup  # noqa: F401

    skipped = {"compile", "package_for_edge", "right_size", "tune", "predict_stream", "list_monitors",
               "endpoint_context", "list_related_models", "compile_model"}
    # EstimatorBase methods the project's base class does not have for any framework yet (not TF/MXNet's own)
    skipped |= {"disable_profiling", "disable_remote_debug", "enable_default_profiling", "enable_remote_debug",
                "get_app_url", "get_remote_debug_config", "get_session_chaining_config",
                "latest_job_debugger_artifacts_path", "latest_job_profiler_artifacts_path",
                "latest_job_tensorboard_artifacts_path", "prepare_workflow_for_training", "register",
                "update_profiler"}
    with open(path, encoding="utf-8") as handle:
        modules = json.load(handle)["modules"]
    missing = []
    for module_name in ("sagemaker.tensorflow", "sagemaker.tensorflow.estimator", "sagemaker.tensorflow.model",
                        "sagemaker.mxnet", "sagemaker.mxnet.estimator", "sagemaker.mxnet.model"):
        module = importlib.import_module(module_name)
        for name, info in modules[module_name].items():
            if info.get("kind") not in ("class", "reexport") or "Processor" in name:
                continue
            if info.get("kind") == "reexport" and not name.startswith(("TensorFlow", "MXNet")):
                continue
            value = getattr(module, name)
            if info.get("kind") != "class":
                continue
            params = set(inspect.signature(value.__init__).parameters)
            for parameter in info["init"]:
                if parameter["kind"] not in ("VAR_KEYWORD", "VAR_POSITIONAL") and parameter["name"] != "self":
                    assert parameter["name"] in params or "kwargs" in params, (module_name, name, parameter)
            for method in info.get("methods", {}):
                if method not in skipped and not hasattr(value, method):
                    missing.append((module_name, name, method))
    assert missing == []


def test_tensorflow_is_never_imported_and_models_load_lazily(tmp_path):
    """The default suite and user code run without the tensorflow package; the model classes (serving
    stack) load only when used."""
    import os
    import subprocess
    import sys

    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    code = (
        "import sys, sagemaker_estimators._startup\n"
        "from sagemaker.tensorflow import TensorFlow\n"
        "from sagemaker.mxnet import MXNet\n"
        "assert 'sagemaker_estimators.serving.model' not in sys.modules, 'serving stack loaded eagerly'\n"
        "assert 'sagemaker_estimators.processing.processor' not in sys.modules, 'processing loaded eagerly'\n"
        "from sagemaker.tensorflow import TensorFlowProcessor\n"
        "from sagemaker.mxnet import MXNetProcessor\n"
        "import sagemaker.tensorflow.processing, sagemaker.mxnet.processing\n"
        "assert TensorFlowProcessor is sagemaker.tensorflow.processing.TensorFlowProcessor\n"
        "assert MXNetProcessor is sagemaker.mxnet.processing.MXNetProcessor\n"
        "assert TensorFlowProcessor.estimator_cls is TensorFlow and MXNetProcessor.estimator_cls is MXNet\n"
        "est = TensorFlow(entry_point='t.py', framework_version='2.13', py_version='py310', role='r',\n"
        "                 instance_count=2, instance_type='ml.c5.xlarge',\n"
        "                 distribution={'multi_worker_mirrored_strategy': {'enabled': True}})\n"
        "est.hyperparameters()\n"
        "from sagemaker.tensorflow import TensorFlowModel, TensorFlowPredictor\n"
        "from sagemaker.tensorflow.serving import Model, Predictor\n"
        "assert Model is TensorFlowModel and Predictor is TensorFlowPredictor\n"
        "import sagemaker_estimators.local.model_server.tensorflow_serving, sagemaker_estimators.local.process.tensorflow_toolkit\n"
        "assert 'tensorflow' not in sys.modules and 'mxnet' not in sys.modules\n"
        "print('ok')\n"
    )
    env = dict(os.environ, PYTHONPATH=repo, AWS_DEFAULT_REGION="us-west-2")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
