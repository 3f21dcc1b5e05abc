"""The V2 top-level names of ``import sagemaker``.

``sagemaker/`` is shared: V3's ``sagemaker-core`` owns ``sagemaker/__init__.py``
while this project ships the V2 submodules (``sagemaker/estimator.py`` ...)
beside it without an ``__init__``.  :func:`install` gives the ``sagemaker``
module a PEP 562 ``__getattr__`` that resolves V2's bare-import names
(``sagemaker.Session``, ``sagemaker.TrainingInput``, ``sagemaker.image_uris`` ...)
on first use, so nothing here is imported until a name is asked for.

It is called by the start-up import hook and, as a fallback for interpreters
started without site hooks, by every facade module.
"""
from __future__ import annotations

import importlib
import os
import sys
from types import ModuleType
from typing import Any, Callable, Dict, Optional, Tuple

#: bare name -> (module, attribute) it is read from
TOP_LEVEL_NAMES: Dict[str, Tuple[str, str]] = {
    "Session": ("sagemaker_estimators.session", "Session"),
    "get_execution_role": ("sagemaker_estimators.session", "get_execution_role"),
    "container_def": ("sagemaker_estimators.serving.requests", "container_def"),
    "production_variant": ("sagemaker_estimators.serving.requests", "production_variant"),
    "LocalSession": ("sagemaker_estimators.local.session", "LocalSession"),
    "TrainingInput": ("sagemaker_estimators.inputs", "TrainingInput"),
    "Model": ("sagemaker_estimators.serving.model", "Model"),
    "Predictor": ("sagemaker_estimators.serving.predictor", "Predictor"),
    "Processor": ("sagemaker_estimators.processing.processor", "Processor"),
    "ScriptProcessor": ("sagemaker_estimators.processing.processor", "ScriptProcessor"),
}

#: built-in algorithms (V2's ``sagemaker.LinearLearner`` ...): estimator, model, predictor
_ALGORITHMS = {
    "KMeans": "kmeans", "PCA": "pca", "LDA": "lda", "LinearLearner": "linear_learner",
    "FactorizationMachines": "factorization_machines", "NTM": "ntm", "RandomCutForest": "randomcutforest",
    "KNN": "knn", "Object2Vec": "object2vec", "IPInsights": "ipinsights",
}
for _name, _module in _ALGORITHMS.items():
    TOP_LEVEL_NAMES[_name] = (f"sagemaker_estimators.algorithms.{_module}", _name)
    for _suffix in ("Model", "Predictor"):
        if _name + _suffix != "Object2VecPredictor":  # V2 has none: Object2Vec deploys a plain Predictor
            TOP_LEVEL_NAMES[_name + _suffix] = ("sagemaker_estimators.algorithms.models", _name + _suffix)

#: V2 submodules reachable as attributes after a bare ``import sagemaker``
SUBMODULES = frozenset(
    {
        "estimator",
        "inputs",
        "session",
        "s3",
        "utils",
        "image_uris",
        "model",
        "predictor",
        "serializers",
        "deserializers",
        "transformer",
        "local",
        "pytorch",
        "xgboost",
        "sklearn",
        "huggingface",
        "tensorflow",
        "mxnet",
        "debugger",
        "exceptions",
        "instance_group",
        "serverless",
        "async_inference",
        "model_monitor",
        "amazon",
        "serializer_utils",
    }
)

_MARKER = "__sagemaker_estimators_facade__"
_V2_MESSAGE = (
    "sagemaker-estimators cannot share an environment with the SageMaker Python SDK V2 "
    "(found sagemaker=={version}): both write the same files under sagemaker/. "
    "Run `pip uninstall sagemaker` (V2) and then `pip install --force-reinstall "
    "sagemaker-estimators`; SDK V3 (sagemaker>=3) may stay installed."
)


class V2InstalledError(ImportError):
    """Raised when ``sagemaker<3`` (SDK V2) is installed in the same environment."""


def refuse_v2(init_path: Optional[str]) -> None:
    """Raise :class:`V2InstalledError` when the ``sagemaker`` package found is SDK V2.

    ``init_path`` is the origin of the ``sagemaker`` package (``None`` for the
    namespace package this project ships, which cannot be V2).
    """
    if not init_path or os.path.basename(init_path) != "__init__.py":
        return
    from importlib import metadata

    try:
        version = metadata.version("sagemaker")
    except metadata.PackageNotFoundError:
        return
    major = version.split(".", 1)[0]
    if major.isdigit() and int(major) < 3:
        raise V2InstalledError(_V2_MESSAGE.format(version=version))


def _resolve(module: ModuleType, name: str) -> Any:
    if name in TOP_LEVEL_NAMES:
        module_name, attribute = TOP_LEVEL_NAMES[name]
        value = getattr(importlib.import_module(module_name), attribute)
    else:
        value = importlib.import_module(f"{module.__name__}.{name}")
    setattr(module, name, value)
    return value


def lazy_getattr(package: str, source: str, names: tuple,
                 more: Optional[Dict[str, tuple]] = None) -> Callable[[str], Any]:
    """A PEP 562 ``__getattr__`` for ``package`` that imports ``names`` from ``source`` on first use.

    The framework facades use it so ``from sagemaker.pytorch import PyTorch`` does not pull in
    the serving stack that ``PyTorchModel`` needs.  ``more`` maps further sources to their names
    (e.g. the framework's processor).
    """
    sources = {name: source for name in names}
    for other, other_names in (more or {}).items():
        sources.update({name: other for name in other_names})

    def __getattr__(name: str) -> Any:
        if name in sources:
            return getattr(importlib.import_module(sources[name]), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__


def install(module: Optional[ModuleType] = None) -> None:
    """Add the lazy V2 names to the ``sagemaker`` module (idempotent).

    A ``__getattr__`` the package already has (V3 defines one) keeps working
    for every name this project does not provide.
    """
    if module is None:
        module = sys.modules.get("sagemaker")
        if module is None:
            return
    if getattr(module, _MARKER, False):
        return
    previous: Optional[Callable[[str], Any]] = module.__dict__.get("__getattr__")

    def __getattr__(name: str) -> Any:
        if name in TOP_LEVEL_NAMES or name in SUBMODULES:
            return _resolve(module, name)
        if previous is not None:
            return previous(name)
        raise AttributeError(f"module 'sagemaker' has no attribute {name!r}")

    def __dir__() -> list:
        return sorted(set(module.__dict__) | set(TOP_LEVEL_NAMES) | SUBMODULES)

    module.__getattr__ = __getattr__  # type: ignore[attr-defined]
    if "__dir__" not in module.__dict__:
        module.__dir__ = __dir__  # type: ignore[attr-defined]
    setattr(module, _MARKER, True)
