"""Run a CreateHyperParameterTuningJob request on this machine.

Trials are ordinary local training jobs (the local SageMaker client's
``create_training_job``, so ``local_process``, ``local`` and ``local_gpu`` all
work), ``MaxParallelTrainingJobs`` at a time on worker threads.  Each trial's
output is streamed to the console with a ``[NNN]`` prefix and read with the
definition's ``MetricDefinitions``; the last value of the objective is the
trial's result.  ``TrainingJobEarlyStoppingType: Auto`` applies the median
stopping rule; Hyperband prunes through Optuna.  Ctrl-C stops every running
trial, waits for each to clean up, and re-raises.
"""
from __future__ import annotations

import concurrent.futures
import logging
import secrets
import sys
import threading
import time
from typing import Any, Dict, List, Optional, Tuple

import attrs
from botocore.exceptions import ClientError

from sagemaker_estimators.local.entities import REGISTRY as TRAINING_REGISTRY
from sagemaker_estimators.local.entities import local_arn, now, recording_outcome
from sagemaker_estimators.local.runtime import TrainingFailedError
from sagemaker_estimators.local.tuning import stopping
from sagemaker_estimators.local.tuning.metrics import MedianStopping, MetricReader
from sagemaker_estimators.local.tuning.records import OBJECTIVE_HYPERPARAMETER, REGISTRY, LocalTuningJob, Trial
from sagemaker_estimators.local.tuning.search import Search, make_search
from sagemaker_estimators.local.tuning.space import dimensions
from sagemaker_estimators.utils import validate_name
from sagemaker_estimators.image_uris.instances import LOCAL_INSTANCE_TYPES

logger = logging.getLogger(__name__)

#: fields of a training definition a trial's CreateTrainingJob request carries over as they are
PASSED_THROUGH = ("RoleArn", "InputDataConfig", "OutputDataConfig", "StoppingCondition", "VpcConfig",
                  "EnableNetworkIsolation", "EnableInterContainerTrafficEncryption", "EnableManagedSpotTraining",
                  "CheckpointConfig", "RetryStrategy", "Environment")
#: how long Ctrl-C waits for stopped trials to clean up before giving up on them
STOP_GRACE_SECONDS = 30.0


@attrs.frozen
class Definition:
    """One training definition of the request, ready to run trials from."""

    name: Optional[str]
    body: Dict[str, Any]
    objective_name: str
    objective_type: str
    metric_definitions: List[Dict[str, str]]
    instance_type: str
    search: Search


class _ConsoleTap:
    """A text stream for one trial: lines go to the console with the trial's prefix and to its reader."""

    _console_lock = threading.Lock()

    def __init__(self, prefix: str, reader: MetricReader):
        self._prefix = prefix
        self._reader = reader
        self._pending = ""

    def write(self, text: str) -> int:
        self._pending += text
        *lines, self._pending = self._pending.split("\n")
        for line in lines:
            self._reader.feed(line)
            _console(f"{self._prefix}{line}")
        return len(text)

    def flush(self) -> None:
        pass


def _console(line: str) -> None:
    """Write a line of tuning output (trial logs and progress) to the console."""
    with _ConsoleTap._console_lock:
        try:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
        except (OSError, ValueError):
            pass


def _objective_of(config: Dict[str, Any], definition: Dict[str, Any]) -> Tuple[str, str]:
    objective = definition.get("TuningObjective") or config.get("HyperParameterTuningJobObjective") or {}
    name, kind = objective.get("MetricName"), objective.get("Type", "Maximize")
    if not name:
        raise ValueError("HyperParameterTuningJobObjective.MetricName is required to tune locally")
    if kind not in ("Maximize", "Minimize"):
        raise ValueError(f"HyperParameterTuningJobObjective.Type={kind!r}; valid choices: ['Maximize', 'Minimize']")
    return name, kind


def _resources(definition: Dict[str, Any]) -> Dict[str, Any]:
    resources = definition.get("ResourceConfig")
    if not resources:
        tuning = definition.get("HyperParameterTuningResourceConfig") or {}
        resources = (tuning.get("InstanceConfigs") or [tuning])[0]
    instance_type = resources.get("InstanceType")
    if instance_type not in LOCAL_INSTANCE_TYPES:
        raise ValueError(
            f"InstanceType={instance_type!r}: local tuning runs trials on {list(LOCAL_INSTANCE_TYPES)}; "
            "use a sagemaker.Session to tune on SageMaker instances."
        )
    return {"InstanceType": instance_type, "InstanceCount": resources.get("InstanceCount", 1),
            "VolumeSizeInGB": resources.get("VolumeSizeInGB", 30)}


