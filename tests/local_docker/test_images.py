"""Image handling of the compose runtime: URI parsing, ECR login (against moto), no pull in tests.

Only the last test needs the engine (marked ``docker``); the others are pure or use
the moto server.
"""
from __future__ import annotations

import pytest

from sagemaker_estimators.local.compose.compose_runtime import ComposeRuntime, ecr_auth_config, image_present, split_image_uri
from tests.local_docker.conftest import leftovers
from tests.local_docker.helpers import training_spec


@pytest.mark.parametrize(
    "uri, expected",
    [
        ("246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
         ("246618743249.dkr.ecr.us-west-2.amazonaws.com",
          "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-scikit-learn", "1.2-1-cpu-py3")),
        ("localhost:5000/team/image", ("localhost:5000", "localhost:5000/team/image", "latest")),
        ("python:3.11-slim", ("", "python", "3.11-slim")),
        ("library/python", ("", "library/python", "latest")),
        ("registry.example.com/x/y@sha256:" + "a" * 64,
         ("registry.example.com", "registry.example.com/x/y", "sha256:" + "a" * 64)),
    ],
)
def test_split_image_uri(uri, expected):
    assert split_image_uri(uri) == expected


@pytest.mark.parametrize("registry", ["docker.io", "", "123.dkr.ecr.us-west-2.amazonaws.com", "ghcr.io"])
def test_only_aws_owned_ecr_registries_get_a_login(registry, no_aws):
    assert ecr_auth_config(registry) is None  # and no AWS call was made (there is no AWS here)


def test_ecr_login_token_comes_from_get_authorization_token(aws):
    auth = ecr_auth_config("246618743249.dkr.ecr.us-west-2.amazonaws.com")

    assert auth["username"] == "AWS"
    assert auth["password"]


@pytest.mark.docker
def test_missing_image_is_not_pulled_when_pulling_is_off(tmp_path, job_name, docker_client, no_aws):
    image = "sagemaker-estimators/not-built-anywhere:0"
    assert image_present(image) is False
    spec = training_spec(str(tmp_path), job_name, image)

    with pytest.raises(RuntimeError, match="image sagemaker-estimators/not-built-anywhere:0 is not present"):
        ComposeRuntime(pull=False).train(spec)

    assert image_present(image) is False
    assert leftovers(docker_client, job_name) == []
