"""Framework models: image selection, code upload vs repack into code/, SAGEMAKER_* environment."""
from __future__ import annotations

import re

import pytest

from sagemaker_estimators.frameworks.huggingface.model import HuggingFaceModel, HuggingFacePredictor
from sagemaker_estimators.frameworks.pytorch.model import PyTorchModel, PyTorchPredictor
from sagemaker_estimators.frameworks.sklearn.model import SKLearnModel, SKLearnPredictor
from sagemaker_estimators.frameworks.xgboost.model import XGBoostModel, XGBoostPredictor
from tests.serving.hosting_helpers import CREATE_CALLS, ROLE, archive_members, put_model, recorded_session

TS = r"\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-\d{3}"
BUCKET = "sagemaker-us-west-2-123456789012"


@pytest.fixture
def code(tmp_path):
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "inference.py").write_text("def model_fn(d):\n    return 1\n")
    (src / "sub" / "helper.py").write_text("X = 1\n")
    lib = tmp_path / "mylib"
    lib.mkdir()
    (lib / "util.py").write_text("Y = 2\n")
    return src, lib


def test_pytorch_repacks_code_into_model_archive(aws, code):
    src, lib = code
    session, calls = recorded_session()
    model_data = put_model(session, "models", "pt/model.tar.gz", {"model.pth": b"w", "code/old.py": b"old"})
    model = PyTorchModel(model_data=model_data, role=ROLE, entry_point="inference.py", source_dir=str(src),
                         dependencies=[str(lib)], framework_version="2.1", py_version="py310",
                         env={"A": "B"}, model_server_workers=2, name="pt-model", sagemaker_session=session)
    predictor = model.deploy(1, "ml.m5.large", endpoint_name="pt-ep")
    container = calls.params("CreateModel")["PrimaryContainer"]
    assert container["Image"] == "763104351884.dkr.ecr.us-west-2.amazonaws.com/pytorch-inference:2.1-cpu-py310"
    assert container["ModelDataUrl"] == f"s3://{BUCKET}/pt-model/model.tar.gz"
    assert container["Environment"] == {
        "A": "B", "SAGEMAKER_PROGRAM": "inference.py", "SAGEMAKER_SUBMIT_DIRECTORY": "/opt/ml/model/code",
        "SAGEMAKER_CONTAINER_LOG_LEVEL": "20", "SAGEMAKER_REGION": "us-west-2",
        "SAGEMAKER_MODEL_SERVER_WORKERS": "2"}
    members = archive_members(session, container["ModelDataUrl"])
    assert sorted(members) == ["/", "code/", "code/inference.py", "code/lib/", "code/lib/mylib/",
                               "code/lib/mylib/util.py", "code/sub/", "code/sub/helper.py", "model.pth"]
    assert members["model.pth"] == b"w"
    upload = calls.params("PutObject")
    assert upload["ServerSideEncryption"] == "aws:kms"
    assert isinstance(predictor, PyTorchPredictor)
    assert predictor.content_type == "application/x-npy"


def test_pytorch_entry_point_only_is_copied_into_existing_code_dir(aws, code):
    src, _ = code
    session, calls = recorded_session()
    model_data = put_model(session, "models", "pt/model.tar.gz", {"model.pth": b"w", "code/requirements.txt": b"x"})
    model = PyTorchModel(model_data=model_data, role=ROLE, entry_point=str(src / "inference.py"),
                         framework_version="2.1", py_version="py310", sagemaker_session=session)
    model.create(instance_type="ml.m5.large")
    container = calls.params("CreateModel")["PrimaryContainer"]
    assert re.fullmatch(f"s3://{BUCKET}/pytorch-inference-{TS}/model.tar.gz", container["ModelDataUrl"])
    members = archive_members(session, container["ModelDataUrl"])
    assert {"code/inference.py", "code/requirements.txt", "model.pth"} <= set(members)


def test_xgboost_uploads_sourcedir_and_keeps_model_data(aws, code):
    src, _ = code
    session, calls = recorded_session()
    model = XGBoostModel(model_data="s3://models/xgb/model.tar.gz", role=ROLE, entry_point="inference.py",
                         source_dir=str(src), framework_version="1.7-1", sagemaker_session=session)
    predictor = model.deploy(1, "ml.m5.large")
    container = calls.params("CreateModel")["PrimaryContainer"]
    assert container["Image"] == "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1"
    assert container["ModelDataUrl"] == "s3://models/xgb/model.tar.gz"
    submit = container["Environment"]["SAGEMAKER_SUBMIT_DIRECTORY"]
    assert re.fullmatch(f"s3://{BUCKET}/sagemaker-xgboost-{TS}/sourcedir.tar.gz", submit)
    assert sorted(archive_members(session, submit)) == ["inference.py", "sub/", "sub/helper.py"]
    assert isinstance(predictor, XGBoostPredictor) and predictor.content_type == "text/libsvm"