def parse_definitions(request: Dict[str, Any]) -> List[Definition]:
    """The request's training definitions with their searches; ValueError for what cannot run locally."""
    config = request["HyperParameterTuningJobConfig"]
    if (request.get("Autotune") or {}).get("Mode") == "Enabled":
        raise ValueError("Autotune is not supported in local mode (SageMaker picks its ranges); "
                         "give hyperparameter_ranges instead of autotune=True.")
    strategy = config.get("Strategy", "Bayesian")
    seed = config.get("RandomSeed")
    single = request.get("TrainingJobDefinition")
    bodies = [single] if single else list(request.get("TrainingJobDefinitions") or [])
    if not bodies:
        raise ValueError("TrainingJobDefinition or TrainingJobDefinitions is required")
    definitions = []
    for body in bodies:
        name = None if single else body.get("DefinitionName")
        objective_name, objective_type = _objective_of(config, body)
        metric_definitions = (body.get("AlgorithmSpecification") or {}).get("MetricDefinitions") or []
        if objective_name not in [item.get("Name") for item in metric_definitions]:
            raise ValueError(
                f"objective metric {objective_name!r} has no entry in metric_definitions: local tuning reads the "
                "objective from each trial's log with its regex (e.g. [{'Name': "
                f"{objective_name!r}, 'Regex': '{objective_name}=([0-9\\\\.]+)'}}])"
            )
        ranges = config.get("ParameterRanges") if single else body.get("HyperParameterRanges")
        search = make_search(strategy, dimensions(ranges), seed, objective_type == "Maximize",
                             config.get("StrategyConfig"))
        definitions.append(Definition(name, body, objective_name, objective_type, metric_definitions,
                                      _resources(body)["InstanceType"], search))
    return definitions


def trial_request(definition: Definition, trial_name: str, tuned: Dict[str, str]) -> Dict[str, Any]:
    """The CreateTrainingJob request of one trial."""
    body = definition.body
    algorithm = {key: value for key, value in (body.get("AlgorithmSpecification") or {}).items()}
    hyperparameters = dict(body.get("StaticHyperParameters") or {})
    hyperparameters.update(tuned)
    hyperparameters[OBJECTIVE_HYPERPARAMETER] = definition.objective_name
    request: Dict[str, Any] = {
        "TrainingJobName": trial_name,
        "AlgorithmSpecification": algorithm,
        "ResourceConfig": _resources(body),
        "HyperParameters": hyperparameters,
    }
    for key in PASSED_THROUGH:
        if body.get(key) is not None:
            request[key] = body[key]
    request.setdefault("OutputDataConfig", {"S3OutputPath": ""})
    return request


