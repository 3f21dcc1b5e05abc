"""Framework estimators: deploy and transformer after fit, the way V2 builds their models."""
from __future__ import annotations

import re

from sagemaker_estimators.frameworks.huggingface.estimator import HuggingFace
from sagemaker_estimators.frameworks.pytorch.estimator import PyTorch
from sagemaker_estimators.frameworks.sklearn.estimator import SKLearn
from tests.serving.hosting_helpers import ROLE, archive_members, model_archive, recorded_session

TS = r"\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-\d{3}"
BUCKET = "sagemaker-us-west-2-123456789012"


def _script(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "train.py").write_text("print('train')\n")
    (src / "extra.py").write_text("X = 1\n")
    return src


def _store_artifact(session, estimator):
    bucket, key = estimator.model_data[len("s3://"):].split("/", 1)
    session.s3_client.put_object(Bucket=bucket, Key=key, Body=model_archive({"model.pth": b"weights"}))


def test_pytorch_fit_then_deploy_repacks_uploaded_sourcedir(aws, tmp_path):
    session, calls = recorded_session()
    est = PyTorch(entry_point="train.py", source_dir=str(_script(tmp_path)), role=ROLE, framework_version="2.1",
                  py_version="py310", instance_count=1, instance_type="ml.m5.xlarge", sagemaker_session=session)
    est.fit("s3://my-data/train", job_name="pt-job", logs=False)
    _store_artifact(session, est)
    predictor = est.deploy(1, "ml.m5.large")
    container = calls.params("CreateModel")["PrimaryContainer"]
    model_name = calls.params("CreateModel")["ModelName"]
    assert re.fullmatch(f"pytorch-training-{TS}", model_name)
    assert container["ModelDataUrl"] == f"s3://{BUCKET}/{model_name}/model.tar.gz"
    assert container["Environment"]["SAGEMAKER_SUBMIT_DIRECTORY"] == "/opt/ml/model/code"
    assert container["Environment"]["SAGEMAKER_PROGRAM"] == "train.py"
    assert container["Image"].endswith("/pytorch-inference:2.1-cpu-py310")
    assert sorted(archive_members(session, container["ModelDataUrl"])) == [
        "/", "code/", "code/extra.py", "code/train.py", "model.pth"]
    assert predictor.endpoint_name == model_name


def test_huggingface_deploy_has_empty_program_and_submit_dir(aws, tmp_path):
    session, calls = recorded_session()
    est = HuggingFace(entry_point="train.py", source_dir=str(_script(tmp_path)), role=ROLE,
                      transformers_version="4.28", pytorch_version="2.0", py_version="py310", instance_count=1,
                      instance_type="ml.g4dn.xlarge", sagemaker_session=session)
    est.fit("s3://my-data/train", job_name="hf-job", logs=False)
    est.deploy(1, "ml.g4dn.xlarge", wait=False)
    env = calls.params("CreateModel")["PrimaryContainer"]["Environment"]
    assert env["SAGEMAKER_PROGRAM"] == "" and env["SAGEMAKER_SUBMIT_DIRECTORY"] == ""
    assert calls.params("CreateModel")["PrimaryContainer"]["ModelDataUrl"] == est.model_data


def test_sklearn_transformer_merges_model_environment(aws, tmp_path):
    session, calls = recorded_session()
    est = SKLearn(entry_point="train.py", source_dir=str(_script(tmp_path)), role=ROLE, framework_version="1.2-1",
                  instance_count=1, instance_type="ml.m5.xlarge", sagemaker_session=session)
    est.fit("s3://my-data/train", job_name="sk-job", logs=False)
    transformer = est.transformer(1, "ml.m5.large", env={"EXTRA": "1"}, model_server_workers=3)
    transformer.transform("s3://data/in", wait=False)
    assert calls.params("CreateTransformJob")["Environment"] == {"EXTRA": "1"}  # model.env + env, as V2
    env = calls.params("CreateModel")["PrimaryContainer"]["Environment"]
    assert env["SAGEMAKER_PROGRAM"] == "train.py" and env["SAGEMAKER_MODEL_SERVER_WORKERS"] == "3"
    assert env["SAGEMAKER_SUBMIT_DIRECTORY"] == f"s3://{BUCKET}/sk-job/source/sourcedir.tar.gz"
    assert calls.params("CreateModel")["PrimaryContainer"]["ModelDataUrl"] == est.model_data
