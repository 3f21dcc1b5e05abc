"""Local endpoints and batch transform through the client API: real model servers over real HTTP."""
from __future__ import annotations

import json
import os

import pytest
from botocore.exceptions import ClientError

from sagemaker_estimators.local.entities import REGISTRY
from sagemaker_estimators.local.clients.runtime_client import http_request
from tests.local_session.conftest import ROLE, SKLEARN_IMAGE, leftovers, training_request, unique


@pytest.fixture
def trained(no_aws, workspace, session):
    """A trained iris model (file:// artifacts) and a model record serving it with the script's model_fn."""
    job = unique("trainjob")
    session.sagemaker_client.create_training_job(**training_request(workspace, job))
    model_data = session.describe_training_job(job)["ModelArtifacts"]["S3ModelArtifacts"]
    return {"job": job, "model_data": model_data}


def create_model(session, workspace, model_data, name=None):
    name = name or unique("model")
    session.sagemaker_client.create_model(
        ModelName=name,
        ExecutionRoleArn=ROLE,
        PrimaryContainer={
            "Image": SKLEARN_IMAGE,
            "ModelDataUrl": model_data,
            "Environment": {
                "SAGEMAKER_PROGRAM": "train.py",
                "SAGEMAKER_SUBMIT_DIRECTORY": "file://" + str(workspace["code"]),
                "SAGEMAKER_CONTAINER_LOG_LEVEL": "20",
                "SAGEMAKER_REGION": "us-west-2",
            },
        },
    )
    return name


def deploy(session, model, name=None, instance_type="local_process"):
    name = name or unique("endpoint")
    config = unique("config")
    session.sagemaker_client.create_endpoint_config(
        EndpointConfigName=config,
        ProductionVariants=[{"ModelName": model, "VariantName": "AllTraffic", "InitialInstanceCount": 1,
                             "InstanceType": instance_type}],
    )
    session.sagemaker_client.create_endpoint(EndpointName=name, EndpointConfigName=config, Tags=[])
    return name, config


def predict_csv(session, endpoint, rows):
    body = "\n".join(",".join(str(v) for v in row) for row in rows)
    response = session.sagemaker_runtime_client.invoke_endpoint(
        Body=body, EndpointName=endpoint, ContentType="text/csv", Accept="application/json")
    return response["ContentType"], json.loads(response["Body"].read())


def test_deploy_invoke_delete(trained, workspace, session):
    model = create_model(session, workspace, trained["model_data"])
    endpoint, config = deploy(session, model)

    description = session.sagemaker_client.describe_endpoint(EndpointName=endpoint)
    assert description["EndpointStatus"] == "InService"
    assert description["EndpointConfigName"] == config
    url = REGISTRY.endpoints[endpoint].url
    assert url.startswith("http://127.0.0.1:")

    iris = workspace["iris"]
    content_type, predictions = predict_csv(session, endpoint, iris.data[[0, 60, 120]].tolist())
    assert content_type.startswith("application/json")
    assert predictions == [0.0, 1.0, 2.0]

    session.sagemaker_client.delete_endpoint_config(EndpointConfigName=config)
    session.sagemaker_client.delete_endpoint(EndpointName=endpoint)
    with pytest.raises(OSError):
        http_request("GET", url, "/ping", timeout=2)
    with pytest.raises(ClientError):
        session.sagemaker_client.describe_endpoint(EndpointName=endpoint)
    with pytest.raises(ClientError) as error:
        predict_csv(session, endpoint, [[1, 2, 3, 4]])
    assert "Could not find local endpoint" in str(error.value)
    # a second delete is ignored, as in V2
    session.sagemaker_client.delete_endpoint(EndpointName=endpoint)
    assert leftovers(workspace["root"]) == []
    assert leftovers(workspace["tmp"]) == []


def test_two_endpoints_serve_at_once_on_their_own_ports(trained, workspace, session):
    model = create_model(session, workspace, trained["model_data"])
    first, _ = deploy(session, model)
    second, _ = deploy(session, model)
    assert REGISTRY.endpoints[first].url != REGISTRY.endpoints[second].url
    row = workspace["iris"].data[[130]].tolist()
    assert predict_csv(session, first, row)[1] == [2.0]
    assert predict_csv(session, second, row)[1] == [2.0]
    session.sagemaker_client.delete_endpoint(EndpointName=first)
    assert predict_csv(session, second, row)[1] == [2.0]


def test_endpoint_name_in_use_is_refused(trained, workspace, session):
    model = create_model(session, workspace, trained["model_data"])
    endpoint, config = deploy(session, model)
    with pytest.raises(ClientError) as error:
        session.sagemaker_client.create_endpoint(EndpointName=endpoint, EndpointConfigName=config)
    assert error.value.response["Error"]["Code"] == "ResourceInUse"


def test_a_new_session_reaches_an_endpoint_started_by_another(trained, workspace, session):
    from sagemaker.local import LocalSession

    model = create_model(session, workspace, trained["model_data"])
    endpoint, _ = deploy(session, model)
    other = LocalSession()
    assert other.sagemaker_client.describe_endpoint(EndpointName=endpoint)["EndpointStatus"] == "InService"
    assert predict_csv(other, endpoint, workspace["iris"].data[[0]].tolist())[1] == [0.0]


