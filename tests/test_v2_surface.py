"""Every public name and constructor parameter of V2 in scope (shared/reference/v2_surface.json) exists here.

The surface file was read off V2 by introspection.  A class here must accept
every constructor parameter V2's accepts (by name), and have every method V2's
has; extra parameters and methods are allowed.
"""
from __future__ import annotations

import importlib
import inspect
import json
import os

import pytest

SURFACE = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                       "shared", "reference", "v2_surface.json")
if not os.path.exists(SURFACE):  # CI clones the project with shared/ beside it
    SURFACE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "reference", "v2_surface.json")

#: modules whose V2 surface is not in this project's scope yet, with the reason
OUT_OF_SCOPE = {
    "sagemaker.tuner": "hyperparameter tuning is planned after the estimator issues",
    "sagemaker.parameter": "hyperparameter tuning ranges come with the tuner",
}
#: methods V2 has that this project deliberately does not provide (name -> reason)
SKIPPED_METHODS = {
    "compile": "SageMaker Neo compilation is out of scope",
    "package_for_edge": "SageMaker Edge is out of scope",
    "right_size": "Inference Recommender is out of scope",
    "tune": "Inference Recommender is out of scope",
    "create_tuning_job": "tuning is out of scope",
    "describe_tuning_job": "tuning is out of scope",
    "stop_tuning_job": "tuning is out of scope",
    "wait_for_tuning_job": "tuning is out of scope",
    "create_pipeline": "pipelines are out of scope",
    "delete_pipeline": "pipelines are out of scope",
    "describe_pipeline": "pipelines are out of scope",
    "start_pipeline_execution": "pipelines are out of scope",
    "update_pipeline": "pipelines are out of scope",
    "list_monitors": "model monitoring is out of scope",
    "endpoint_context": "lineage is out of scope",
    "list_related_models": "lineage is out of scope",
    "transform_with_monitoring": "model monitoring is out of scope",
    "predict_stream": "response streaming is out of scope",
}


#: wave-2 modules (v2_surface_wave2.json) this project provides so far
WAVE2_MODULES = {
    "sagemaker.processing", "sagemaker.network", "sagemaker.dataset_definition.inputs",
    "sagemaker.sklearn.processing", "sagemaker.pytorch.processing", "sagemaker.xgboost.processing",
    "sagemaker.huggingface.processing", "sagemaker.tensorflow.processing", "sagemaker.mxnet.processing",
}
#: names wave-2 modules import for their own use (pipelines, SageMaker-defaults config, deprecation
#: warnings, sibling modules); not part of what user code reaches through them
SKIPPED_NAMES = {
    "PipelineVariable", "ExecutionVariables", "Join", "runnable_by_pipeline", "is_pipeline_variable",
    "check_and_get_run_experiment_config", "get_config_value", "resolve_class_attribute_from_config",
    "resolve_value_from_config", "warn_v2_deprecation", "defaults", "image_uris", "s3",
}


def _surface():
    with open(SURFACE, encoding="utf-8") as handle:
        modules = json.load(handle)["modules"]
    wave2 = SURFACE.replace("v2_surface.json", "v2_surface_wave2.json")
    if os.path.exists(wave2):
        with open(wave2, encoding="utf-8") as handle:
            modules.update({name: names for name, names in json.load(handle)["modules"].items()
                            if name in WAVE2_MODULES})
    return modules


def _cases():
    if not os.path.exists(SURFACE):
        return []
    cases = []
    for module, names in _surface().items():
        for name, info in names.items():
            if not info.get("missing") and name not in SKIPPED_NAMES:
                cases.append(pytest.param(module, name, info, id=f"{module}.{name}"))
    return cases


@pytest.mark.parametrize("module_name, name, info", _cases())
def test_v2_name_exists_with_its_parameters(module_name, name, info):
    if module_name in OUT_OF_SCOPE:
        pytest.skip(OUT_OF_SCOPE[module_name])
    import sagemaker_estimators._startup  # noqa: F401

    module = importlib.import_module(module_name)
    assert hasattr(module, name), f"{module_name}.{name} is missing"
    value = getattr(module, name)
    if info.get("kind") != "class":
        return
    signature = inspect.signature(value.__init__)
    accepts_kwargs = any(p.kind == p.VAR_KEYWORD for p in signature.parameters.values())
    ours = set(signature.parameters)
    for parameter in info.get("init", []):
        if parameter["kind"] in ("VAR_KEYWORD", "VAR_POSITIONAL") or parameter["name"] == "self":
            continue
        if parameter["name"] not in ours:
            assert accepts_kwargs and parameter["name"] in _kwargs_known_by(value), (
                f"{module_name}.{name} does not accept V2 parameter {parameter['name']!r}")
    for method in info.get("methods", {}):
        if method in SKIPPED_METHODS:
            continue
        assert hasattr(value, method), f"{module_name}.{name}.{method} is missing"


def _kwargs_known_by(cls):
    """Parameters a class takes through **kwargs and hands to a base that names them."""
    known = set()
    for klass in cls.__mro__:
        init = klass.__dict__.get("__init__")
        if init is not None:
            known.update(inspect.signature(init).parameters)
    return known
