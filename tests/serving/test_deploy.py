"""Deploy, create_model and delete paths against the moto server (real HTTP, real boto3)."""
from __future__ import annotations

import re

import pytest

from sagemaker_estimators.estimators.base import Estimator
from sagemaker_estimators.payloads.deserializers import JSONDeserializer
from sagemaker_estimators.serving.model import Model
from sagemaker_estimators.serving.predictor import Predictor
from sagemaker_estimators.payloads.serializers import CSVSerializer
from tests.serving.hosting_helpers import IMAGE, ROLE, recorded_session

TS = r"\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-\d{3}"
CREATE_CALLS = {"CreateModel", "CreateEndpointConfig", "CreateEndpoint", "CreateTransformJob"}


def _trained(session, job_name="job-1", **kwargs):
    est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge",
                    sagemaker_session=session, **kwargs)
    est.fit("s3://my-data/train", job_name=job_name, logs=False)
    return est


def test_estimator_deploy_sends_v2_requests_and_returns_predictor(aws):
    session, calls = recorded_session()
    est = _trained(session, tags=[{"Key": "project", "Value": "p"}], subnets=["subnet-1"],
                   security_group_ids=["sg-1"])
    predictor = est.deploy(1, "ml.m5.large", serializer=CSVSerializer(), deserializer=JSONDeserializer())
    hosting = [op for op in calls.operations() if op not in ("CreateTrainingJob", "DescribeTrainingJob")]
    assert hosting == ["CreateModel", "CreateEndpointConfig", "CreateEndpoint", "DescribeEndpoint"]
    model = calls.params("CreateModel")
    assert re.fullmatch(f"my-algo-{TS}", model["ModelName"])
    assert model["PrimaryContainer"] == {
        "Image": IMAGE, "Environment": {},
        "ModelDataUrl": "s3://sagemaker-us-west-2-123456789012/job-1/output/model.tar.gz"}
    assert model["VpcConfig"] == {"Subnets": ["subnet-1"], "SecurityGroupIds": ["sg-1"]}
    assert model["Tags"] == [{"Key": "project", "Value": "p"}]
    config = calls.params("CreateEndpointConfig")
    assert config["ProductionVariants"] == [{"VariantName": "AllTraffic", "ModelName": model["ModelName"],
                                             "InitialVariantWeight": 1, "InitialInstanceCount": 1,
                                             "InstanceType": "ml.m5.large"}]
    assert config["Tags"] == [{"Key": "project", "Value": "p"}]
    assert calls.params("CreateEndpoint") == {"EndpointName": predictor.endpoint_name,
                                              "EndpointConfigName": predictor.endpoint_name,
                                              "Tags": [{"Key": "project", "Value": "p"}]}
    assert predictor.endpoint_name == config["EndpointConfigName"]
    assert session.describe_endpoint(predictor.endpoint_name)["EndpointStatus"] == "InService"
    assert predictor.content_type == "text/csv" and predictor.accept == ("application/json",)
    assert est.deploy_instance_type == "ml.m5.large"


def test_delete_endpoint_deletes_config_first(aws):
    session, calls = recorded_session()
    est = _trained(session)
    predictor = est.deploy(1, "ml.m5.large", endpoint_name="ep-del", model_name="model-del")
    assert calls.params("CreateModel")["ModelName"] == "model-del"
    predictor.delete_model()  # reads the config, so it must come before delete_endpoint (as in V2)
    assert session.sagemaker_client.list_models()["Models"] == []
    before = len(calls.calls)
    predictor.delete_endpoint()
    assert [c[1] for c in calls.calls[before:]] == ["DeleteEndpointConfig", "DeleteEndpoint"]
    assert session.sagemaker_client.list_endpoints()["Endpoints"] == []
    assert session.sagemaker_client.list_endpoint_configs()["EndpointConfigs"] == []
    fresh = Predictor("ep-del", sagemaker_session=session)
    with pytest.raises(Exception, match="Could not find"):
        fresh.delete_endpoint()


def test_create_endpoint_without_tags_sends_empty_list(aws):
    session, calls = recorded_session()
    Model(IMAGE, "s3://b/m/model.tar.gz", ROLE, sagemaker_session=session).deploy(1, "ml.m5.large")
    assert calls.params("CreateEndpoint")["Tags"] == []
    assert "Tags" not in calls.params("CreateEndpointConfig")
    assert "Tags" not in calls.params("CreateModel")


