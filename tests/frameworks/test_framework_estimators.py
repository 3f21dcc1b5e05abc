"""Framework estimators: registry-checked versions, framework rules and the requests they send."""
from __future__ import annotations

import json

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


@pytest.mark.parametrize("make, words", [
    (lambda s: __import__("sagemaker.pytorch", fromlist=["PyTorch"]).PyTorch(
        entry_point="train.py", source_dir=str(s), framework_version="0.1", py_version="py3", role=ROLE,
        instance_count=1, instance_type="ml.m5.large"), ["framework_version='0.1'", "supported versions", "2.1"]),
    (lambda s: __import__("sagemaker.pytorch", fromlist=["PyTorch"]).PyTorch(
        entry_point="train.py", source_dir=str(s), framework_version="2.1", py_version="py27", role=ROLE,
        instance_count=1, instance_type="ml.m5.large"), ["py_version='py27'", "py310"]),
    (lambda s: __import__("sagemaker.pytorch", fromlist=["PyTorch"]).PyTorch(
        entry_point="train.py", source_dir=str(s), framework_version="1.10", py_version="py3", role=ROLE,
        instance_count=1, instance_type="ml.m5.large"), ["py_version='py3'", "py38"]),
    (lambda s: __import__("sagemaker.huggingface", fromlist=["HuggingFace"]).HuggingFace(
        entry_point="train.py", source_dir=str(s), transformers_version="9.9.9", pytorch_version="1.13.1",
        py_version="py39", role=ROLE, instance_count=1, instance_type="ml.g5.xlarge"),
     ["transformers_version='9.9.9'", "supported"]),
])
def test_versions_are_checked_at_fit_as_v2_does(offline, script, make, words):
    """V2 looks the image up (and so checks the versions) in fit(); construction accepts them."""
    estimator = make(script)
    with pytest.raises(ValueError) as raised:
        estimator.fit("s3://b/x")
    for word in words:
        assert word in str(raised.value), str(raised.value)
    assert estimator.latest_training_job is None


def test_py2_is_a_warning_at_construction_as_in_v2(offline, script, caplog):
    from sagemaker.pytorch import PyTorch

    with caplog.at_level("WARNING"):
        PyTorch(entry_point="train.py", source_dir=str(script), framework_version="1.3.1", py_version="py2",
                role=ROLE, instance_count=1, instance_type="ml.m5.large")
    assert any("1.3.1 is the latest version of pytorch that supports Python 2" in r.getMessage()
               for r in caplog.records)


@pytest.mark.parametrize("make, words", [
    (lambda s: __import__("sagemaker.pytorch", fromlist=["PyTorch"]).PyTorch(
        entry_point="train.py", source_dir=str(s), framework_version="2.1", role=ROLE,
        instance_count=1, instance_type="ml.m5.large"), ["py_version", "required"]),
    (lambda s: __import__("sagemaker.pytorch", fromlist=["PyTorch"]).PyTorch(
        entry_point="train.py", source_dir=str(s), framework_version="2.1", py_version="py310", role=ROLE,
        instance_count=2, instance_type="ml.g5.12xlarge", distribution={"horovod": {}}),
     ["'horovod'", "torch_distributed", "valid options"]),
    (lambda s: __import__("sagemaker.pytorch", fromlist=["PyTorch"]).PyTorch(
        entry_point="train.py", source_dir=str(s), framework_version="2.1", py_version="py310", role=ROLE,
        instance_count=2, instance_type="ml.m5.large", distribution={"torch_distributed": {"enabled": True}}),
     ["torch_distributed", "GPU or Trainium", "ml.m5.large"]),
    (lambda s: __import__("sagemaker.sklearn", fromlist=["SKLearn"]).SKLearn(
        entry_point="train.py", source_dir=str(s), framework_version="1.2-1", role=ROLE,
        instance_count=2, instance_type="ml.m5.large"), ["instance_count=2", "distributed training"]),
    (lambda s: __import__("sagemaker.sklearn", fromlist=["SKLearn"]).SKLearn(
        entry_point="train.py", source_dir=str(s), framework_version="9.9", role=ROLE,
        instance_count=1, instance_type="ml.m5.large"), ["framework_version='9.9'", "1.2-1"]),
    (lambda s: __import__("sagemaker.xgboost", fromlist=["XGBoost"]).XGBoost(
        entry_point="train.py", source_dir=str(s), framework_version="1.1-1", role=ROLE,
        instance_count=1, instance_type="ml.m5.large"), ["1.1", "not supported", "1.2-1"]),
    (lambda s: __import__("sagemaker.huggingface", fromlist=["HuggingFace"]).HuggingFace(
        entry_point="train.py", source_dir=str(s), transformers_version="4.26", pytorch_version="1.13.1",
        py_version="py39", role=ROLE, instance_count=1, instance_type="ml.g5.xlarge"),
     ["full version or shortened version"]),
    (lambda s: __import__("sagemaker.huggingface", fromlist=["HuggingFace"]).HuggingFace(
        entry_point="train.py", source_dir=str(s), transformers_version="4.26", py_version="py39", role=ROLE,
        instance_count=1, instance_type="ml.g5.xlarge"), ["tensorflow_version and pytorch_version"]),
])
def test_bad_framework_arguments(offline, script, make, words):
    with pytest.raises(ValueError) as raised:
        make(script)
    for word in words:
        assert word in str(raised.value), str(raised.value)