class TuningRun:
    """One local tuning job from start to end (see the module docstring)."""

    def __init__(self, client: Any, job: LocalTuningJob, definitions: List[Definition]):
        self.client = client
        self.job = job
        self.definitions = definitions
        config = job.request["HyperParameterTuningJobConfig"]
        limits = config.get("ResourceLimits") or {}
        self.max_parallel = int(limits.get("MaxParallelTrainingJobs") or 1)
        limit = limits.get("MaxNumberOfTrainingJobs")
        self.max_jobs = (sum(definition.search.limit(None) for definition in definitions)
                         if limit is None else int(limit))
        runtime = limits.get("MaxRuntimeInSeconds")
        self.deadline = None if runtime is None else time.monotonic() + float(runtime)
        self.early_stopping = config.get("TrainingJobEarlyStoppingType", "Off") == "Auto"
        criteria = config.get("TuningJobCompletionCriteria") or {}
        self.target = criteria.get("TargetObjectiveMetricValue")
        self.patience = (criteria.get("BestObjectiveNotImproving") or {}).get("MaxNumberOfTrainingJobsNotImproving")
        self.medians = {id(d): MedianStopping(d.objective_type == "Maximize") for d in definitions}
        self.running: Dict[str, Tuple[Trial, Definition]] = {}
        self.launched = 0
        self.finished = 0
        self.stop_launching = False
        self.setup_error: Optional[BaseException] = None
        self.best_value: Optional[float] = None

    # ------------------------------------------------------------------ one trial
    def _on_objective(self, trial: Trial, definition: Definition, step: int, value: float) -> None:
        if trial.early_stopped:
            return
        pruned = definition.search.observe(trial.name, step, value)
        if not pruned and self.early_stopping:
            pruned = self.medians[id(definition)].observe(trial.name, value)
        if pruned:
            trial.early_stopped = True
            logger.info("Early stopping trial %s at %s=%s (step %d)", trial.name, definition.objective_name,
                        value, step)
            stopping.stop_training_job(trial.name, definition.instance_type)

    def _runtime_factory(self, tap: _ConsoleTap):
        custom = getattr(self.client, "_runtime_factory", None)
        container_config = self.client._local_config().get("container_config")

        def factory(instance_type: str) -> Any:
            if custom is not None:
                return custom(instance_type)
            if instance_type == "local_process":
                from sagemaker_estimators.local.process.process_runtime import ProcessRuntime

                return ProcessRuntime(stream=tap)
            from sagemaker_estimators.local.compose.compose_runtime import ComposeRuntime

            return ComposeRuntime(container_config=container_config, stream=tap)

        return factory

    def _run_trial(self, trial: Trial, definition: Definition) -> None:
        reader = MetricReader(definition.metric_definitions, definition.objective_name,
                              lambda step, value: self._on_objective(trial, definition, step, value))
        tap = _ConsoleTap(f"[{trial.name.rsplit('-', 2)[-2]}] ", reader)
        # a client of the tuning job's own class, whose runtimes stream into this trial's tap
        trial_client = type(self.client)(self.client.sagemaker_session, runtime_factory=self._runtime_factory(tap))
        trial.start_time = now()
        try:
            trial_client.create_training_job(**trial_request(definition, trial.name, trial.tuned))
            trial.status = "Completed"
        except TrainingFailedError as error:
            trial.status = "Stopped" if trial.early_stopped else "Failed"
            trial.failure_reason = None if trial.early_stopped else (error.reason or str(error))
        finally:
            if tap._pending:
                tap.write("\n")
            trial.end_time = now()
            trial.objective = reader.final()
            if trial.early_stopped:
                with TRAINING_REGISTRY.lock:
                    record = TRAINING_REGISTRY.training_jobs.get(trial.name)
                if record is not None:
                    record.status = record.secondary_status = "Stopped"
                    record.failure_reason = None

    # ------------------------------------------------------------------ scheduling
    def _next_trial(self) -> Optional[Tuple[Trial, Definition]]:
        definition = self.definitions[self.launched % len(self.definitions)]
        index = self.launched + 1
        name = f"{self.job.name}-{index:03d}-{secrets.token_hex(4)}"
        tuned = definition.search.suggest(name)
        if tuned is None:
            return None
        trial = Trial(name=name, arn=local_arn(self.client._region(), "training-job", name),
                      definition_name=definition.name, tuned=tuned, objective_type=definition.objective_type,
                      objective_name=definition.objective_name)
        with self.job.lock:
            self.job.trials.append(trial)
        self.launched = index
        return trial, definition

    def _finish_trial(self, trial: Trial, definition: Definition) -> None:
        self.finished += 1
        definition.search.report(trial.name, trial.objective, pruned=trial.early_stopped)
        self.medians[id(definition)].finish(trial.name)
        improved = trial.objective is not None and (
            self.best_value is None
            or (trial.objective > self.best_value if definition.objective_type == "Maximize"
                else trial.objective < self.best_value))
        if improved:
            self.best_value = trial.objective
        self.job.not_improving = 0 if improved else self.job.not_improving + 1
        best = self.job.best()
        shown = "n/a" if trial.objective is None else f"{trial.objective:g}"
        best_text = "none yet" if best is None else f"{best.objective:g} ({best.name})"
        _console(f"Trial {self.finished}/{self.max_jobs} {trial.name} {trial.status}: "
                 f"{definition.objective_name}={shown}; best so far: {best_text}")
        if best is not None and self.target is not None:
            reached = best.objective >= self.target if definition.objective_type == "Maximize" \
                else best.objective <= self.target
            if reached:
                logger.info("Target objective %s reached; no more trials start", self.target)
                self.stop_launching = True
        if self.patience and self.job.not_improving >= int(self.patience):
            logger.info("%d trials without improvement; no more trials start", self.job.not_improving)
            self.stop_launching = True

    def _stop_running(self) -> None:
        for trial, definition in list(self.running.values()):
            trial.early_stopped = True
            stopping.stop_training_job(trial.name, definition.instance_type)

    def run(self) -> None:
        """Run every trial; raises a trial's setup error (a bad entry point ...) or KeyboardInterrupt."""
        futures: Dict[concurrent.futures.Future, Tuple[Trial, Definition]] = {}
        pool = concurrent.futures.ThreadPoolExecutor(self.max_parallel, thread_name_prefix=f"tuning-{self.job.name}")
        try:
            while True:
                if self.deadline is not None and time.monotonic() > self.deadline and not self.stop_launching:
                    logger.info("MaxRuntimeInSeconds reached: stopping the running trials")
                    self.stop_launching = True
                    self._stop_running()
                while (not self.stop_launching and len(futures) < self.max_parallel
                       and self.launched < self.max_jobs):
                    started = self._next_trial()
                    if started is None:
                        self.stop_launching = True
                        break
                    trial, definition = started
                    self.running[trial.name] = started
                    futures[pool.submit(self._run_trial, trial, definition)] = started
                if not futures:
                    break
                done, _ = concurrent.futures.wait(list(futures), timeout=0.5,
                                                  return_when=concurrent.futures.FIRST_COMPLETED)
                for future in done:
                    trial, definition = futures.pop(future)
                    self.running.pop(trial.name, None)
                    error = future.exception()
                    if error is not None:
                        trial.status, trial.failure_reason = "Failed", f"{type(error).__name__}: {error}"
                        if self.setup_error is None:
                            self.setup_error = error
                        self.stop_launching = True
                    self._finish_trial(trial, definition)
        except BaseException:
            self.stop_launching = True
            self._stop_running()
            self._drain(futures)
            raise
        finally:
            pool.shutdown(wait=False)
        if self.setup_error is not None:
            raise self.setup_error

    def _drain(self, futures: Dict[concurrent.futures.Future, Tuple[Trial, Definition]]) -> None:
        """Wait (bounded) for stopped trials to end and clean up; a second Ctrl-C stops them again."""
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        pending = set(futures)
        while pending and time.monotonic() < deadline:
            try:
                _, pending = concurrent.futures.wait(pending, timeout=0.5)
            except KeyboardInterrupt:
                self._stop_running()
        for future, (trial, _) in futures.items():
            if future.done() and trial.status == "InProgress":
                trial.status = "Stopped"
        if pending:
            logger.warning("%d trial(s) did not end within %.0f s of being stopped", len(pending), STOP_GRACE_SECONDS)


