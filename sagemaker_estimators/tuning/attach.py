"""``HyperparameterTuner.attach``: a tuner and its estimators rebuilt from DescribeHyperParameterTuningJob.

The estimator class comes from ``estimator_cls``, else from the
``sagemaker_estimator_class_name``/``_module`` static hyperparameters, else from a
built-in algorithm's image name, else the generic ``Estimator``.  Unlike V2, jobs
created with ``HyperParameterTuningResourceConfig`` (what V2 itself sends) attach.
"""
from __future__ import annotations

import copy
import importlib
import json
from typing import TYPE_CHECKING, Any, Dict, Optional, Type, Union

from sagemaker_estimators import utils
from sagemaker_estimators.tuning.configs import (
    MAX_RUNTIME_IN_SECONDS,
    TuningJobCompletionCriteriaConfig,
    WarmStartConfig,
)
from sagemaker_estimators.tuning.parameter import CategoricalParameter, ContinuousParameter, IntegerParameter

if TYPE_CHECKING:
    from sagemaker_estimators.estimators.base import EstimatorBase
    from sagemaker_estimators.session_like import SessionLike
    from sagemaker_estimators.tuning.tuner import HyperparameterTuner

CLASS_NAME_KEY = "sagemaker_estimator_class_name"
MODULE_KEY = "sagemaker_estimator_module"
OBJECTIVE_KEY = "_tuning_objective_metric"
#: the package of the built-in algorithm estimators (one module per image repository, '-' as '_')
ALGORITHMS_PACKAGE = "sagemaker_estimators.algorithms."


def _import(module: str, name: str) -> Type[EstimatorBase]:
    """The estimator class ``name`` of ``module`` (a class path the job or the caller named)."""
    estimator_type: Type[EstimatorBase] = getattr(importlib.import_module(module), name)
    return estimator_type


def estimator_class(estimator_cls: Optional[str], definition: Dict[str, Any]) -> Type[EstimatorBase]:
    """The estimator class for one training definition."""
    from sagemaker_estimators.tuning.tuner import AMAZON_ESTIMATOR_CLS_NAMES

    if estimator_cls is not None:
        module, name = estimator_cls.rsplit(".", 1)
        return _import(module, name)
    static = definition.get("StaticHyperParameters") or {}
    if CLASS_NAME_KEY in static and MODULE_KEY in static:
        return _import(json.loads(static[MODULE_KEY]), json.loads(static[CLASS_NAME_KEY]))
    image = (definition.get("AlgorithmSpecification") or {}).get("TrainingImage") or ""
    algorithm = image[image.find("/") + 1: image.find(":")]
    if algorithm in AMAZON_ESTIMATOR_CLS_NAMES:
        # V2 imports AMAZON_ESTIMATOR_MODULE ("sagemaker"), whose algorithm names only the start-up hook
        # serves; the classes are imported from where they live, so attach() works without the hook too
        return _import(ALGORITHMS_PACKAGE + algorithm.replace("-", "_"), AMAZON_ESTIMATOR_CLS_NAMES[algorithm])
    from sagemaker_estimators.estimators.base import Estimator

    return Estimator


def ranges_from_description(parameter_ranges: Optional[Dict[str, Any]]) -> Dict[str, Any]:
    """ParameterRange objects from a description's ``ParameterRanges`` (V2 drops the scaling types)."""
    parameter_ranges = parameter_ranges or {}
    ranges: Dict[str, Any] = {}
    for entry in parameter_ranges.get("CategoricalParameterRanges") or []:
        ranges[entry["Name"]] = CategoricalParameter(entry["Values"])
    for entry in parameter_ranges.get("ContinuousParameterRanges") or []:
        ranges[entry["Name"]] = ContinuousParameter(float(entry["MinValue"]), float(entry["MaxValue"]))
    for entry in parameter_ranges.get("IntegerParameterRanges") or []:
        ranges[entry["Name"]] = IntegerParameter(int(entry["MinValue"]), int(entry["MaxValue"]))
    return ranges


def _first_values(parameter_ranges: Optional[Dict[str, Any]]) -> Dict[str, Any]:
    """A value for every tuned hyperparameter (built-in algorithms require all of theirs to be set)."""
    values: Dict[str, Any] = {}
    for entry in (parameter_ranges or {}).get("CategoricalParameterRanges") or []:
        values[entry["Name"]] = entry["Values"][0]
    for entry in (parameter_ranges or {}).get("ContinuousParameterRanges") or []:
        values[entry["Name"]] = float(entry["MinValue"])
    for entry in (parameter_ranges or {}).get("IntegerParameterRanges") or []:
        values[entry["Name"]] = int(entry["MinValue"])
    return values


def estimator_from_definition(estimator_cls: Optional[str], definition: Dict[str, Any],
                              parameter_ranges: Optional[Dict[str, Any]],
                              sagemaker_session: Optional[SessionLike]) -> EstimatorBase:
    """An estimator configured like one training definition of a tuning job."""
    cls = estimator_class(estimator_cls, definition)
    details = copy.deepcopy(definition)
    hyperparameters = dict(details.pop("StaticHyperParameters", None) or {})
    hyperparameters.pop(OBJECTIVE_KEY, None)
    if getattr(cls, "repo_name", None) is not None:  # a built-in algorithm (V2: AmazonAlgorithmEstimatorBase)
        hyperparameters.update(_first_values(parameter_ranges))
    details["HyperParameters"] = hyperparameters
    details["TrainingJobName"] = ""
    if "ResourceConfig" not in details:
        details["ResourceConfig"] = _resource_config(details.get("HyperParameterTuningResourceConfig") or {})
    details.setdefault("OutputDataConfig", {}).setdefault("KmsKeyId", "")  # as V2 does
    params = cls._prepare_init_params_from_job_description(details)
    params.pop("base_job_name", None)
    return cls(sagemaker_session=sagemaker_session, **params)