def test_version_alias_is_accepted_with_torch_distributed(offline, script):
    """V2 refuses "2.1" here although it is an alias of 2.1.0 (a V2 bug we do not copy)."""
    from sagemaker.pytorch import PyTorch

    est = PyTorch(entry_point="train.py", source_dir=str(script), framework_version="2.1", py_version="py310",
                  role=ROLE, instance_count=2, instance_type="ml.g5.12xlarge",
                  distribution={"torch_distributed": {"enabled": True}})
    assert est.training_image_uri() == (
        "763104351884.dkr.ecr.us-west-2.amazonaws.com/pytorch-training:2.1-gpu-py310")


def test_pytorch_request(aws, script, monkeypatch, training_requests):
    from sagemaker.pytorch import PyTorch

    sent = training_requests
    est = PyTorch(entry_point="train.py", source_dir=str(script), framework_version="2.1.0", py_version="py310",
                  role=ROLE, instance_count=2, instance_type="ml.g5.12xlarge",
                  hyperparameters={"epochs": 3, "lr": 3e-4, "layers": [128, 64], "opt": {"name": "sgd"},
                                   "ratio": "0.2", "flag": False, "none": None, "backend": "gloo"},
                  distribution={"pytorchddp": {"enabled": True}})
    est.fit("s3://b/train", wait=False)
    request = sent[0]
    hps = request["HyperParameters"]
    assert {k: hps[k] for k in ("epochs", "lr", "layers", "opt", "ratio", "flag", "none", "backend")} == {
        "epochs": "3", "lr": "0.0003", "layers": "[128, 64]", "opt": '{"name": "sgd"}', "ratio": '"0.2"',
        "flag": "false", "none": "null", "backend": '"gloo"'}
    assert hps["sagemaker_distributed_dataparallel_enabled"] == "true"
    assert hps["sagemaker_distributed_dataparallel_custom_mpi_options"] == '""'
    assert hps["sagemaker_instance_type"] == '"ml.g5.12xlarge"'
    assert hps["sagemaker_job_name"] == json.dumps(request["TrainingJobName"])
    assert request["AlgorithmSpecification"]["EnableSageMakerMetricsTimeSeries"] is True
    assert request["AlgorithmSpecification"]["TrainingImage"].endswith("pytorch-training:2.1.0-gpu-py310")


def test_pytorch_with_checkpoints_drops_debug_hook(aws, script, monkeypatch, training_requests):
    from sagemaker.pytorch import PyTorch

    sent = training_requests
    PyTorch(entry_point="train.py", source_dir=str(script), framework_version="2.1", py_version="py310",
            role=ROLE, instance_count=1, instance_type="ml.g5.xlarge", checkpoint_s3_uri="s3://b/ckpt",
            checkpoint_local_path="/opt/ml/checkpoints").fit("s3://b/train", wait=False)
    assert "DebugHookConfig" not in sent[0]
    assert sent[0]["CheckpointConfig"] == {"S3Uri": "s3://b/ckpt", "LocalPath": "/opt/ml/checkpoints"}


