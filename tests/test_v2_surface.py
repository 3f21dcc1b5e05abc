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
OUT_OF_SCOPE = {}
#: methods V2 has that this project deliberately does not provide (name -> reason)
SKIPPED_METHODS = {
    "compile": "SageMaker Neo compilation is out of scope",
    "package_for_edge": "SageMaker Edge is out of scope",
    "right_size": "Inference Recommender is out of scope",
    "tune": "Inference Recommender is out of scope",
    "create_pipeline": "pipelines are out of scope",
    "delete_pipeline": "pipelines are out of scope",
    "describe_pipeline": "pipelines are out of scope",
    "start_pipeline_execution": "pipelines are out of scope",
    "update_pipeline": "pipelines are out of scope",
    "create_processing_job": "processing jobs are out of scope",
    "describe_processing_job": "processing jobs are out of scope",
    "list_monitors": "model monitoring is out of scope",
    "endpoint_context": "lineage is out of scope",
    "list_related_models": "lineage is out of scope",
    "transform_with_monitoring": "model monitoring is out of scope",
    "predict_stream": "response streaming is out of scope",
}


#: modules of the wave-2 surface file (v2_surface_wave2.json, beside SURFACE) checked here too
WAVE2_MODULES = ("sagemaker.tuner", "sagemaker.parameter", "sagemaker.analytics")


def _surface():
    with open(SURFACE, encoding="utf-8") as handle:
        modules = json.load(handle)["modules"]
    wave2 = os.path.join(os.path.dirname(SURFACE), "v2_surface_wave2.json")
    if os.path.exists(wave2):
        with open(wave2, encoding="utf-8") as handle:
            for module, names in json.load(handle)["modules"].items():
                if module in WAVE2_MODULES:
                    modules.setdefault(module, {}).update(
                        {name: info for name, info in names.items() if info.get("kind") in ("class", "function")})
    return modules


def _cases():
    if not os.path.exists(SURFACE):
        return []
    cases = []
    for module, names in _surface().items():
        for name, info in names.items():
            if not info.get("missing"):
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