def test_model_error_is_a_client_error_with_status(trained, workspace, session):
    model = create_model(session, workspace, trained["model_data"])
    endpoint, _ = deploy(session, model)
    with pytest.raises(ClientError) as error:
        session.sagemaker_runtime_client.invoke_endpoint(
            Body=b"not,numbers\nat,all", EndpointName=endpoint, ContentType="text/csv")
    assert error.value.response["Error"]["Code"] == "ModelError"
    assert error.value.response["OriginalStatusCode"] >= 400


def test_update_endpoint_switches_models(trained, workspace, session):
    model = create_model(session, workspace, trained["model_data"])
    endpoint, _ = deploy(session, model)
    old_url = REGISTRY.endpoints[endpoint].url

    # a second model with an inference script that answers a constant
    code = workspace["code"].parent / "constant"
    code.mkdir()
    (code / "inference.py").write_text(
        "def model_fn(model_dir):\n    return None\n\n"
        "def transform_fn(model, body, content_type, accept):\n    return '\"constant\"', 'application/json'\n"
    )
    other = unique("constant-model")
    session.sagemaker_client.create_model(ModelName=other, PrimaryContainer={
        "Image": SKLEARN_IMAGE, "ModelDataUrl": trained["model_data"],
        "Environment": {"SAGEMAKER_PROGRAM": "inference.py", "SAGEMAKER_SUBMIT_DIRECTORY": "file://" + str(code)}})
    config = unique("config2")
    session.sagemaker_client.create_endpoint_config(EndpointConfigName=config, ProductionVariants=[
        {"ModelName": other, "VariantName": "AllTraffic", "InitialInstanceCount": 1, "InstanceType": "local_process"}])
    session.sagemaker_client.update_endpoint(EndpointName=endpoint, EndpointConfigName=config)

    assert session.sagemaker_client.describe_endpoint(EndpointName=endpoint)["EndpointConfigName"] == config
    assert predict_csv(session, endpoint, [[1, 2, 3, 4]])[1] == "constant"
    with pytest.raises(OSError):
        http_request("GET", old_url, "/ping", timeout=2)


def test_s3_model_data_is_downloaded_and_served(aws, workspace, session):
    import boto3

    s3 = boto3.client("s3", region_name="us-west-2")
    s3.create_bucket(Bucket="models", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    job = unique("s3model")
    session.sagemaker_client.create_training_job(**training_request(workspace, job, output_path="s3://models/out"))
    model_data = session.describe_training_job(job)["ModelArtifacts"]["S3ModelArtifacts"]
    assert model_data.startswith("s3://models/out/")
    model = create_model(session, workspace, model_data)
    endpoint, _ = deploy(session, model)
    assert predict_csv(session, endpoint, workspace["iris"].data[[60]].tolist())[1] == [1.0]


def test_failed_server_start_marks_the_endpoint_failed(no_aws, workspace, session):
    broken = workspace["code"].parent / "broken"
    broken.mkdir()
    (broken / "inference.py").write_text("raise RuntimeError('cannot import this handler')\n")
    model_dir = workspace["code"].parent / "modeldir"
    model_dir.mkdir()
    model = unique("broken-model")
    session.sagemaker_client.create_model(ModelName=model, PrimaryContainer={
        "Image": SKLEARN_IMAGE, "ModelDataUrl": "file://" + str(model_dir),
        "Environment": {"SAGEMAKER_PROGRAM": "inference.py", "SAGEMAKER_SUBMIT_DIRECTORY": "file://" + str(broken)}})
    name = unique("broken")
    with pytest.raises(Exception, match="cannot import this handler"):
        deploy(session, model, name=name)
    description = session.sagemaker_client.describe_endpoint(EndpointName=name)
    assert description["EndpointStatus"] == "Failed"
    assert "cannot import this handler" in description["FailureReason"]
    assert leftovers(workspace["root"]) == []


def transform(session, model, input_uri, output_uri, split_type="Line", **kwargs):
    name = unique("transform")
    session.sagemaker_client.create_transform_job(
        TransformJobName=name, ModelName=model,
        TransformInput={"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": input_uri}},
                        "ContentType": "text/csv", "SplitType": split_type, "CompressionType": "None"},
        TransformOutput={"S3OutputPath": output_uri, "Accept": "text/csv", "AssembleWith": "Line"},
        TransformResources={"InstanceType": "local_process", "InstanceCount": 1},
        **kwargs,
    )
    return name


