"""Pure request builders for CreateModel, CreateEndpointConfig, CreateEndpoint and CreateTransformJob."""
from __future__ import annotations

import pytest

from sagemaker_estimators.request_builders import hosting as req
from sagemaker_estimators.serving.validation import check_model_data


def test_container_def_with_archive_url():
    assert req.container_def("img", "s3://b/model.tar.gz", {"A": "1"}) == {
        "Image": "img", "Environment": {"A": "1"}, "ModelDataUrl": "s3://b/model.tar.gz"}


def test_container_def_without_model_data_has_empty_environment():
    assert req.container_def("img") == {"Image": "img", "Environment": {}}


def test_container_def_with_uncompressed_data_source():
    source = {"S3DataSource": {"S3Uri": "s3://b/p/", "S3DataType": "S3Prefix", "CompressionType": "None"}}
    assert req.container_def("img", source)["ModelDataSource"] == source


def test_container_def_with_eula_turns_archive_into_data_source():
    definition = req.container_def("img", "s3://b/model.tar.gz", accept_eula=True, image_config={"X": "Y"})
    assert definition["ModelDataSource"] == {"S3DataSource": {
        "S3Uri": "s3://b/model.tar.gz", "S3DataType": "S3Object", "CompressionType": "Gzip",
        "ModelAccessConfig": {"AcceptEula": True}}}
    assert "ModelDataUrl" not in definition and definition["ImageConfig"] == {"X": "Y"}


def test_production_variant_defaults_and_options():
    assert req.production_variant("m", "ml.m5.large") == {
        "VariantName": "AllTraffic", "ModelName": "m", "InitialVariantWeight": 1,
        "InitialInstanceCount": 1, "InstanceType": "ml.m5.large"}
    variant = req.production_variant("m", "ml.m5.large", 3, volume_size=40, model_data_download_timeout=60,
                                     container_startup_health_check_timeout=90, accelerator_type="ml.eia2.medium")
    assert variant["InitialInstanceCount"] == 3 and variant["VolumeSizeInGB"] == 40
    assert variant["ModelDataDownloadTimeoutInSeconds"] == 60
    assert variant["ContainerStartupHealthCheckTimeoutInSeconds"] == 90
    assert variant["AcceleratorType"] == "ml.eia2.medium"


def test_serverless_variant_has_no_instances():
    variant = req.production_variant("m", serverless_inference_config={"MemorySizeInMB": 2048, "MaxConcurrency": 5})
    assert variant == {"VariantName": "AllTraffic", "ModelName": "m", "InitialVariantWeight": 1,
                       "ServerlessConfig": {"MemorySizeInMB": 2048, "MaxConcurrency": 5}}


def test_model_request_primary_container_tags_vpc_isolation():
    vpc = {"Subnets": ["s"], "SecurityGroupIds": ["g"]}
    request = req.model_request("m", "arn:role", req.container_def("img"), vpc, True, {"k": "v"})
    assert request == {"ModelName": "m", "ExecutionRoleArn": "arn:role",
                       "PrimaryContainer": {"Image": "img", "Environment": {}},
                       "Tags": [{"Key": "k", "Value": "v"}], "VpcConfig": vpc, "EnableNetworkIsolation": True}


def test_model_request_list_becomes_containers_and_empty_options_are_left_out():
    request = req.model_request("m", "arn:role", [req.container_def("a"), req.container_def("b")], None, False, [])
    assert set(request) == {"ModelName", "ExecutionRoleArn", "Containers"}


def test_create_endpoint_always_sends_tags():
    assert req.endpoint_request("e", "c") == {"EndpointName": "e", "EndpointConfigName": "c", "Tags": []}
    assert req.endpoint_request("e", "c", {"a": "b"})["Tags"] == [{"Key": "a", "Value": "b"}]


def test_endpoint_config_tags_only_when_present_unless_asked():
    variants = [req.production_variant("m", "ml.m5.large")]
    assert "Tags" not in req.endpoint_config_request("c", variants)
    assert req.endpoint_config_request("c", variants, tags_always=True)["Tags"] == []
    full = req.endpoint_config_request("c", variants, tags={"a": "b"}, kms_key="k",
                                       data_capture_config={"EnableCapture": True})
    assert full["KmsKeyId"] == "k" and full["DataCaptureConfig"] == {"EnableCapture": True}


def test_transform_job_request_fields():
    request = req.transform_job_request(
        "job", "model", req.transform_input("s3://d/in", "ManifestFile", "text/csv", "Gzip", "Line"),
        req.transform_output("s3://d/out", "kms", "Line", "text/csv"), req.transform_resources(2, "ml.m5.large", "vk"),
        strategy="MultiRecord", max_concurrent_transforms=4, max_payload=6, env={"A": "1"},
        data_processing=req.data_processing("$[1:]", "$[0]", "Input"), experiment_config={},
        model_client_config={"InvocationsTimeoutInSeconds": 60},
    )
    assert request == {
        "TransformJobName": "job", "ModelName": "model",
        "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "ManifestFile", "S3Uri": "s3://d/in"}},
                           "ContentType": "text/csv", "CompressionType": "Gzip", "SplitType": "Line"},
        "TransformOutput": {"S3OutputPath": "s3://d/out", "KmsKeyId": "kms", "AssembleWith": "Line",
                            "Accept": "text/csv"},
        "TransformResources": {"InstanceCount": 2, "InstanceType": "ml.m5.large", "VolumeKmsKeyId": "vk"},
        "BatchStrategy": "MultiRecord", "MaxConcurrentTransforms": 4, "MaxPayloadInMB": 6, "Environment": {"A": "1"},
        "DataProcessing": {"InputFilter": "$[1:]", "OutputFilter": "$[0]", "JoinSource": "Input"},
        "ModelClientConfig": {"InvocationsTimeoutInSeconds": 60},
    }
    assert req.data_processing() is None


@pytest.mark.parametrize("value", ["http://x/model.tar.gz", "ftp://x/model.tar.gz", "s3:///model.tar.gz", "",
                                   {"S3Uri": "s3://b/"}])
def test_model_data_must_be_an_archive_uri(value):
    with pytest.raises(ValueError, match="model_data"):
        check_model_data(value)


@pytest.mark.parametrize("value", ["s3://b/model.pt", "s3://b/m/model.tar.gz", "https://example.com/model.tar.gz",
                                   "/tmp/model.tar.gz", "model/model.tar.gz", "file:///tmp/model.tar.gz"])
def test_model_data_takes_what_v2_and_sagemaker_take(value):
    check_model_data(value)


def test_model_data_of_wrong_type():
    with pytest.raises(TypeError, match="model_data"):
        check_model_data(42)


@pytest.mark.parametrize("value", [None, "s3://b/k/model.tar.gz", "file:///tmp/model.tar.gz",
                                   {"S3DataSource": {"S3Uri": "s3://b/p/"}}])
def test_valid_model_data(value):
    check_model_data(value)
