"""Legacy V2 calls, written as notebooks write them, are accepted as V2 accepts them.

What V2 drops silently is dropped with one warning; what could never work on AWS is
refused before the first upload or Create call.
"""
from __future__ import annotations

import io
import logging
import tarfile

import pytest

from tests.serving.hosting_helpers import CREATE_CALLS, IMAGE, ROLE, put_model, recorded_session


def _unknown_kwarg_warnings(caplog):
    return [r.getMessage() for r in caplog.records if "unknown keyword" in r.getMessage()]


def _write_archive(path, files):
    path.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(path, "w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))


@pytest.fixture
def notebook_dir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write_archive(tmp_path / "model" / "model.tar.gz", {"model.pth": b"weights"})
    (tmp_path / "inference.py").write_text("def model_fn(model_dir):\n    return None\n")
    return tmp_path


# unknown keyword arguments ------------------------------------------------------------------------
@pytest.mark.parametrize("make", [
    lambda s: __import__("sagemaker.sklearn", fromlist=["SKLearn"]).SKLearn(
        entry_point="inference.py", framework_version="1.2-1", instance_type="ml.m5.xlarge", role=ROLE,
        sagemaker_session=s, script_mode=True),
    lambda s: __import__("sagemaker.pytorch", fromlist=["PyTorch"]).PyTorch(
        entry_point="inference.py", framework_version="2.1", py_version="py310", instance_count=1,
        instance_type="ml.g5.xlarge", role=ROLE, sagemaker_session=s, env={"NCCL_DEBUG": "INFO"}),
    lambda s: __import__("sagemaker.estimator", fromlist=["Estimator"]).Estimator(
        image_uri=IMAGE, instance_count=1, instance_type="ml.m5.xlarge", role=ROLE, sagemaker_session=s,
        resources={"gpus": 1}),
])
def test_estimators_drop_unknown_keywords_with_one_warning(aws, notebook_dir, caplog, make):
    session, calls = recorded_session()
    with caplog.at_level(logging.WARNING):
        estimator = make(session)
    assert len(_unknown_kwarg_warnings(caplog)) == 1
    estimator.fit("s3://data/train", wait=False)
    request = calls.params("CreateTrainingJob")
    assert "NCCL_DEBUG" not in str(request) and "script_mode" not in str(request)


def test_model_deploy_drops_unknown_keywords_with_one_warning(aws, caplog):
    from sagemaker.model import Model

    session, calls = recorded_session()
    model = Model(image_uri=IMAGE, model_data="s3://models/model.tar.gz", role=ROLE, sagemaker_session=session)
    with caplog.at_level(logging.WARNING):
        model.deploy(initial_instance_count=1, instance_type="ml.m5.large", legacy_flag=True)
    warnings = _unknown_kwarg_warnings(caplog)
    assert len(warnings) == 1 and "'legacy_flag'" in warnings[0]
    assert "CreateEndpoint" in calls.operations()


def test_model_and_transformer_refuse_unknown_keywords_as_v2_does(aws):
    """V2's Model() and transformer() take no **kwargs: a TypeError, as there."""
    from sagemaker.model import Model

    with pytest.raises(TypeError):
        Model(image_uri=IMAGE, model_data="s3://models/model.tar.gz", role=ROLE, script_mode=True)
    model = Model(image_uri=IMAGE, model_data="s3://models/model.tar.gz", role=ROLE)
    with pytest.raises(TypeError):
        model.transformer(instance_count=1, instance_type="ml.m5.xlarge", legacy_flag=True)


# bare local model_data --------------------------------------------------------------------------------
@pytest.mark.parametrize("absolute", [False, True])
def test_local_model_data_is_repacked_and_uploaded_where_v2_repacks(aws, notebook_dir, absolute):
    from sagemaker.pytorch import PyTorchModel

    session, calls = recorded_session()
    path = str(notebook_dir / "model" / "model.tar.gz") if absolute else "model/model.tar.gz"
    model = PyTorchModel(model_data=path, role=ROLE, entry_point="inference.py", framework_version="2.1",
                         py_version="py310", name="local-data", sagemaker_session=session)
    model.deploy(1, "ml.m5.large")
    container = calls.params("CreateModel")["PrimaryContainer"]
    bucket = session.default_bucket()
    assert container["ModelDataUrl"] == f"s3://{bucket}/local-data/model.tar.gz"
    assert model.model_data == path  # as in V2, the attribute keeps what the user gave
    import boto3

    body = boto3.client("s3").get_object(Bucket=bucket, Key="local-data/model.tar.gz")["Body"].read()
    with tarfile.open(fileobj=io.BytesIO(body)) as archive:
        names = sorted(name.lstrip("/") for name in archive.getnames())
    assert "model.pth" in names and "code/inference.py" in names


@pytest.mark.parametrize("make", [
    lambda s: __import__("sagemaker.sklearn", fromlist=["SKLearnModel"]).SKLearnModel(
        model_data="model/model.tar.gz", role=ROLE, entry_point="inference.py", framework_version="1.2-1",
        sagemaker_session=s),
    lambda s: __import__("sagemaker.model", fromlist=["Model"]).Model(
        image_uri=IMAGE, model_data="model/model.tar.gz", role=ROLE, sagemaker_session=s),
    lambda s: __import__("sagemaker.pytorch", fromlist=["PyTorchModel"]).PyTorchModel(
        model_data="model/model.tar.gz", role=ROLE, framework_version="2.1", py_version="py310",
        sagemaker_session=s),
    lambda s: __import__("sagemaker.pytorch", fromlist=["PyTorchModel"]).PyTorchModel(
        model_data="model/missing.tar.gz", role=ROLE, entry_point="inference.py", framework_version="2.1",
        py_version="py310", sagemaker_session=s),
])
def test_local_model_data_sagemaker_could_never_read_is_refused_before_any_write(aws, notebook_dir, make):
    """V2 sends the local path in CreateModel here, which SageMaker refuses; we refuse it first."""
    session, calls = recorded_session()
    model = make(session)
    with pytest.raises(ValueError, match="model_data="):
        model.deploy(1, "ml.m5.large")
    assert not CREATE_CALLS & set(calls.operations())
    assert "PutObject" not in calls.operations("s3")


def test_local_model_data_in_local_mode_is_used_in_place(no_aws, notebook_dir):
    from sagemaker.local import LocalSession
    from sagemaker.model import Model

    model = Model(image_uri=IMAGE, model_data="model/model.tar.gz", role=ROLE, sagemaker_session=LocalSession())
    container = model.prepare_container_def("local")
    assert container["ModelDataUrl"] == f"file://{notebook_dir / 'model' / 'model.tar.gz'}"


# Model.transformer() before deploy ---------------------------------------------------------------------
def test_model_transformer_creates_the_model_first(aws, notebook_dir):
    from sagemaker.pytorch import PyTorchModel

    session, calls = recorded_session()
    put_model(session, "models", "pt/model.tar.gz", {"model.pth": b"weights"})
    model = PyTorchModel(model_data="s3://models/pt/model.tar.gz", role=ROLE, entry_point="inference.py",
                         framework_version="2.1", py_version="py310", sagemaker_session=session)
    transformer = model.transformer(instance_count=1, instance_type="ml.m5.xlarge", output_path="s3://out/x")
    assert calls.operations() == ["CreateModel"]
    assert transformer.model_name == model.name == calls.params("CreateModel")["ModelName"]
    transformer.transform("s3://data/batch", job_name="batch-1", wait=False)
    assert calls.params("CreateTransformJob")["ModelName"] == model.name


@pytest.mark.parametrize("make", [
    lambda: __import__("sagemaker.sklearn", fromlist=["SKLearn"]).SKLearn(
        entry_point="inference.py", framework_version="1.2-1", instance_type="ml.m5.xlarge", instance_count=2,
        role=ROLE),
    lambda: __import__("sagemaker.sklearn", fromlist=["SKLearn"]).SKLearn(
        entry_point="inference.py", framework_version="1.2-1", py_version="py2", instance_type="ml.m5.xlarge",
        role=ROLE),
    lambda: __import__("sagemaker.sklearn", fromlist=["SKLearnModel"]).SKLearnModel(
        model_data="s3://b/model.tar.gz", role=ROLE, framework_version="1.2-1", py_version="py2"),
])
def test_sklearn_refusals_are_the_attribute_errors_v2_raises(no_aws, monkeypatch, make):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-west-2")
    with pytest.raises(AttributeError) as raised:
        make()
    assert isinstance(raised.value, ValueError)
