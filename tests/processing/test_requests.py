"""Processing request builders and value objects, without any network."""
from __future__ import annotations

import pytest

from sagemaker_estimators.network import NetworkConfig
from sagemaker_estimators.request_builders import processing as requests
from sagemaker_estimators.processing.dataset_definition import (
    AthenaDatasetDefinition,
    DatasetDefinition,
    FeatureStoreOutput,
    RedshiftDatasetDefinition,
    S3Input,
    to_camel_case,
    to_snake_case,
)
from sagemaker_estimators.processing.inputs import ProcessingInput, ProcessingOutput
from sagemaker_estimators.processing.job import ProcessingJob
from sagemaker_estimators.runproc import codeartifact_login_command, parse_runproc, runproc_script


def test_processing_input_builds_an_s3_input_and_mirrors_a_given_one():
    item = ProcessingInput(source="s3://b/k", destination="/opt/ml/processing/in", input_name="raw")
    assert item._to_request_dict() == {
        "InputName": "raw", "AppManaged": False,
        "S3Input": {"S3Uri": "s3://b/k", "LocalPath": "/opt/ml/processing/in", "S3DataType": "S3Prefix",
                    "S3InputMode": "File", "S3DataDistributionType": "FullyReplicated", "S3CompressionType": "None"},
    }
    given = ProcessingInput(s3_input=S3Input(s3_uri="s3://b/m", local_path="/opt/ml/processing/m",
                                             s3_data_type="ManifestFile"))
    assert (given.source, given.destination, given.s3_data_type) == ("s3://b/m", "/opt/ml/processing/m",
                                                                      "ManifestFile")
    assert "S3CompressionType" not in given._to_request_dict()["S3Input"]


def test_gzip_needs_pipe_mode():
    item = ProcessingInput(source="s3://b/k", destination="/opt/ml/processing/in", s3_compression_type="Gzip")
    with pytest.raises(ValueError, match="Pipe"):
        item._to_request_dict()


def test_dataset_definition_round_trips_through_the_api_shape():
    definition = DatasetDefinition(
        local_path="/opt/ml/processing/athena",
        athena_dataset_definition=AthenaDatasetDefinition(catalog="c", database="d", query_string="q",
                                                          output_s3_uri="s3://o/", output_format="PARQUET"),
    )
    boto = DatasetDefinition.to_boto(definition)
    assert boto == {"DataDistributionType": "ShardedByS3Key", "InputMode": "File",
                    "LocalPath": "/opt/ml/processing/athena",
                    "AthenaDatasetDefinition": {"Catalog": "c", "Database": "d", "QueryString": "q",
                                                "OutputS3Uri": "s3://o/", "OutputFormat": "PARQUET"}}
    assert DatasetDefinition.from_boto(boto) == definition
    redshift = RedshiftDatasetDefinition(cluster_id="x", db_user="u", kms_key_id="k")
    assert RedshiftDatasetDefinition.to_boto(redshift) == {"ClusterId": "x", "DbUser": "u", "KmsKeyId": "k"}
    assert FeatureStoreOutput.to_boto(FeatureStoreOutput(feature_group_name="g")) == {"FeatureGroupName": "g"}
    assert (to_camel_case("output_s3_uri"), to_snake_case("OutputS3Uri")) == ("OutputS3Uri", "output_s3_uri")


def test_processing_output_with_and_without_s3_output():
    output = ProcessingOutput(source="/opt/ml/processing/out", destination="s3://b/o", output_name="o",
                              s3_upload_mode="Continuous")
    assert output._to_request_dict() == {"OutputName": "o", "AppManaged": False, "S3Output": {
        "S3Uri": "s3://b/o", "LocalPath": "/opt/ml/processing/out", "S3UploadMode": "Continuous"}}
    store = ProcessingOutput(output_name="f", feature_store_output=FeatureStoreOutput(feature_group_name="g"))
    assert store._to_request_dict() == {"OutputName": "f", "AppManaged": False,
                                        "FeatureStoreOutput": {"FeatureGroupName": "g"}}


def test_network_config_request():
    assert NetworkConfig()._to_request_dict() == {"EnableNetworkIsolation": False}
    assert NetworkConfig(True, ["sg"], ["sn"], False)._to_request_dict() == {
        "EnableNetworkIsolation": True, "EnableInterContainerTrafficEncryption": False,
        "VpcConfig": {"SecurityGroupIds": ["sg"], "Subnets": ["sn"]}}


def test_request_has_optional_fields_only_when_set():
    request = requests.processing_job_request(
        job_name="j", inputs=[], outputs=[], output_kms_key="k",
        resources=requests.processing_resources(1, "ml.m5.large", None, 30),
        app_spec=requests.app_specification("img", None, None), role_arn="arn:role")
    assert request == {"ProcessingJobName": "j", "RoleArn": "arn:role", "AppSpecification": {"ImageUri": "img"},
                       "ProcessingResources": {"ClusterConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.large",
                                                                 "VolumeSizeInGB": 30}}}
    full = requests.processing_job_request(
        job_name="j", inputs=[{"InputName": "a"}], outputs=[{"OutputName": "b"}], output_kms_key="k",
        resources={}, app_spec={}, role_arn="r", stopping=requests.stopping_condition(60), environment={"A": "1"},
        network_config={"EnableNetworkIsolation": False}, tags=[{"Key": "k", "Value": "v"}],
        experiment_config={"ExperimentName": "e"})
    assert full["ProcessingOutputConfig"] == {"Outputs": [{"OutputName": "b"}], "KmsKeyId": "k"}
    assert full["StoppingCondition"] == {"MaxRuntimeInSeconds": 60}
    assert set(full) >= {"ProcessingInputs", "Environment", "NetworkConfig", "Tags", "ExperimentConfig"}
    assert ProcessingJob.prepare_app_specification(["a"], ["e"], "i") == {
        "ImageUri": "i", "ContainerArguments": ["a"], "ContainerEntrypoint": ["e"]}
    assert ProcessingJob.prepare_processing_resources(2, "t", "k", 10)["ClusterConfig"]["VolumeKmsKeyId"] == "k"


def test_runproc_round_trip_and_codeartifact():
    text = runproc_script(["python3", "-u"], "pkg/run.py")
    assert text.startswith("#!/bin/bash\n\ncd /opt/ml/processing/input/code/\ntar -xzf sourcedir.tar.gz\n")
    assert text.endswith('\npython3 -u pkg/run.py "$@"\n')
    assert parse_runproc(text) == (["python3", "-u"], "pkg/run.py")
    assert parse_runproc("#!/bin/bash\npython x.py\n") is None
    arn = "arn:aws:codeartifact:us-west-2:123456789012:repository/dom/repo"
    assert codeartifact_login_command(arn) == ("aws codeartifact login --tool pip --domain dom --domain-owner "
                                               "123456789012 --repository repo --region us-west-2")
    assert "aws codeartifact login" in runproc_script(["python"], "a.py", arn)
    with pytest.raises(ValueError, match="codeartifact_repo_arn"):
        codeartifact_login_command("arn:aws:s3:::bucket")