@pytest.mark.parametrize("strategy", ["SingleRecord", "MultiRecord"])
def test_transform_job_writes_one_out_file_per_input(trained, workspace, session, strategy):
    iris = workspace["iris"]
    batch = workspace["code"].parent / "batch"
    (batch / "nested").mkdir(parents=True)
    (batch / "a.csv").write_text("\n".join(",".join(map(str, row)) for row in iris.data[[0, 1, 60]]) + "\n\n")
    (batch / "nested" / "b.csv").write_text(",".join(map(str, iris.data[120])))
    model = create_model(session, workspace, trained["model_data"])
    out = workspace["code"].parent / "batch-out"

    name = transform(session, model, "file://" + str(batch), "file://" + str(out), BatchStrategy=strategy)

    description = session.sagemaker_client.describe_transform_job(TransformJobName=name)
    assert description["TransformJobStatus"] == "Completed"
    assert description["BatchStrategy"] == strategy
    assert sorted(os.path.relpath(os.path.join(d, f), out) for d, _, fs in os.walk(out) for f in fs) == [
        "a.csv.out", os.path.join("nested", "b.csv.out")]
    assert (out / "a.csv.out").read_text().split() == ["0", "0", "1"] or \
        [float(v) for v in (out / "a.csv.out").read_text().split()] == [0.0, 0.0, 1.0]
    assert [float(v) for v in (out / "nested" / "b.csv.out").read_text().split()] == [2.0]
    assert (out / "a.csv.out").read_text().endswith("\n")
    assert leftovers(workspace["root"]) == []
    assert leftovers(workspace["tmp"]) == []
    assert not any(e.name == name for e in REGISTRY.running_endpoints())


def test_transform_job_with_s3_input_and_output(aws, workspace, session):
    import boto3

    s3 = boto3.client("s3", region_name="us-west-2")
    s3.create_bucket(Bucket="batch", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    s3.put_object(Bucket="batch", Key="in/rows.csv", Body=",".join(map(str, workspace["iris"].data[0])).encode())
    job = unique("train-for-batch")
    session.sagemaker_client.create_training_job(**training_request(workspace, job))
    model = create_model(session, workspace, session.describe_training_job(job)["ModelArtifacts"]["S3ModelArtifacts"])

    transform(session, model, "s3://batch/in", "s3://batch/out")

    body = s3.get_object(Bucket="batch", Key="out/rows.csv.out")["Body"].read().decode()
    assert [float(v) for v in body.split()] == [0.0]


def test_transform_record_larger_than_max_payload_fails_the_job(trained, workspace, session):
    batch = workspace["code"].parent / "big"
    batch.mkdir()
    (batch / "big.csv").write_text(",".join(["1.0"] * 4) + "," + "0" * (1024 * 1024 + 10) + "\n")
    model = create_model(session, workspace, trained["model_data"])
    with pytest.raises(ValueError, match="MaxPayloadInMB=1"):
        transform(session, model, "file://" + str(batch), "file://" + str(batch.parent / "big-out"),
                  BatchStrategy="SingleRecord", MaxPayloadInMB=1)
    jobs = session.sagemaker_client.list_transform_jobs(StatusEquals="Failed")["TransformJobSummaries"]
    assert jobs
    assert leftovers(workspace["root"]) == []


def test_transform_settings_are_validated(trained, workspace, session):
    model = create_model(session, workspace, trained["model_data"])
    with pytest.raises(ValueError, match="BatchStrategy must be one of"):
        transform(session, model, "file://" + str(workspace["data"]), "file://" + str(workspace["out"]),
                  BatchStrategy="AllAtOnce")
    with pytest.raises(ValueError, match="SplitType must be one of"):
        transform(session, model, "file://" + str(workspace["data"]), "file://" + str(workspace["out"]),
                  split_type="Paragraph", BatchStrategy="MultiRecord")


def test_a_crashed_server_is_reported_with_its_log_tail(no_aws, workspace, session, tmp_path):
    code = tmp_path / "crashing"
    code.mkdir()
    (code / "inference.py").write_text(
        "import os\n\n"
        "def model_fn(model_dir):\n    return None\n\n"
        "def transform_fn(model, body, content_type, accept):\n"
        "    print('handler is going down now', flush=True)\n"
        "    os._exit(3)\n"
    )
    model_dir = tmp_path / "model"
    model_dir.mkdir()
    model = unique("crashing-model")
    session.sagemaker_client.create_model(ModelName=model, PrimaryContainer={
        "Image": SKLEARN_IMAGE, "ModelDataUrl": "file://" + str(model_dir),
        "Environment": {"SAGEMAKER_PROGRAM": "inference.py", "SAGEMAKER_SUBMIT_DIRECTORY": "file://" + str(code)}})
    endpoint, _ = deploy(session, model)
    with pytest.raises(ClientError) as error:
        session.sagemaker_runtime_client.invoke_endpoint(Body=b"1", EndpointName=endpoint, ContentType="text/csv")
    assert error.value.response["Error"]["Code"] == "ModelError"
    assert "handler is going down now" in str(error.value)


def test_configured_serving_port_is_used(trained, workspace, session):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    session.config = {"local": {"local_code": True, "container_root": str(workspace["root"]), "serving_port": port}}
    model = create_model(session, workspace, trained["model_data"])
    endpoint, _ = deploy(session, model)
    assert REGISTRY.endpoints[endpoint].url == f"http://127.0.0.1:{port}"
    assert predict_csv(session, endpoint, workspace["iris"].data[[0]].tolist())[1] == [0.0]
