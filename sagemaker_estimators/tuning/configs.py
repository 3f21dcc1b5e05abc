"""Tuning job settings as V2's value objects (``sagemaker.tuner``): each knows its request shape
(``to_input_req``) and how to read itself back from a Describe response (``from_job_desc``)."""
from __future__ import annotations

from enum import Enum
from typing import Any, Dict, Iterable, Optional

HYPERPARAMETER_TUNING_JOB_NAME = "HyperParameterTuningJobName"
PARENT_HYPERPARAMETER_TUNING_JOBS = "ParentHyperParameterTuningJobs"
WARM_START_TYPE = "WarmStartType"
HYPERBAND_STRATEGY_CONFIG = "HyperbandStrategyConfig"
HYPERBAND_MIN_RESOURCE = "MinResource"
HYPERBAND_MAX_RESOURCE = "MaxResource"
GRID_SEARCH = "Grid"
MAX_NUMBER_OF_TRAINING_JOBS_NOT_IMPROVING = "MaxNumberOfTrainingJobsNotImproving"
BEST_OBJECTIVE_NOT_IMPROVING = "BestObjectiveNotImproving"
CONVERGENCE_DETECTED = "ConvergenceDetected"
COMPLETE_ON_CONVERGENCE_DETECTED = "CompleteOnConvergence"
TARGET_OBJECTIVE_METRIC_VALUE = "TargetObjectiveMetricValue"
MAX_RUNTIME_IN_SECONDS = "MaxRuntimeInSeconds"


class WarmStartTypes(Enum):
    """How a warm-start tuning job uses its parents' results."""

    IDENTICAL_DATA_AND_ALGORITHM = "IdenticalDataAndAlgorithm"
    TRANSFER_LEARNING = "TransferLearning"


class WarmStartConfig:
    """Start a tuning job from the results of up to five parent tuning jobs.

    Args:
        warm_start_type: a :class:`WarmStartTypes` member.
        parents: names of the parent tuning jobs (a set, or any iterable).
    """

    def __init__(self, warm_start_type: WarmStartTypes, parents: Iterable[Any]):
        if warm_start_type not in list(WarmStartTypes):
            raise ValueError(
                f"warm_start_type={warm_start_type!r} is not valid; valid choices: {list(WarmStartTypes)}"
            )
        if not parents:
            raise ValueError(f"parents={parents!r}: a warm start needs at least one parent tuning job")
        self.type = warm_start_type
        self.parents = set(parents)

    @classmethod
    def from_job_desc(cls, warm_start_config: Optional[Dict[str, Any]]) -> Optional["WarmStartConfig"]:
        """The config of a DescribeHyperParameterTuningJob's ``WarmStartConfig`` (None when absent)."""
        if (not warm_start_config or WARM_START_TYPE not in warm_start_config
                or PARENT_HYPERPARAMETER_TUNING_JOBS not in warm_start_config):
            return None
        return cls(
            warm_start_type=WarmStartTypes(warm_start_config[WARM_START_TYPE]),
            parents=[parent[HYPERPARAMETER_TUNING_JOB_NAME]
                     for parent in warm_start_config[PARENT_HYPERPARAMETER_TUNING_JOBS]],
        )

    def to_input_req(self) -> Dict[str, Any]:
        """The request's ``WarmStartConfig``."""
        return {
            WARM_START_TYPE: self.type.value,
            PARENT_HYPERPARAMETER_TUNING_JOBS: [{HYPERPARAMETER_TUNING_JOB_NAME: parent} for parent in self.parents],
        }


class HyperbandStrategyConfig:
    """Hyperband's resource bounds (epochs, say) as the training script reads them."""

    def __init__(self, max_resource: int, min_resource: int):
        self.min_resource = min_resource
        self.max_resource = max_resource

    @classmethod
    def from_job_desc(cls, hyperband_strategy_config: Dict[str, Any]) -> "HyperbandStrategyConfig":
        return cls(min_resource=hyperband_strategy_config[HYPERBAND_MIN_RESOURCE],
                   max_resource=hyperband_strategy_config[HYPERBAND_MAX_RESOURCE])

    def to_input_req(self) -> Dict[str, Any]:
        return {HYPERBAND_MIN_RESOURCE: self.min_resource, HYPERBAND_MAX_RESOURCE: self.max_resource}


