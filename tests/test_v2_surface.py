"""Every public name and constructor parameter of V2 in scope exists here.

The surface files (shared/reference/v2_surface.json and v2_surface_wave2.json)
were read off V2 by introspection.  A class here must accept every constructor
parameter V2's accepts (by name), and have every method V2's has; a function
must accept every parameter V2's does; extra parameters and methods are
allowed.  A name a module re-exports from another is checked when the original
is itself a name this project must provide (listed in a surface file, in scope).
"""
from __future__ import annotations

import importlib
import inspect
import json
import os

import pytest


def _find_surface(name="v2_surface.json"):
    """shared/reference/<name> in the nearest folder above this checkout that has one."""
    here = os.path.dirname(os.path.abspath(__file__))
    while True:
        candidate = os.path.join(here, "shared", "reference", name)
        if os.path.exists(candidate) or os.path.dirname(here) == here:
            return candidate
        here = os.path.dirname(here)


SURFACE = _find_surface()
SURFACE_WAVE2 = os.path.join(os.path.dirname(SURFACE), "v2_surface_wave2.json")

#: modules whose V2 surface is not in this project's scope yet, with the reason
OUT_OF_SCOPE: dict = {}
#: single names of in-scope modules that come with another issue ("module.name" -> reason)
OUT_OF_SCOPE_NAMES: dict = {}
#: methods V2 has that this project deliberately does not provide (name -> reason)
SKIPPED_METHODS = {
    "compile": "SageMaker Neo compilation is out of scope",
    "compile_model": "SageMaker Neo compilation is out of scope",
    "get_app_url": "SageMaker Studio apps (TensorBoard, profiler) are out of scope",
    "register": "the model registry (model packages) is out of scope",
    "package_for_edge": "SageMaker Edge is out of scope",
    "right_size": "Inference Recommender is out of scope",
    "tune": "Inference Recommender is out of scope",
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


#: names wave-2 modules import for their own use (pipelines, SageMaker-defaults config, deprecation
#: warnings, sibling modules); not part of what user code reaches through them
SKIPPED_NAMES = {
    "PipelineVariable", "ExecutionVariables", "Join", "runnable_by_pipeline", "is_pipeline_variable",
    "check_and_get_run_experiment_config", "get_config_value", "resolve_class_attribute_from_config",
    "resolve_value_from_config", "warn_v2_deprecation", "defaults", "image_uris", "s3",
    # V2's tuner/parameter/analytics helpers for JumpStart, deprecation and its own formatting
    "to_string", "hp", "add_jumpstart_uri_tags", "get_jumpstart_base_name_if_jumpstart_model",
    "removed_function", "DeferredError", "artifact",
    # V2's framework helper module (sagemaker.fw_utils) that sagemaker.tensorflow.estimator imports as ``fw``
    "fw",
}


def _load(path):
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)["modules"]


def _surface():
    modules = {}
    for path in (SURFACE, SURFACE_WAVE2):
        for module, names in _load(path).items():
            modules.setdefault(module, {}).update(names)
    return modules


def _required(surface, module, name):
    """Whether (module, name) is a name this project must provide."""
    info = surface.get(module, {}).get(name)
    return info is not None and module not in OUT_OF_SCOPE and info.get("kind") != "reexport"


def _cases():
    surface = _surface()
    cases = []
    for module, names in surface.items():
        for name, info in names.items():
            if info.get("missing") or name in SKIPPED_NAMES:
                continue
            if info.get("kind") == "reexport" and not _required(surface, info.get("defined_in"), name):
                continue  # re-exported from a module outside this project's scope
            if info.get("kind") == "value":
                continue  # loggers, constants: not API
            cases.append(pytest.param(module, name, info, id=f"{module}.{name}"))
    return cases


@pytest.mark.parametrize("module_name, name, info", _cases())
def test_v2_name_exists_with_its_parameters(module_name, name, info):
    if module_name in OUT_OF_SCOPE:
        pytest.skip(OUT_OF_SCOPE[module_name])
    if f"{module_name}.{name}" in OUT_OF_SCOPE_NAMES:
        pytest.skip(OUT_OF_SCOPE_NAMES[f"{module_name}.{name}"])
    import sagemaker_estimators._startup  # noqa: F401

    module = importlib.import_module(module_name)
    assert hasattr(module, name), f"{module_name}.{name} is missing"
    value = getattr(module, name)
    if info.get("kind") == "function":
        _assert_accepts(f"{module_name}.{name}", value, info.get("params", []))
        return
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
    missing = [method for method in info.get("methods", {})
               if method not in SKIPPED_METHODS and not hasattr(value, method)]
    assert not missing, f"{module_name}.{name} is missing the methods {missing}"


def _assert_accepts(label, function, params):
    signature = inspect.signature(function)
    accepts_kwargs = any(p.kind == p.VAR_KEYWORD for p in signature.parameters.values())
    for parameter in params:
        if parameter["kind"] in ("VAR_KEYWORD", "VAR_POSITIONAL"):
            continue
        assert parameter["name"] in signature.parameters or accepts_kwargs, (
            f"{label} does not accept V2 parameter {parameter['name']!r}")


def _kwargs_known_by(cls):
    """Parameters a class takes through **kwargs and hands to a base that names them."""
    known = set()
    for klass in cls.__mro__:
        init = klass.__dict__.get("__init__")
        if init is not None:
            known.update(inspect.signature(init).parameters)
    return known
