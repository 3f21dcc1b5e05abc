"""The config format: the same key tree as V2's schema, and errors that name the source and the key."""
from __future__ import annotations

import os

import pytest

from sagemaker_estimators.config.schema import ConfigValidationError, known_key_paths, validate

V2_KEYS = os.path.join(os.path.dirname(__file__), "data", "v2_config_key_paths.txt")


def test_key_tree_equals_v2_schema():
    """data/v2_config_key_paths.txt was read off V2's SAGEMAKER_PYTHON_SDK_CONFIG_SCHEMA (2.257.7)."""
    with open(V2_KEYS) as handle:
        expected = sorted(line.strip() for line in handle if line.strip())
    ours = sorted(f"{path} {kind}" for path, kind in known_key_paths())
    assert ours == expected


FULL = {
    "SchemaVersion": "1.0",
    "CustomParameters": {"team": "ml"},
    "SageMaker": {
        "PythonSDK": {"Modules": {
            "Session": {"DefaultS3Bucket": "team-bucket", "DefaultS3ObjectKeyPrefix": "a/b"},
            "Estimator": {"DebugHookConfig": False},
            "ModelTrainer": {"anything": {"goes": 1}},
            "TelemetryOptOut": True,
        }},
        "TrainingJob": {
            "RoleArn": "arn:aws:iam::123456789012:role/service-role/R",
            "VpcConfig": {"Subnets": ["subnet-1"], "SecurityGroupIds": ["sg-1"]},
            "OutputDataConfig": {"KmsKeyId": "k"},
            "ResourceConfig": {"VolumeKmsKeyId": "v"},
            "EnableNetworkIsolation": True,
            "EnableInterContainerTrafficEncryption": False,
            "Environment": {"A_B": "1"},
            "ProfilerConfig": {"DisableProfiler": True},
            "Tags": [{"Key": "k", "Value": ""}],
        },
        "Model": {"PrimaryContainer": {"Environment": {"X": "y"}}, "Containers": [{"Environment": {"Y": "z"}}]},
        "EndpointConfig": {"ProductionVariants": [{"CoreDumpConfig": {"KmsKeyId": "c"}}], "KmsKeyId": "e"},
        "ProcessingJob": {"NetworkConfig": {"VpcConfig": {"Subnets": ["s"], "SecurityGroupIds": ["g"]}},
                          "ProcessingInputs": [{"DatasetDefinition": {"AthenaDatasetDefinition": {"KmsKeyId": "a"}}}]},
    },
}


def test_a_full_valid_document_passes():
    validate(FULL, "full.yaml")


@pytest.mark.parametrize("document, key, problem", [
    ({}, "SchemaVersion", "required"),
    ({"SchemaVersion": 1.0}, "SchemaVersion", "quote it in YAML"),
    ({"SchemaVersion": "2.0"}, "SchemaVersion", "not one of ['1.0']"),
    ({"SchemaVersion": "1.0", "Sagemaker": {}}, "Sagemaker", "unknown key"),
    ({"SchemaVersion": "1.0", "SageMaker": {"TrainingJob": {"Vpc": {}}}}, "SageMaker.TrainingJob.Vpc", "unknown key"),
    ({"SchemaVersion": "1.0", "SageMaker": {"TrainingJob": {"RoleArn": "my-role-name-is-long"}}},
     "SageMaker.TrainingJob.RoleArn", "an IAM role ARN"),
    ({"SchemaVersion": "1.0", "SageMaker": {"TrainingJob": {"EnableNetworkIsolation": "yes"}}},
     "SageMaker.TrainingJob.EnableNetworkIsolation", "expected true or false"),
    ({"SchemaVersion": "1.0", "SageMaker": {"TrainingJob": {"VpcConfig": {"Subnets": "subnet-1"}}}},
     "SageMaker.TrainingJob.VpcConfig.Subnets", "expected a list"),
    ({"SchemaVersion": "1.0", "SageMaker": {"TrainingJob": {"VpcConfig": {"Subnets": []}}}},
     "SageMaker.TrainingJob.VpcConfig.Subnets", "at least 1"),
    ({"SchemaVersion": "1.0", "SageMaker": {"TrainingJob": {"Tags": [{"Key": "a"}]}}},
     "SageMaker.TrainingJob.Tags[0].Value", "required"),
    ({"SchemaVersion": "1.0", "SageMaker": {"TrainingJob": {"Environment": {"A": 1}}}},
     "SageMaker.TrainingJob.Environment.A", "expected text"),
    ({"SchemaVersion": "1.0", "SageMaker": {"TrainingJob": {"Environment": {"1": "x"}}}},
     "SageMaker.TrainingJob.Environment.1", "invalid name"),
    ({"SchemaVersion": "1.0", "SageMaker": {"EndpointConfig": {"VpcConfig": {}}}},
     "SageMaker.EndpointConfig.VpcConfig", "unknown key"),
    ({"SchemaVersion": "1.0", "SageMaker": {"PythonSDK": {"Modules": {"Session": {"DefaultS3Bucket": "Bad_Bucket"}}}}},
     "SageMaker.PythonSDK.Modules.Session.DefaultS3Bucket", "an S3 bucket name"),
    (["not", "a", "mapping"], "", "expected a mapping"),
])
def test_errors_name_the_source_and_the_key(document, key, problem):
    with pytest.raises(ConfigValidationError) as caught:
        validate(document, "/etc/team/config.yaml")
    error = caught.value
    assert error.key == key and error.source == "/etc/team/config.yaml"
    assert problem in str(error) and "/etc/team/config.yaml" in str(error)
    assert isinstance(error, ValueError)


def test_the_json_schema_decides_as_the_validator_does():
    """SAGEMAKER_PYTHON_SDK_CONFIG_SCHEMA (for code that validates with jsonschema) agrees with validate()."""
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extra")
    from sagemaker.config import SAGEMAKER_PYTHON_SDK_CONFIG_SCHEMA as schema

    jsonschema.validate(FULL, schema)
    bad = [{}, {"SchemaVersion": 1.0}, {"SchemaVersion": "1.0", "SageMaker": {"TrainingJob": {"Vpc": {}}}},
           {"SchemaVersion": "1.0", "SageMaker": {"TrainingJob": {"RoleArn": "my-role-name-is-long"}}},
           {"SchemaVersion": "1.0", "SageMaker": {"TrainingJob": {"Environment": {"1": "x"}}}},
           {"SchemaVersion": "1.0", "SageMaker": {"TrainingJob": {"Tags": [{"Key": "a"}]}}}]
    for document in bad:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(document, schema)
        with pytest.raises(ConfigValidationError):
            validate(document)