class StrategyConfig:
    """The strategy's own settings (today: Hyperband's)."""

    def __init__(self, hyperband_strategy_config: HyperbandStrategyConfig):
        self.hyperband_strategy_config = hyperband_strategy_config

    @classmethod
    def from_job_desc(cls, strategy_config: Dict[str, Any]) -> "StrategyConfig":
        return cls(hyperband_strategy_config=HyperbandStrategyConfig.from_job_desc(
            strategy_config[HYPERBAND_STRATEGY_CONFIG]))

    def to_input_req(self) -> Dict[str, Any]:
        return {HYPERBAND_STRATEGY_CONFIG: self.hyperband_strategy_config.to_input_req()}


class InstanceConfig:
    """One instance option of a tuning job's ``HyperParameterTuningResourceConfig.InstanceConfigs``."""

    def __init__(self, instance_count: Any = None, instance_type: Any = None, volume_size: Any = 30):
        self.instance_count = instance_count
        self.instance_type = instance_type
        self.volume_size = volume_size

    @classmethod
    def from_job_desc(cls, instance_config: Dict[str, Any]) -> "InstanceConfig":
        return cls(instance_count=instance_config["InstanceCount"],
                   instance_type=instance_config["InstanceType"],
                   volume_size=instance_config["VolumeSizeInGB"])

    def to_input_req(self) -> Dict[str, Any]:
        return {"InstanceCount": self.instance_count, "InstanceType": self.instance_type,
                "VolumeSizeInGB": self.volume_size}


class TuningJobCompletionCriteriaConfig:
    """When a tuning job may end before ``max_jobs``: no improvement, convergence, or a target value."""

    def __init__(self, max_number_of_training_jobs_not_improving: Optional[int] = None,
                 complete_on_convergence: Optional[bool] = None,
                 target_objective_metric_value: Optional[float] = None):
        self.max_number_of_training_jobs_not_improving = max_number_of_training_jobs_not_improving
        self.complete_on_convergence = complete_on_convergence
        self.target_objective_metric_value = target_objective_metric_value

    @classmethod
    def from_job_desc(cls, completion_criteria_config: Dict[str, Any]) -> "TuningJobCompletionCriteriaConfig":
        convergence = (completion_criteria_config.get(CONVERGENCE_DETECTED) or {}).get(
            COMPLETE_ON_CONVERGENCE_DETECTED)
        not_improving = (completion_criteria_config.get(BEST_OBJECTIVE_NOT_IMPROVING) or {}).get(
            MAX_NUMBER_OF_TRAINING_JOBS_NOT_IMPROVING)
        return cls(
            max_number_of_training_jobs_not_improving=not_improving or None,
            complete_on_convergence=(convergence == "Enabled") if convergence else None,
            target_objective_metric_value=completion_criteria_config.get(TARGET_OBJECTIVE_METRIC_VALUE),
        )

    def to_input_req(self) -> Dict[str, Any]:
        """The request's ``TuningJobCompletionCriteria`` (only what is set)."""
        criteria: Dict[str, Any] = {}
        if self.max_number_of_training_jobs_not_improving is not None:
            criteria[BEST_OBJECTIVE_NOT_IMPROVING] = {
                MAX_NUMBER_OF_TRAINING_JOBS_NOT_IMPROVING: self.max_number_of_training_jobs_not_improving}
        if self.target_objective_metric_value is not None:
            criteria[TARGET_OBJECTIVE_METRIC_VALUE] = self.target_objective_metric_value
        if self.complete_on_convergence is not None:
            criteria[CONVERGENCE_DETECTED] = {
                COMPLETE_ON_CONVERGENCE_DETECTED: "Enabled" if self.complete_on_convergence else "Disabled"}
        return criteria
