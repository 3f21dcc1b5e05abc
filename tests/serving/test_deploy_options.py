"""DeployOptions carries the deploy() arguments every layer shares, under V2's names and defaults."""
from __future__ import annotations

import inspect

import attrs
import pytest

from sagemaker_estimators.estimators.base import EstimatorBase
from sagemaker_estimators.frameworks.framework_deploy import FrameworkDeploy
from sagemaker_estimators.serving.deploy_options import DeployOptions
from sagemaker_estimators.serving.model import Model


@pytest.mark.parametrize("deploy", [EstimatorBase.deploy, Model.deploy, FrameworkDeploy.deploy],
                         ids=["EstimatorBase", "Model", "FrameworkDeploy"])
def test_every_option_is_a_deploy_parameter_with_the_same_default(deploy):
    parameters = inspect.signature(deploy).parameters
    for field in attrs.fields(DeployOptions):
        assert field.name in parameters, field.name
        assert parameters[field.name].default == field.default, field.name


def test_from_arguments_keeps_the_options_and_as_kwargs_applies_changes():
    options = DeployOptions.from_arguments({"self": object(), "instance_type": "ml.m5.large",
                                            "initial_instance_count": 2, "model_name": "ignored"})
    kwargs = options.as_kwargs(endpoint_name="ep")
    assert kwargs["instance_type"] == "ml.m5.large" and kwargs["initial_instance_count"] == 2
    assert kwargs["endpoint_name"] == "ep" and "model_name" not in kwargs
    assert options.endpoint_name is None


def test_check_refuses_a_missing_instance_type():
    with pytest.raises(ValueError, match="Must specify instance type"):
        DeployOptions(initial_instance_count=1).check()
