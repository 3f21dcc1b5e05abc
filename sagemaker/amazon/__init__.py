"""V2 import path ``sagemaker.amazon``: SageMaker's built-in algorithms (see its submodules)."""
import importlib

_SUBMODULES = frozenset({
    "amazon_estimator", "common", "factorization_machines", "ipinsights", "kmeans", "knn", "lda",
    "linear_learner", "ntm", "object2vec", "pca", "randomcutforest", "record_pb2", "validation",
})


def __getattr__(name):
    """Submodules load on first use (after ``import sagemaker``, V2 had them all imported)."""
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
