"""Local mode deploy with local code: no AWS at all (the no_aws fixture makes any AWS call fail)."""
from __future__ import annotations

import tarfile

import pytest

from sagemaker_estimators.frameworks.sklearn.model import SKLearnModel
from sagemaker_estimators.payloads.deserializers import JSONDeserializer
from sagemaker_estimators.payloads.serializers import JSONSerializer

INFERENCE = '''
import json, os
def model_fn(model_dir):
    with open(os.path.join(model_dir, "scale.txt")) as handle:
        return int(handle.read())
def input_fn(body, content_type):
    return json.loads(body)
def predict_fn(data, model):
    return [x * model for x in data]
def output_fn(prediction, accept):
    return json.dumps(prediction)
'''


@pytest.fixture
def local_model(tmp_path):
    (tmp_path / "code").mkdir()
    (tmp_path / "code" / "inference.py").write_text(INFERENCE)
    (tmp_path / "scale.txt").write_text("3")
    archive = tmp_path / "model.tar.gz"
    with tarfile.open(archive, "w:gz") as handle:
        handle.add(tmp_path / "scale.txt", "scale.txt")
    return tmp_path, f"file://{archive}"


def test_local_process_deploy_predict_delete_without_aws(no_aws, local_model):
    from sagemaker_estimators.local.session import LocalSession

    root, model_data = local_model
    session = LocalSession()
    model = SKLearnModel(model_data=model_data, role="arn:aws:iam::123456789012:role/R", entry_point="inference.py",
                         source_dir=str(root / "code"), framework_version="1.2-1", sagemaker_session=session)
    predictor = model.deploy(1, "local_process", serializer=JSONSerializer(), deserializer=JSONDeserializer())
    try:
        container = session.sagemaker_client.describe_model(ModelName=model.name)["PrimaryContainer"]
        assert container["ModelDataUrl"] == model_data
        assert container["Environment"]["SAGEMAKER_SUBMIT_DIRECTORY"] == f"file://{root / 'code'}"
        assert container["Environment"]["SAGEMAKER_PROGRAM"] == "inference.py"
        assert predictor.predict([1, 2]) == [3, 6]
    finally:
        predictor.delete_endpoint()


def test_local_entry_point_without_source_dir_uses_its_folder(no_aws, local_model):
    from sagemaker_estimators.local.session import LocalSession

    root, model_data = local_model
    model = SKLearnModel(model_data=model_data, role="arn:aws:iam::123456789012:role/R",
                         entry_point=str(root / "code" / "inference.py"), framework_version="1.2-1",
                         sagemaker_session=LocalSession())
    container = model.prepare_container_def("local_process")
    assert container["Environment"]["SAGEMAKER_PROGRAM"] == "inference.py"
    assert container["Environment"]["SAGEMAKER_SUBMIT_DIRECTORY"] == f"file://{root / 'code'}"
    assert container["ModelDataUrl"] == model_data


TRAIN_AND_SERVE = INFERENCE + '''
if __name__ == "__main__":
    with open(os.path.join(os.environ["SM_MODEL_DIR"], "scale.txt"), "w") as handle:
        handle.write("5")
'''


def test_local_process_fit_deploy_transformer_without_aws(no_aws, tmp_path):
    from sagemaker_estimators.frameworks.sklearn.estimator import SKLearn

    (tmp_path / "train.py").write_text(TRAIN_AND_SERVE)
    est = SKLearn(entry_point=str(tmp_path / "train.py"), role="arn:aws:iam::123456789012:role/R",
                  framework_version="1.2-1", instance_count=1, instance_type="local_process",
                  output_path=f"file://{tmp_path / 'out'}")
    est.fit()
    assert est.model_data.startswith("file://")
    predictor = est.deploy(1, "local_process", serializer=JSONSerializer(), deserializer=JSONDeserializer())
    try:
        assert predictor.predict([1, 2]) == [5, 10]
    finally:
        predictor.delete_endpoint()
    transformer = est.transformer(1, "local_process", output_path=f"file://{tmp_path / 'transform'}")
    model = est.sagemaker_session.sagemaker_client.describe_model(ModelName=transformer.model_name)
    assert model["PrimaryContainer"]["Environment"]["SAGEMAKER_SUBMIT_DIRECTORY"] == f"file://{tmp_path}"
    (tmp_path / "batch").mkdir()
    (tmp_path / "batch" / "rows.json").write_text("[1, 2, 3]")
    transformer.transform(f"file://{tmp_path / 'batch'}", content_type="application/json")
    assert (tmp_path / "transform" / "rows.json.out").read_text() == "[5, 10, 15]"