def test_model_without_predictor_cls_returns_none_like_v2(aws):
    session, _ = recorded_session()
    assert Model(IMAGE, "s3://b/m/model.tar.gz", ROLE, sagemaker_session=session).deploy(1, "ml.m5.large") is None


def test_deploy_after_attach_names_model_after_job(aws):
    session, calls = recorded_session()
    _trained(session, job_name="job-to-attach")
    attached = Estimator.attach("job-to-attach", sagemaker_session=session)
    predictor = attached.deploy(1, "ml.m5.large", wait=False)
    assert re.fullmatch(f"job-to-attach-{TS}", calls.params("CreateModel")["ModelName"])
    assert re.fullmatch(f"job-to-attach-{TS}", predictor.endpoint_name)
    assert "DescribeEndpoint" not in calls.operations()[-2:]


@pytest.mark.parametrize("kwargs, error, match", [
    ({"initial_instance_count": 0, "instance_type": "ml.m5.large"}, ValueError, "initial_instance_count=0"),
    ({"initial_instance_count": "1", "instance_type": "ml.m5.large"}, TypeError, "initial_instance_count"),
    ({"initial_instance_count": 1, "instance_type": "m5.large"}, ValueError, "instance_type='m5.large'"),
    ({"initial_instance_count": 1}, ValueError, "Must specify instance type"),
    ({"initial_instance_count": 1, "instance_type": "ml.m5.large", "serializer": "csv"}, TypeError, "serializer='csv'"),
    ({"initial_instance_count": 1, "instance_type": "ml.m5.large", "serializer": CSVSerializer}, TypeError,
     "serializer"),
    ({"initial_instance_count": 1, "instance_type": "ml.m5.large", "deserializer": object()}, TypeError,
     "deserializer"),
    ({"initial_instance_count": 1, "instance_type": "ml.m5.large", "endpoint_name": "bad_name"}, ValueError,
     "endpoint_name"),
])
def test_bad_deploy_arguments_fail_before_any_create_call(aws, kwargs, error, match):
    session, calls = recorded_session()
    est = _trained(session)
    before = len(calls.calls)
    with pytest.raises(error, match=match):
        est.deploy(**kwargs)
    assert calls.calls[before:] == []
    model = Model(IMAGE, "s3://b/m/model.tar.gz", ROLE, sagemaker_session=session)
    with pytest.raises(error, match=match):
        model.deploy(**kwargs)
    assert calls.calls[before:] == []


def test_deploy_before_fit_is_a_clear_error(aws):
    session, calls = recorded_session()
    est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge",
                    sagemaker_session=session)
    with pytest.raises(ValueError, match=r"fit\(\)"):
        est.deploy(1, "ml.m5.large")
    assert calls.calls == []


@pytest.mark.parametrize("model_data, error", [("ftp://b/model.tar.gz", ValueError), (5, TypeError),
                                                ({"S3DataSource": {}}, ValueError)])
def test_bad_model_data_is_taken_by_the_constructor_and_refused_before_create(aws, model_data, error):
    """V2's Model() takes any model_data; one that could never work is refused by deploy(), first."""
    session, calls = recorded_session()
    model = Model(IMAGE, model_data, ROLE, sagemaker_session=session)
    with pytest.raises(error, match="model_data"):
        model.deploy(1, "ml.m5.large")
    assert not CREATE_CALLS & set(calls.operations())


def test_deploy_without_role_fails_before_create(aws):
    session, calls = recorded_session()
    with pytest.raises(ValueError, match="Role"):
        Model(IMAGE, "s3://b/m/model.tar.gz", sagemaker_session=session).deploy(1, "ml.m5.large")
    assert not CREATE_CALLS & set(calls.operations())