def test_sklearn_without_isolation_is_not_repacked_with_isolation_it_is(aws, code):
    src, _ = code
    session, calls = recorded_session()
    model_data = put_model(session, "models", "sk/model.tar.gz", {"model.joblib": b"w"})
    plain = SKLearnModel(model_data=model_data, role=ROLE, entry_point=str(src / "inference.py"),
                         framework_version="1.2-1", sagemaker_session=session)
    plain.create(instance_type="ml.m5.large")
    env = calls.params("CreateModel")["PrimaryContainer"]["Environment"]
    assert env["SAGEMAKER_SUBMIT_DIRECTORY"].endswith("/sourcedir.tar.gz")
    isolated = SKLearnModel(model_data=model_data, role=ROLE, entry_point=str(src / "inference.py"),
                            framework_version="1.2-1", sagemaker_session=session, enable_network_isolation=True)
    isolated.create(instance_type="ml.m5.large")
    request = calls.params("CreateModel")
    assert request["EnableNetworkIsolation"] is True
    assert request["PrimaryContainer"]["Environment"]["SAGEMAKER_SUBMIT_DIRECTORY"] == "/opt/ml/model/code"
    assert re.fullmatch(f"s3://{BUCKET}/sagemaker-scikit-learn-{TS}/model.tar.gz",
                        request["PrimaryContainer"]["ModelDataUrl"])
    assert SKLearnPredictor("x", session).accept == ("application/x-npy",)


def test_huggingface_model_without_entry_point_has_empty_program(aws):
    session, calls = recorded_session()
    model = HuggingFaceModel(model_data="s3://models/hf/model.tar.gz", role=ROLE, transformers_version="4.28",
                             pytorch_version="2.0", py_version="py310", sagemaker_session=session)
    predictor = model.deploy(1, "ml.g4dn.xlarge")
    container = calls.params("CreateModel")["PrimaryContainer"]
    assert "huggingface-pytorch-inference:2.0-transformers4.28-gpu-py310" in container["Image"]
    assert container["Environment"]["SAGEMAKER_PROGRAM"] == ""
    assert container["Environment"]["SAGEMAKER_SUBMIT_DIRECTORY"] == ""
    assert container["ModelDataUrl"] == "s3://models/hf/model.tar.gz"
    assert isinstance(predictor, HuggingFacePredictor) and predictor.content_type == "application/json"


@pytest.mark.parametrize("factory, match", [
    (lambda: PyTorchModel("s3://b/model.tar.gz", ROLE, framework_version="2.1"), "py_version"),
    (lambda: XGBoostModel("s3://b/model.tar.gz", ROLE, framework_version="1.1-1"), "XGBoost 1.1"),
    (lambda: XGBoostModel("s3://b/model.tar.gz", ROLE, framework_version="1.7-1", py_version="py2"), "py_version"),
    (lambda: SKLearnModel("s3://b/model.tar.gz", ROLE, framework_version="1.2-1", py_version="py2"), "py_version"),
    (lambda: HuggingFaceModel(ROLE, transformers_version="4.28", py_version="py310"), "pytorch_version"),
])
def test_bad_framework_model_arguments_v2_refuses_at_construction(factory, match):
    with pytest.raises(ValueError, match=match):
        factory()


@pytest.mark.parametrize("factory, match", [
    (lambda s: PyTorchModel("s3://b/model.tar.gz", ROLE, framework_version="0.1", py_version="py3",
                            sagemaker_session=s), "framework_version='0.1'"),
    (lambda s: SKLearnModel("s3://b/model.tar.gz", ROLE, framework_version="0.1", sagemaker_session=s),
     "framework_version='0.1'"),
    (lambda s: PyTorchModel("s3://b/model.tar.gz", ROLE, entry_point="missing.py", source_dir="/nonexistent",
                            framework_version="2.1", py_version="py310", sagemaker_session=s), "source_dir"),
    (lambda s: SKLearnModel("s3://b/model.tar.gz", ROLE, entry_point="missing.py", framework_version="1.2-1",
                            sagemaker_session=s), "missing.py"),
    (lambda s: PyTorchModel("s3://b/model.tar.gz", ROLE, name="bad_name", framework_version="2.1",
                            py_version="py310", sagemaker_session=s), "name='bad_name'"),
    (lambda s: PyTorchModel("model/missing.tar.gz", ROLE, entry_point="missing.py", framework_version="2.1",
                            py_version="py310", sagemaker_session=s), "missing"),
])
def test_bad_framework_model_arguments_are_refused_by_deploy_before_any_write(aws, factory, match):
    """V2 takes these at construction and fails where it first needs them; so do we, before any write."""
    session, calls = recorded_session()
    model = factory(session)
    with pytest.raises(ValueError, match=match):
        model.deploy(1, "ml.m5.large")
    assert not CREATE_CALLS & set(calls.operations())
    assert "PutObject" not in calls.operations("s3")


def test_sklearn_rejects_accelerator_before_creating(aws):
    session, calls = recorded_session()
    model = SKLearnModel("s3://b/model.tar.gz", ROLE, framework_version="1.2-1", sagemaker_session=session)
    with pytest.raises(ValueError, match="accelerator"):
        model.deploy(1, "ml.m5.large", accelerator_type="ml.eia2.medium")
    assert "CreateModel" not in calls.operations()
