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
OUT_OF_SCOPE = {
    "sagemaker.tuner": "hyperparameter tuning is planned after the estimator issues",
    "sagemaker.parameter": "hyperparameter tuning ranges come with the tuner",
    "sagemaker.processing": "processing jobs come with their own issue",
    "sagemaker.pytorch.processing": "processing jobs come with their own issue",
    "sagemaker.sklearn.processing": "processing jobs come with their own issue",
    "sagemaker.xgboost.processing": "processing jobs come with their own issue",
    "sagemaker.huggingface.processing": "processing jobs come with their own issue",
    "sagemaker.network": "processing jobs come with their own issue",
    "sagemaker.dataset_definition.inputs": "processing jobs come with their own issue",
    "sagemaker.amazon.amazon_estimator": "built-in algorithms come with their own issue",
    "sagemaker.amazon.common": "built-in algorithms come with their own issue",
    "sagemaker.amazon.factorization_machines": "built-in algorithms come with their own issue",
    "sagemaker.amazon.ipinsights": "built-in algorithms come with their own issue",
    "sagemaker.amazon.kmeans": "built-in algorithms come with their own issue",
    "sagemaker.amazon.knn": "built-in algorithms come with their own issue",
    "sagemaker.amazon.lda": "built-in algorithms come with their own issue",
    "sagemaker.amazon.linear_learner": "built-in algorithms come with their own issue",
    "sagemaker.amazon.ntm": "built-in algorithms come with their own issue",
    "sagemaker.amazon.object2vec": "built-in algorithms come with their own issue",
    "sagemaker.amazon.pca": "built-in algorithms come with their own issue",
    "sagemaker.amazon.randomcutforest": "built-in algorithms come with their own issue",
    "sagemaker.serializer_utils": "RecordIO helpers come with the built-in algorithms",
    "sagemaker.tensorflow": "TensorFlow comes with its own issue",
    "sagemaker.tensorflow.estimator": "TensorFlow comes with its own issue",
    "sagemaker.tensorflow.model": "TensorFlow comes with its own issue",
    "sagemaker.tensorflow.processing": "TensorFlow comes with its own issue",
    "sagemaker.mxnet": "MXNet comes with its own issue",
    "sagemaker.mxnet.estimator": "MXNet comes with its own issue",
    "sagemaker.mxnet.model": "MXNet comes with its own issue",
    "sagemaker.mxnet.processing": "MXNet comes with its own issue",
    "sagemaker.analytics": "job analytics come with tuning",
}
#: single names of in-scope modules that come with another issue ("module.name" -> reason)
OUT_OF_SCOPE_NAMES = {
    "sagemaker.base_serializers.RecordSerializer": "the RecordIO-protobuf codec comes with the built-in algorithms",
    "sagemaker.base_deserializers.RecordDeserializer": "the RecordIO-protobuf codec comes with the built-in algorithms",
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
    "create_processing_job": "processing jobs are out of scope",
    "describe_processing_job": "processing jobs are out of scope",
    "list_monitors": "model monitoring is out of scope",
    "endpoint_context": "lineage is out of scope",
    "list_related_models": "lineage is out of scope",
    "transform_with_monitoring": "model monitoring is out of scope",
    "predict_stream": "response streaming is out of scope",
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
            if info.get("missing"):
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
    for method in info.get("methods", {}):
        if method in SKIPPED_METHODS:
            continue
        assert hasattr(value, method), f"{module_name}.{name}.{method} is missing"


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