def test_predictor_update_endpoint_and_delete_model(aws):
    import boto3
    from botocore.config import Config
    from botocore.exceptions import ClientError

    client = boto3.Session(region_name="us-west-2").client("sagemaker", config=Config(retries={"max_attempts": 1}))
    session, calls = recorded_session(sagemaker_client=client)
    Model(IMAGE, "s3://b/m/model.tar.gz", ROLE, sagemaker_session=session, name="m-1").deploy(
        1, "ml.m5.large", endpoint_name="ep-up", tags={"k": "v"})
    predictor = Predictor("ep-up", sagemaker_session=session)
    with pytest.raises(ClientError, match="UpdateEndpoint"):  # moto 5.2 has no UpdateEndpoint (HTTP 500)
        predictor.update_endpoint(initial_instance_count=2, instance_type="ml.m5.xlarge")
    new_config = calls.params("UpdateEndpoint")["EndpointConfigName"]
    assert re.fullmatch(f"ep-up-{TS}", new_config)
    created = calls.params("CreateEndpointConfig")
    assert created["ProductionVariants"][0]["InitialInstanceCount"] == 2
    assert created["ProductionVariants"][0]["ModelName"] == "m-1"
    assert created["Tags"] == [{"Key": "k", "Value": "v"}]
    assert session.describe_endpoint_config(new_config)["ProductionVariants"][0]["InstanceType"] == "ml.m5.xlarge"
    with pytest.raises(ValueError, match="Missing initial_instance_count"):
        predictor.update_endpoint(instance_type="ml.m5.xlarge")
    predictor.delete_model()
    assert calls.params("DeleteModel") == {"ModelName": "m-1"}


def test_create_model_of_generic_estimator(aws):
    session, _ = recorded_session()
    est = _trained(session, enable_network_isolation=True)
    model = est.create_model(image_uri="123456789012.dkr.ecr.us-west-2.amazonaws.com/serve:1", env={"A": "B"})
    assert model.image_uri.endswith("/serve:1") and model.env == {"A": "B"}
    assert model.enable_network_isolation() and model.role == ROLE
    assert model.predictor_cls is Predictor
    model.create(instance_type="ml.m5.large")
    described = session.describe_model(model.name)
    assert described["PrimaryContainer"]["Environment"] == {"A": "B"}


def test_update_endpoint_of_missing_endpoint(aws):
    session, _ = recorded_session()
    with pytest.raises(ValueError, match="does not exist"):
        session.update_endpoint("nope", "cfg", wait=False)


def test_endpoint_from_job(aws):
    session, calls = recorded_session()
    _trained(session, job_name="job-ep")
    name = session.endpoint_from_job("job-ep", 1, "ml.m5.large", model_environment_vars={"X": "1"})
    assert name == "job-ep"
    model = calls.params("CreateModel")
    assert model["PrimaryContainer"]["ModelDataSource"]["S3DataSource"]["CompressionType"] == "Gzip"
    assert model["PrimaryContainer"]["Environment"] == {"X": "1"}
    assert session.describe_endpoint("job-ep")["EndpointStatus"] == "InService"


def test_local_instance_type_needs_local_session(aws):
    session, calls = recorded_session()
    with pytest.raises(ValueError, match="LocalSession"):
        Model(IMAGE, "s3://b/m/model.tar.gz", ROLE, sagemaker_session=session).deploy(1, "local")
    assert calls.calls == []


def test_data_capture_and_serverless_configs_in_requests(aws):
    from sagemaker_estimators.serving.inference_configs import DataCaptureConfig, ServerlessInferenceConfig

    session, calls = recorded_session()
    capture = DataCaptureConfig(True, sampling_percentage=50, destination_s3_uri="s3://cap/x",
                                capture_options=["REQUEST"], sagemaker_session=session)
    Model(IMAGE, "s3://b/m/model.tar.gz", ROLE, sagemaker_session=session).deploy(
        1, "ml.m5.large", data_capture_config=capture, kms_key="k1", volume_size=30)
    config = calls.params("CreateEndpointConfig")
    assert config["DataCaptureConfig"] == {
        "EnableCapture": True, "InitialSamplingPercentage": 50, "DestinationS3Uri": "s3://cap/x",
        "CaptureOptions": [{"CaptureMode": "Input"}],
        "CaptureContentTypeHeader": {"CsvContentTypes": ["text/csv"], "JsonContentTypes": ["application/json"]}}
    assert config["KmsKeyId"] == "k1" and config["ProductionVariants"][0]["VolumeSizeInGB"] == 30
    Model(IMAGE, "s3://b/m/model.tar.gz", ROLE, sagemaker_session=session).deploy(
        serverless_inference_config=ServerlessInferenceConfig(memory_size_in_mb=4096, max_concurrency=2), wait=False)
    variant = calls.params("CreateEndpointConfig")["ProductionVariants"][0]
    assert variant["ServerlessConfig"] == {"MemorySizeInMB": 4096, "MaxConcurrency": 2}
    assert "InstanceType" not in variant
    with pytest.raises(ValueError, match="memory_size_in_mb"):
        ServerlessInferenceConfig(memory_size_in_mb=1000)