def _in_use(name: str) -> ClientError:
    return ClientError({"Error": {"Code": "ResourceInUse",
                                  "Message": f"local hyperparameter tuning job {name!r} already exists"}},
                       "CreateHyperParameterTuningJob")


def run_tuning_job(client: Any, request: Dict[str, Any]) -> Dict[str, Any]:
    """Run the tuning job ``request`` describes to the end and record it (the local client's
    ``create_hyper_parameter_tuning_job``).  Returns ``{"HyperParameterTuningJobArn": ...}``."""
    name = validate_name(request.get("HyperParameterTuningJobName"), "HyperParameterTuningJobName")
    definitions = parse_definitions(request)
    if request.get("WarmStartConfig"):
        logger.warning("WarmStartConfig is ignored in local mode: the search starts from scratch.")
    with REGISTRY.lock:
        if name in REGISTRY.jobs:
            raise _in_use(name)
        job = LocalTuningJob(name, request, local_arn(client._region(), "hyper-parameter-tuning-job", name))
        REGISTRY.jobs[name] = job
    run = TuningRun(client, job, definitions)
    logger.info("Starting local tuning job %s: up to %d trials, %d at a time", name, run.max_jobs, run.max_parallel)
    with recording_outcome(job):
        run.run()
    if job.best() is not None:
        job.status = "Completed"
    else:
        job.status = "Failed"
        job.failure_reason = (
            f"No training job reported the objective metric {definitions[0].objective_name!r} "
            "(check the metric_definitions regex against the training log)"
            if any(trial.status == "Completed" for trial in job.trials) else "All training jobs failed."
        )
    return {"HyperParameterTuningJobArn": job.arn}


def describe_tuning_job(name: str) -> Dict[str, Any]:
    """DescribeHyperParameterTuningJob of a local tuning job."""
    return _job(name, "DescribeHyperParameterTuningJob").describe()


def _job(name: str, operation: str) -> LocalTuningJob:
    with REGISTRY.lock:
        job = REGISTRY.jobs.get(name)
    if job is None:
        raise ClientError({"Error": {"Code": "ResourceNotFound",
                                     "Message": f"Could not find local hyperparameter tuning job {name!r}"}},
                          operation)
    return job


def list_training_jobs(name: str, NextToken: Optional[str] = None, MaxResults: int = 10,  # noqa: N803
                       SortBy: str = "Name", SortOrder: str = "Descending",  # noqa: N803
                       StatusEquals: Optional[str] = None) -> Dict[str, Any]:  # noqa: N803
    """ListTrainingJobsForHyperParameterTuningJob of a local tuning job (paginated)."""
    summaries = _job(name, "ListTrainingJobsForHyperParameterTuningJob").list_trials(SortBy, SortOrder, StatusEquals)
    start = int(NextToken or 0)
    page = summaries[start:start + int(MaxResults)]
    response: Dict[str, Any] = {"TrainingJobSummaries": page}
    if start + len(page) < len(summaries):
        response["NextToken"] = str(start + len(page))
    return response


def stop_tuning_job(name: str) -> None:
    """Local tuning jobs run inside their create call, so there is never one to stop."""
    _job(name, "StopHyperParameterTuningJob")
    raise ClientError({"Error": {"Code": "ValidationException",
                                 "Message": f"The local tuning job {name} is not running (local tuning runs "
                                            "inside fit(); press Ctrl-C to stop it)"}},
                      "StopHyperParameterTuningJob")
