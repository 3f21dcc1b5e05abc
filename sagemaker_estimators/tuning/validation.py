"""Checks a tuner's settings must pass before anything is uploaded or created.

Each error names the parameter, the bad value and the valid choices.  Only what
SageMaker would refuse is refused: V2 accepts everything here at construction.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional

from sagemaker_estimators.tuning.parameter import CategoricalParameter, check_range

logger = logging.getLogger(__name__)

STRATEGIES = ("Bayesian", "Random", "Hyperband", "Grid")
#: image-URI registry entries of SageMaker's built-in algorithms: the service defines their metrics itself
BUILT_IN_ALGORITHMS = (
    "blazingtext", "factorization-machines", "forecasting-deepar", "image-classification", "ipinsights",
    "kmeans", "knn", "lda", "linear-learner", "ntm", "object-detection", "object2vec", "pca",
    "randomcutforest", "semantic-segmentation", "seq2seq", "xgboost",
)
#: the ECR repositories of those entries (XGBoost 0.90 and later is "sagemaker-xgboost", algorithm and
#: script mode alike); a test checks this against the registry data
BUILT_IN_REPOSITORIES = frozenset(BUILT_IN_ALGORITHMS) | {"sagemaker-xgboost"}


def image_repository(image_uri: Any) -> Optional[str]:
    """The repository part of an image URI (``.../sagemaker-xgboost:1.7-1`` -> ``sagemaker-xgboost``)."""
    if not isinstance(image_uri, str) or not image_uri:
        return None
    path = image_uri.split("/", 1)[-1]
    return path.split("@", 1)[0].split(":", 1)[0]


def is_built_in_image(image_uri: Any) -> bool:
    """Whether ``image_uri`` runs one of SageMaker's built-in algorithms (by its repository name, in any
    account: a false yes only spares a refusal, the service still decides)."""
    return image_repository(image_uri) in BUILT_IN_REPOSITORIES


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


def _metric_names(metric_definitions: Any) -> List[Any]:
    if not isinstance(metric_definitions, (list, tuple)):
        raise TypeError(f"metric_definitions={metric_definitions!r} must be a list of {{'Name', 'Regex'}} dicts")
    names = []
    for item in metric_definitions:
        if not isinstance(item, dict) or "Name" not in item or "Regex" not in item:
            raise ValueError(f"metric_definitions item {item!r} must be a dict with 'Name' and 'Regex'")
        names.append(item["Name"])
    return names


def check_objective(
    objective_metric_name: Any,
    metric_definitions: Optional[List[Dict[str, Any]]],
    metrics_source: str,
    where: str = "objective_metric_name",
) -> None:
    """Refuse an objective the tuning job could never find; warn where only the service can tell.

    ``metrics_source`` says who defines the training container's metrics:

    * ``"service"`` - a built-in algorithm image or a Marketplace algorithm: SageMaker
      knows their metrics, so no ``metric_definitions`` are needed (if given, a warning:
      SageMaker may refuse to override a built-in algorithm's own);
    * ``"definitions"`` - only ``metric_definitions`` can name the objective (script-mode
      framework images): the objective must be among them;
    * ``"local"`` - likewise: local tuning reads the objective from the trials' logs with them;
    * ``"unknown"`` - an image this package does not recognise: the objective must be
      among ``metric_definitions`` when they are given; without them, a warning.
    """
    if not _plain(objective_metric_name):
        return
    if not isinstance(objective_metric_name, str) or not objective_metric_name:
        raise ValueError(f"{where}={objective_metric_name!r} must be a non-empty str")
    if metrics_source == "service":
        if metric_definitions:
            logger.warning(
                "%s=%r: metric_definitions are given for a built-in algorithm, whose metrics SageMaker defines "
                "itself; SageMaker may refuse to override them", where, objective_metric_name)
        return
    if metric_definitions is None:
        if metrics_source in ("definitions", "local"):
            why = ("a local tuning job reads every objective from the trials' logs with them" if metrics_source ==
                   "local" else "only built-in algorithms define their metrics themselves")
            raise ValueError(
                f"{where}={objective_metric_name!r}: metric_definitions are needed to find the objective in "
                "the training log (a list of {'Name': ..., 'Regex': ...}); " + why
            )
        logger.warning(
            "%s=%r without metric_definitions: SageMaker finds the objective only in the metrics of its "
            "built-in algorithms, and this image is not one this package recognises", where, objective_metric_name)
        return
    names = _metric_names(metric_definitions)
    if all(_plain(name) for name in names) and objective_metric_name not in names:
        raise ValueError(
            f"{where}={objective_metric_name!r} is not among metric_definitions; defined metrics: {names}"
        )


def check_ranges_for_algorithm(hyperparameter_table: Any, hyperparameter_ranges: Optional[Dict[str, Any]],
                               where: str = "hyperparameter_ranges") -> None:
    """A built-in algorithm's ranges hold only values its hyperparameter accepts (V2 checks this in the
    tuner's constructor): each bound of a continuous/integer range, each value of a categorical one."""
    specs = {spec.name: spec for spec in hyperparameter_table or ()}
    for name, parameter in (hyperparameter_ranges or {}).items():
        spec = specs.get(name)
        if spec is None:
            continue
        if isinstance(parameter, CategoricalParameter):
            values = list(parameter.values)
        elif hasattr(parameter, "min_value"):
            values = [parameter.min_value, parameter.max_value]
        else:
            continue
        for value in values:
            if _plain(value):
                try:
                    spec.convert(value)
                except (TypeError, ValueError) as error:
                    raise ValueError(f"{where}[{name!r}]: {error}") from None


def check_ranges(hyperparameter_ranges: Optional[Dict[str, Any]], strategy: Any,
                 where: str = "hyperparameter_ranges") -> None:
    """Every range is well-formed; Grid search takes categorical ranges only."""
    for name, parameter in (hyperparameter_ranges or {}).items():
        check_range(name, parameter, where)
        if strategy == "Grid" and not isinstance(parameter, CategoricalParameter):
            raise ValueError(
                f"{where}[{name!r}]={parameter!r}: the Grid strategy searches CategoricalParameter ranges only"
            )
