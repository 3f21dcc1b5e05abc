"""Checks a tuner's settings must pass before anything is uploaded or created.

Each error names the parameter, the bad value and the valid choices.  Only what
SageMaker would refuse is refused: V2 accepts everything here at construction.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from sagemaker_estimators.tuning.parameter import CategoricalParameter, check_range

STRATEGIES = ("Bayesian", "Random", "Hyperband", "Grid")
#: image repositories of SageMaker's built-in algorithms, whose metrics SageMaker defines itself
BUILT_IN_REPOSITORIES = frozenset({
    "xgboost", "linear-learner", "kmeans", "knn", "pca", "lda", "ntm", "randomcutforest",
    "factorization-machines", "object2vec", "ipinsights", "blazingtext", "image-classification",
    "object-detection", "semantic-segmentation", "seq2seq", "forecasting-deepar",
})


def is_built_in_image(image_uri: Any) -> bool:
    """Whether ``image_uri`` is one of SageMaker's built-in algorithms (e.g. ``.../xgboost:1.7-1``)."""
    if not isinstance(image_uri, str):
        return False
    repository = image_uri.split("/", 1)[-1].split("@", 1)[0].split(":", 1)[0]
    return repository in BUILT_IN_REPOSITORIES
OBJECTIVE_TYPES = ("Maximize", "Minimize")
EARLY_STOPPING_TYPES = ("Off", "Auto")


def _plain(value: Any) -> bool:
    """True for ordinary values (pipeline variables are checked by the service)."""
    return isinstance(value, (str, int, float, bool, type(None)))


def check_choice(parameter: str, value: Any, choices: tuple) -> None:
    if _plain(value) and value not in choices:
        raise ValueError(f"{parameter}={value!r} is not valid; valid choices: {list(choices)}")


def check_limits(max_jobs: Any, max_parallel_jobs: Any, strategy: Any) -> None:
    """max_jobs and max_parallel_jobs are positive ints and max_parallel_jobs <= max_jobs."""
    for name, value in (("max_jobs", max_jobs), ("max_parallel_jobs", max_parallel_jobs)):
        if value is None and name == "max_jobs" and strategy == "Grid":
            continue
        if _plain(value) and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            raise ValueError(f"{name}={value!r} must be an int >= 1")
    if isinstance(max_jobs, int) and isinstance(max_parallel_jobs, int) and max_parallel_jobs > max_jobs:
        raise ValueError(
            f"max_parallel_jobs={max_parallel_jobs!r} is greater than max_jobs={max_jobs!r}; "
            "a tuning job never runs more trials at once than it runs in all"
        )


def check_objective(
    objective_metric_name: Any,
    metric_definitions: Optional[List[Dict[str, Any]]],
    needs_definitions: bool,
    where: str = "objective_metric_name",
    built_in: bool = False,
) -> None:
    """The objective must be one of ``metric_definitions`` when they are given or needed
    (a built-in algorithm's own metrics need no definitions)."""
    if not _plain(objective_metric_name) or (built_in and not needs_definitions):
        return
    if not isinstance(objective_metric_name, str) or not objective_metric_name:
        raise ValueError(f"{where}={objective_metric_name!r} must be a non-empty str")
    if metric_definitions is None:
        if needs_definitions:
            raise ValueError(
                f"{where}={objective_metric_name!r}: metric_definitions are needed to find the objective in "
                "the training log (a list of {'Name': ..., 'Regex': ...}); only built-in algorithms "
                "define their metrics themselves"
            )
        return
    if not isinstance(metric_definitions, (list, tuple)):
        raise TypeError(f"metric_definitions={metric_definitions!r} must be a list of {{'Name', 'Regex'}} dicts")
    names = []
    for item in metric_definitions:
        if not isinstance(item, dict) or "Name" not in item or "Regex" not in item:
            raise ValueError(f"metric_definitions item {item!r} must be a dict with 'Name' and 'Regex'")
        names.append(item["Name"])
    if all(_plain(name) for name in names) and objective_metric_name not in names:
        raise ValueError(
            f"{where}={objective_metric_name!r} is not among metric_definitions; defined metrics: {names}"
        )


def check_ranges(hyperparameter_ranges: Optional[Dict[str, Any]], strategy: Any,
                 where: str = "hyperparameter_ranges") -> None:
    """Every range is well-formed; Grid search takes categorical ranges only."""
    for name, parameter in (hyperparameter_ranges or {}).items():
        check_range(name, parameter, where)
        if strategy == "Grid" and not isinstance(parameter, CategoricalParameter):
            raise ValueError(
                f"{where}[{name!r}]={parameter!r}: the Grid strategy searches CategoricalParameter ranges only"
            )
