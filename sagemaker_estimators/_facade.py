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
from typing import Any, Callable, Dict, Iterable, Mapping, Optional, Tuple

from sagemaker_estimators.exceptions import SageMakerEstimatorsError

#: bare name -> (module, attribute) it is read from
TOP_LEVEL_NAMES: Dict[str, Tuple[str, str]] = {
    "Session": ("sagemaker_estimators.session", "Session"),
    "get_execution_role": ("sagemaker_estimators.session", "get_execution_role"),
    "container_def": ("sagemaker_estimators.request_builders.hosting", "container_def"),
    "production_variant": ("sagemaker_estimators.request_builders.hosting", "production_variant"),
    "LocalSession": ("sagemaker_estimators.local.session", "LocalSession"),
    "TrainingInput": ("sagemaker_estimators.inputs", "TrainingInput"),
    "Model": ("sagemaker_estimators.serving.model", "Model"),
    "Predictor": ("sagemaker_estimators.serving.predictor", "Predictor"),
    "Processor": ("sagemaker_estimators.processing.processor", "Processor"),
    "ScriptProcessor": ("sagemaker_estimators.processing.processor", "ScriptProcessor"),
    "HyperparameterTuningJobAnalytics": ("sagemaker_estimators.tuning.analytics", "HyperparameterTuningJobAnalytics"),
    "TrainingJobAnalytics": ("sagemaker_estimators.tuning.analytics", "TrainingJobAnalytics"),
    # a V2 version string (V3's sagemaker/__init__.py defines its own, which then wins)
    "__version__": ("sagemaker_estimators._version", "V2_COMPATIBLE_VERSION"),
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
        "tuner",
        "parameter",
        "analytics",
        "session_settings",
        "base_serializers",
        "base_deserializers",
        "s3_utils",
        "base_predictor",
        "config",
    }
)

_MARKER = "__sagemaker_estimators_facade__"
_V2_MESSAGE = (
    "sagemaker-estimators cannot share an environment with the SageMaker Python SDK V2 "
    "(found sagemaker=={version}): both write the same files under sagemaker/. "
    "Run `pip uninstall sagemaker` (V2) and then `pip install --force-reinstall "
    "sagemaker-estimators`; SDK V3 (sagemaker>=3) may stay installed."
)


class V2InstalledError(ImportError, SageMakerEstimatorsError):
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


def lazy_getattr(package: str, source: str, names: Iterable[str], submodules: Iterable[str] = (),
                 more: Optional[Mapping[str, Iterable[str]]] = None) -> Callable[[str], Any]:
    """A PEP 562 ``__getattr__`` for ``package`` that imports ``names`` from ``source`` on first use.

    The framework facades use it so ``from sagemaker.pytorch import PyTorch`` does not pull in
    the serving stack that ``PyTorchModel`` needs.  ``submodules`` are the package's V2
    submodules (``sagemaker.tensorflow.estimator`` ...), reachable as attributes as in V2.
    ``more`` maps further sources to their names (e.g. the framework's processor).
    """
    sources = dict.fromkeys(names, source)
    for other, other_names in (more or {}).items():
        sources.update(dict.fromkeys(other_names, other))
    return lazy_names(package, sources, submodules)


def lazy_names(package: str, names: Mapping[str, str], submodules: Iterable[str] = ()) -> Callable[[str], Any]:
    """A PEP 562 ``__getattr__`` for ``package``: ``names`` maps each name to the module it is read from.

    A name in ``submodules`` is the submodule ``package.name``, imported on first use; one
    that is not there (yet) is a missing attribute, as ``hasattr`` expects.
    """
    sources = dict(names)
    submodule_names = frozenset(submodules)

    def __getattr__(name: str) -> Any:
        if name in sources:
            return getattr(importlib.import_module(sources[name]), name)
        if name in submodule_names:
            full_name = f"{package}.{name}"
            try:
                return importlib.import_module(full_name)
            except ModuleNotFoundError as error:
                if error.name != full_name:
                    raise
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__


#: where the names V2's algorithm modules (``sagemaker.amazon.kmeans`` ...) share are defined here
_ALGORITHM_MODULE_SOURCES: Dict[str, str] = {
    "Model": "sagemaker_estimators.serving.model",
    "Predictor": "sagemaker_estimators.serving.predictor",
    "Session": "sagemaker_estimators.session",
    "RecordSerializer": "sagemaker_estimators.algorithms.record_serializers",
    "RecordDeserializer": "sagemaker_estimators.algorithms.record_serializers",
    "CSVSerializer": "sagemaker_estimators.payloads.serializers",
    "JSONDeserializer": "sagemaker_estimators.payloads.deserializers",
}
for _name in _ALGORITHMS:
    _ALGORITHM_MODULE_SOURCES[_name + "Model"] = "sagemaker_estimators.algorithms.models"
    _ALGORITHM_MODULE_SOURCES[_name + "Predictor"] = "sagemaker_estimators.algorithms.models"


def algorithm_module_getattr(package: str, *names: str) -> Callable[[str], Any]:
    """The ``__getattr__`` of a V2 algorithm module: ``names`` (model, predictor, session,
    record codecs) load on first use, so importing the estimator does not load the serving stack."""
    return lazy_names(package, {name: _ALGORITHM_MODULE_SOURCES[name] for name in names})


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

    # setattr: a module's __getattr__/__dir__ are plain attributes (PEP 562), not the type's methods
    setattr(module, "__getattr__", __getattr__)  # noqa: B010
    if "__dir__" not in module.__dict__:
        setattr(module, "__dir__", __dir__)  # noqa: B010
    setattr(module, _MARKER, True)