def test_mpi_hyperparameters(aws, script, monkeypatch, training_requests):
    from sagemaker.pytorch import PyTorch

    sent = training_requests
    PyTorch(entry_point="train.py", source_dir=str(script), framework_version="1.13", py_version="py39",
            role=ROLE, instance_count=2, instance_type="ml.p3.16xlarge",
            distribution={"mpi": {"enabled": True, "processes_per_host": 8, "custom_mpi_options": "-x A"}},
            ).fit("s3://b/train", wait=False)
    hps = sent[0]["HyperParameters"]
    assert hps["sagemaker_mpi_enabled"] == "true"
    assert hps["sagemaker_mpi_num_of_processes_per_host"] == "8"
    assert hps["sagemaker_mpi_custom_mpi_options"] == '"-x A"'


def test_sklearn_and_xgboost_requests_and_attach(aws, script, monkeypatch, training_requests):
    from sagemaker.sklearn import SKLearn
    from sagemaker.xgboost import XGBoost

    sent = training_requests
    sk = SKLearn(entry_point="train.py", source_dir=str(script), framework_version="1.2-1", role=ROLE,
                 instance_type="ml.m5.large", hyperparameters={"C": 0.5})
    sk.fit("s3://b/train", logs=False)
    assert sent[0]["AlgorithmSpecification"]["TrainingImage"] == (
        "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3")
    assert "EnableSageMakerMetricsTimeSeries" not in sent[0]["AlgorithmSpecification"]
    again = SKLearn.attach(sk.latest_training_job.name)
    assert (again.framework_version, again.py_version, again.entry_point) == ("1.2-1", "py3", "train.py")
    assert again.source_dir == json.loads(sent[0]["HyperParameters"]["sagemaker_submit_directory"])
    assert again.hyperparameters()["C"] == "0.5"

    xgb = XGBoost(entry_point="train.py", source_dir=str(script), framework_version="1.7-1", role=ROLE,
                  instance_count=1, instance_type="ml.m5.large")
    xgb.fit("s3://b/train", logs=False)
    assert sent[1]["AlgorithmSpecification"]["TrainingImage"].endswith("sagemaker-xgboost:1.7-1")
    assert XGBoost.attach(xgb.latest_training_job.name).framework_version == "1.7-1"


def test_huggingface_request_and_attach(aws, script, monkeypatch, training_requests):
    from sagemaker.huggingface import HuggingFace

    sent = training_requests
    hf = HuggingFace(entry_point="train.py", source_dir=str(script), transformers_version="4.26",
                     pytorch_version="1.13", py_version="py39", role=ROLE, instance_count=1,
                     instance_type="ml.g5.xlarge")
    hf.fit("s3://b/train", logs=False)
    image = sent[0]["AlgorithmSpecification"]["TrainingImage"]
    # short versions stay short in the tag, as V2 writes them
    assert image.endswith("huggingface-pytorch-training:1.13-transformers4.26-gpu-py39-cu117-ubuntu20.04")
    again = HuggingFace.attach(hf.latest_training_job.name)
    assert (again.framework_version, again.pytorch_version, again.py_version) == ("4.26", "1.13", "py39")


def test_framework_hyperparameters_from_json_file(aws, script, monkeypatch, tmp_path, training_requests):
    from sagemaker.pytorch import PyTorch

    path = tmp_path / "hp.json"
    path.write_text(json.dumps({"epochs": 2, "name": "x"}))
    sent = training_requests
    PyTorch(entry_point="train.py", source_dir=str(script), framework_version="2.1", py_version="py310",
            role=ROLE, instance_count=1, instance_type="ml.g5.xlarge", hyperparameters=str(path),
            ).fit("s3://b/train", wait=False)
    assert sent[0]["HyperParameters"]["epochs"] == "2"
    assert sent[0]["HyperParameters"]["name"] == '"x"'
