"""Records of local tuning jobs and their trials, in the shapes of DescribeHyperParameterTuningJob and
ListTrainingJobsForHyperParameterTuningJob."""
from __future__ import annotations

import copy
import datetime
import threading
from typing import Any, Dict, List, Optional

import attrs

from sagemaker_estimators.local.entities import now

OBJECTIVE_HYPERPARAMETER = "_tuning_objective_metric"


@attrs.define
class Trial:
    """One training job of a tuning job."""

    name: str
    arn: str
    definition_name: Optional[str]
    tuned: Dict[str, str]
    objective_type: str
    objective_name: str
    creation_time: datetime.datetime = attrs.field(factory=now)
    start_time: Optional[datetime.datetime] = None
    end_time: Optional[datetime.datetime] = None
    status: str = "InProgress"
    failure_reason: Optional[str] = None
    objective: Optional[float] = None
    early_stopped: bool = False

    @property
    def objective_status(self) -> str:
        if self.status == "InProgress":
            return "Pending"
        return "Succeeded" if self.objective is not None else "Failed"

    def summary(self, tuning_job_name: str) -> Dict[str, Any]:
        """A HyperParameterTrainingJobSummary."""
        summary: Dict[str, Any] = {
            "TrainingJobName": self.name,
            "TrainingJobArn": self.arn,
            "TuningJobName": tuning_job_name,
            "CreationTime": self.creation_time,
            "TrainingJobStatus": self.status,
            "TunedHyperParameters": dict(self.tuned),
            "ObjectiveStatus": self.objective_status,
        }
        if self.definition_name is not None:
            summary["TrainingJobDefinitionName"] = self.definition_name
        if self.start_time:
            summary["TrainingStartTime"] = self.start_time
        if self.end_time:
            summary["TrainingEndTime"] = self.end_time
        if self.failure_reason:
            summary["FailureReason"] = self.failure_reason
        if self.objective is not None:
            summary["FinalHyperParameterTuningJobObjectiveMetric"] = {
                "Type": self.objective_type, "MetricName": self.objective_name, "Value": self.objective}
        return summary


@attrs.define
class LocalTuningJob:
    """A local tuning job: its request, status and trials."""

    name: str
    request: Dict[str, Any]
    arn: str
    creation_time: datetime.datetime = attrs.field(factory=now)
    status: str = "InProgress"
    failure_reason: Optional[str] = None
    end_time: Optional[datetime.datetime] = None
    trials: List[Trial] = attrs.field(factory=list)
    not_improving: int = 0
    lock: threading.Lock = attrs.field(factory=threading.Lock, repr=False)

    def maximize(self, trial: Trial) -> bool:
        return trial.objective_type == "Maximize"

    def best(self) -> Optional[Trial]:
        """The trial with the best final objective (ties: the earliest)."""
        with self.lock:
            scored = [(trial, trial.objective) for trial in self.trials if trial.objective is not None]
        if not scored:
            return None
        best, best_objective = scored[0]
        for trial, objective in scored[1:]:
            better = objective > best_objective if self.maximize(trial) else objective < best_objective
            if better:
                best, best_objective = trial, objective
        return best

    def _counters(self) -> Dict[str, Dict[str, int]]:
        status = {"Completed": 0, "InProgress": 0, "RetryableError": 0, "NonRetryableError": 0, "Stopped": 0}
        objective = {"Succeeded": 0, "Pending": 0, "Failed": 0}
        with self.lock:
            for trial in self.trials:
                key = "NonRetryableError" if trial.status == "Failed" else trial.status
                status[key] = status.get(key, 0) + 1
                objective[trial.objective_status] += 1
        return {"TrainingJobStatusCounters": status, "ObjectiveStatusCounters": objective}

    def describe(self) -> Dict[str, Any]:
        """A DescribeHyperParameterTuningJob response."""
        response = copy.deepcopy({key: value for key, value in self.request.items() if key != "Tags"})
        # the service adds the reserved static hyperparameter naming the objective (V2's attach() removes it)
        job_objective = response["HyperParameterTuningJobConfig"].get("HyperParameterTuningJobObjective") or {}
        definitions = [response.get("TrainingJobDefinition")] + list(response.get("TrainingJobDefinitions") or [])
        for definition in filter(None, definitions):
            name = (definition.get("TuningObjective") or job_objective).get("MetricName")
            if name:
                definition.setdefault("StaticHyperParameters", {})[OBJECTIVE_HYPERPARAMETER] = name
        response.update(
            HyperParameterTuningJobArn=self.arn,
            HyperParameterTuningJobStatus=self.status,
            CreationTime=self.creation_time,
            LastModifiedTime=self.end_time or now(),
            **self._counters(),
        )
        if self.end_time:
            response["HyperParameterTuningEndTime"] = self.end_time
            response["ConsumedResources"] = {
                "RuntimeInSeconds": int((self.end_time - self.creation_time).total_seconds())}
        if self.failure_reason:
            response["FailureReason"] = self.failure_reason
        best = self.best()
        if best is not None:
            response["BestTrainingJob"] = best.summary(self.name)
        response["TuningJobCompletionDetails"] = {"NumberOfTrainingJobsObjectiveNotImproving": self.not_improving}
        return response

    def list_trials(self, sort_by: str = "CreationTime", sort_order: str = "Descending",
                    status: Optional[str] = None) -> List[Dict[str, Any]]:
        """Trial summaries, filtered and sorted as ListTrainingJobsForHyperParameterTuningJob does."""
        with self.lock:
            trials = [trial for trial in self.trials if status is None or trial.status == status]
        keys = {
            "Name": lambda trial: trial.name,
            "CreationTime": lambda trial: trial.creation_time,
            "Status": lambda trial: trial.status,
            "FinalObjectiveMetricValue": lambda trial: (trial.objective is None, trial.objective or 0.0),
        }
        if sort_by not in keys:
            raise ValueError(f"SortBy={sort_by!r} is not valid; valid choices: {sorted(keys)}")
        if sort_order not in ("Ascending", "Descending"):
            raise ValueError(f"SortOrder={sort_order!r} is not valid; valid choices: ['Ascending', 'Descending']")
        trials.sort(key=keys[sort_by], reverse=sort_order == "Descending")
        if sort_by == "FinalObjectiveMetricValue":  # trials without an objective last either way
            trials.sort(key=lambda trial: trial.objective is None)
        return [trial.summary(self.name) for trial in trials]


class TuningRegistry:
    """Every local tuning job of this process, by name."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.jobs: Dict[str, LocalTuningJob] = {}


REGISTRY = TuningRegistry()