def _resource_config(tuning_resources: Dict[str, Any]) -> Dict[str, Any]:
    """A ResourceConfig from a HyperParameterTuningResourceConfig (its first InstanceConfig if any)."""
    source = (tuning_resources.get("InstanceConfigs") or [tuning_resources])[0]
    config = {key: source[key] for key in ("InstanceCount", "InstanceType", "VolumeSizeInGB") if key in source}
    config.setdefault("VolumeSizeInGB", 30)
    if "VolumeKmsKeyId" in tuning_resources:
        config["VolumeKmsKeyId"] = tuning_resources["VolumeKmsKeyId"]
    return config


def init_params_from_description(job_details: Dict[str, Any]) -> Dict[str, Any]:
    """The tuner's constructor arguments read back from a description."""
    config = job_details["HyperParameterTuningJobConfig"]
    limits = config["ResourceLimits"]
    params: Dict[str, Any] = {
        "strategy": config["Strategy"],
        "max_jobs": limits.get("MaxNumberOfTrainingJobs"),
        "max_parallel_jobs": limits["MaxParallelTrainingJobs"],
        "warm_start_config": WarmStartConfig.from_job_desc(job_details.get("WarmStartConfig")),
        "early_stopping_type": config.get("TrainingJobEarlyStoppingType", "Off"),
        "base_tuning_job_name": utils.base_from_name(job_details["HyperParameterTuningJobName"]),
    }
    if config.get("TuningJobCompletionCriteria"):
        params["completion_criteria_config"] = TuningJobCompletionCriteriaConfig.from_job_desc(
            config["TuningJobCompletionCriteria"])
    if MAX_RUNTIME_IN_SECONDS in limits:
        params["max_runtime_in_seconds"] = limits[MAX_RUNTIME_IN_SECONDS]
    if "RandomSeed" in config:
        params["random_seed"] = config["RandomSeed"]
    if config.get("StrategyConfig"):
        from sagemaker_estimators.tuning.configs import StrategyConfig

        params["strategy_config"] = StrategyConfig.from_job_desc(config["StrategyConfig"])
    objective = config.get("HyperParameterTuningJobObjective")
    if objective:
        params["objective_metric_name"] = objective["MetricName"]
        params["objective_type"] = objective["Type"]
    if "ParameterRanges" in config:
        params["hyperparameter_ranges"] = ranges_from_description(config["ParameterRanges"])
    if job_details.get("TrainingJobDefinition"):
        params["metric_definitions"] = job_details["TrainingJobDefinition"]["AlgorithmSpecification"].get(
            "MetricDefinitions")
    if job_details.get("TrainingJobDefinitions"):
        params["objective_type"] = job_details["TrainingJobDefinitions"][0]["TuningObjective"]["Type"]
    return params


def tuner_from_description(tuner_cls: Type[HyperparameterTuner], job_details: Dict[str, Any],
                           sagemaker_session: Optional[SessionLike],
                           estimator_cls: Union[str, Dict[str, str], None]) -> HyperparameterTuner:
    """A tuner (single estimator or :meth:`create` form) for a DescribeHyperParameterTuningJob response."""
    params = init_params_from_description(job_details)
    if job_details.get("TrainingJobDefinition"):
        definition = job_details["TrainingJobDefinition"]
        if isinstance(estimator_cls, dict):
            raise ValueError(f"estimator_cls={estimator_cls!r}: a tuning job with one training definition takes "
                             "the estimator's class path as a str")
        estimator = estimator_from_definition(
            estimator_cls, definition, job_details["HyperParameterTuningJobConfig"].get("ParameterRanges"),
            sagemaker_session)
        return tuner_cls(estimator=estimator, **params)
    definitions = job_details.get("TrainingJobDefinitions") or []
    names = sorted(definition["DefinitionName"] for definition in definitions)
    tuner_cls._validate_dict_argument("estimator_cls", estimator_cls, names)
    classes_by_name = estimator_cls if isinstance(estimator_cls, dict) else {}  # a str was refused just above
    estimator_dict, objectives, ranges, metric_definitions = {}, {}, {}, {}
    for definition in definitions:
        name = definition["DefinitionName"]
        estimator_dict[name] = estimator_from_definition(
            classes_by_name.get(name), definition, definition.get("HyperParameterRanges"), sagemaker_session)
        objectives[name] = definition["TuningObjective"]["MetricName"]
        ranges[name] = ranges_from_description(definition.get("HyperParameterRanges"))
        found = definition["AlgorithmSpecification"].get("MetricDefinitions")
        if found is not None:
            metric_definitions[name] = found
    for key in ("objective_metric_name", "hyperparameter_ranges", "metric_definitions"):
        params.pop(key, None)
    return tuner_cls.create(estimator_dict=estimator_dict, objective_metric_name_dict=objectives,
                            hyperparameter_ranges_dict=ranges, metric_definitions_dict=metric_definitions, **params)
