"""``HyperparameterTuner`` (``sagemaker.tuner``): V2's tuning API on this package's estimators.

``fit()`` checks every setting, prepares each estimator as its own ``fit()`` would
(job name, code upload), builds V2's ``Session.create_tuning_job`` arguments from
the tuner's state (:func:`tuning_job_args`, no I/O) and hands them to the session,
which builds the request (:mod:`sagemaker_estimators.request_builders.tuning`) and sends it.
With a ``LocalSession`` the local SageMaker client runs the search on this machine.
"""
from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple, TypeVar, Union

from sagemaker_estimators import utils
from sagemaker_estimators.job_status import JobHandle
from sagemaker_estimators.tuning import validation as checks
from sagemaker_estimators.tuning.configs import (
    GRID_SEARCH,
    MAX_RUNTIME_IN_SECONDS,
    HyperbandStrategyConfig,
    InstanceConfig,
    StrategyConfig,
    TuningJobCompletionCriteriaConfig,
    WarmStartConfig,
    WarmStartTypes,
)
from sagemaker_estimators.tuning.parameter import (
    CategoricalParameter,
    ContinuousParameter,
    IntegerParameter,
    ParameterRange,
)

if TYPE_CHECKING:
    from sagemaker_estimators.session_like import SessionLike

logger = logging.getLogger(__name__)
_Setting = TypeVar("_Setting")


def _per_estimator(table: Optional[Dict[str, _Setting]]) -> Dict[str, _Setting]:
    """A per-estimator setting of a tuner made with :meth:`HyperparameterTuner.create`
    (empty on a single-estimator tuner, which keeps its settings in the plain attributes)."""
    return table if table is not None else {}

#: image repository of a built-in algorithm -> its V2 estimator class (in module ``sagemaker``)
AMAZON_ESTIMATOR_MODULE = "sagemaker"
AMAZON_ESTIMATOR_CLS_NAMES = {
    "factorization-machines": "FactorizationMachines",
    "kmeans": "KMeans",
    "lda": "LDA",
    "linear-learner": "LinearLearner",
    "ntm": "NTM",
    "randomcutforest": "RandomCutForest",
    "knn": "KNN",
    "object2vec": "Object2Vec",
}
#: this package's module prefixes -> the V2 module path the class is public under
_V2_MODULE_PREFIXES = (
    ("sagemaker_estimators.frameworks.", lambda rest: "sagemaker." + rest),
    ("sagemaker_estimators.estimators.", lambda rest: "sagemaker.estimator"),
    ("sagemaker_estimators.algorithms.", lambda rest: "sagemaker.amazon." + rest.split(".")[0]),
)
TUNED_OBJECTIVE_HYPERPARAMETER = "_tuning_objective_metric"


def v2_module_of(cls: type) -> str:
    """The module V2 code imports ``cls`` from (what V2 sends as ``sagemaker_estimator_module``)."""
    explicit = getattr(cls, "_v2_module", None)
    if explicit:
        return explicit
    module = cls.__module__
    for prefix, mapping in _V2_MODULE_PREFIXES:
        if module.startswith(prefix):
            return mapping(module[len(prefix):])
    return module


def _is_framework(estimator: Any) -> bool:
    from sagemaker_estimators.estimators.framework import Framework

    return isinstance(estimator, Framework)


def _is_algorithm(estimator: Any) -> bool:
    from sagemaker_estimators.algorithms.estimator import AmazonAlgorithmEstimatorBase

    return isinstance(estimator, AmazonAlgorithmEstimatorBase)


def _is_record_input(inputs: Any) -> bool:
    """Record sets of the built-in algorithms, or a list (V2 takes any list for a list of record sets)."""
    from sagemaker_estimators.algorithms.record_set import RECORD_SET_TYPES

    return isinstance(inputs, (list, *RECORD_SET_TYPES))


def _fit_channels(inputs: Any) -> Any:
    """fit()'s inputs as ``Estimator.fit`` takes them: record sets become ``{channel: input}``."""
    if _is_record_input(inputs):
        from sagemaker_estimators.algorithms.record_set import records_channels

        return records_channels(inputs)
    return inputs


def metrics_source(estimator: Any, local_mode: bool) -> str:
    """Who defines the metrics a trial of ``estimator`` reports (see :func:`.validation.check_objective`)."""
    if local_mode:
        return "local"
    if getattr(estimator, "algorithm_arn", None):
        return "service"  # a Marketplace algorithm declares its metrics in its algorithm resource
    image = getattr(estimator, "image_uri", None)
    if not image and (_is_framework(estimator) or _is_algorithm(estimator)):
        try:
            image = estimator.training_image_uri()
        except Exception:  # noqa: BLE001 - an image the registry cannot name is checked by fit() itself
            image = None
    if checks.is_built_in_image(image):
        return "service"
    return "definitions" if _is_framework(estimator) else "unknown"


class TuningJob(JobHandle):
    """A hyperparameter tuning job by name (V2's ``tuner.latest_tuning_job``)."""

    _describe_method = "describe_tuning_job"

    def stop(self) -> None:
        """Ask SageMaker to stop the tuning job."""
        self.sagemaker_session.stop_tuning_job(name=self.job_name)

    def wait(self) -> Dict[str, Any]:
        """Wait until the tuning job ends (raises when it failed)."""
        return self.sagemaker_session.wait_for_tuning_job(self.job_name)


#: V2's private name
_TuningJob = TuningJob


class HyperparameterTuner:
    """Runs a hyperparameter tuning job: many training jobs of ``estimator`` with values from
    ``hyperparameter_ranges``, keeping the one whose ``objective_metric_name`` is best.

    The parameters are V2's (see the V2 documentation of ``sagemaker.tuner.HyperparameterTuner``).
    Settings SageMaker would refuse (reversed ranges, an objective missing from
    ``metric_definitions``, ``max_parallel_jobs > max_jobs``, an unknown strategy ...)
    raise ValueError in ``fit()``, before anything is uploaded or created.
    """

    TUNING_JOB_NAME_MAX_LENGTH = 32
    SAGEMAKER_ESTIMATOR_MODULE = "sagemaker_estimator_module"
    SAGEMAKER_ESTIMATOR_CLASS_NAME = "sagemaker_estimator_class_name"
    DEFAULT_ESTIMATOR_MODULE = "sagemaker.estimator"
    DEFAULT_ESTIMATOR_CLS_NAME = "Estimator"

    def __init__(
        self,
        estimator: Any,
        objective_metric_name: Any,
        hyperparameter_ranges: Optional[Dict[str, ParameterRange]],
        metric_definitions: Optional[List[Dict[str, Any]]] = None,
        strategy: Any = "Bayesian",
        objective_type: Any = "Maximize",
        max_jobs: Any = None,
        max_parallel_jobs: Any = 1,
        max_runtime_in_seconds: Optional[Any] = None,
        tags: Any = None,
        base_tuning_job_name: Optional[str] = None,
        warm_start_config: Optional[WarmStartConfig] = None,
        strategy_config: Optional[StrategyConfig] = None,
        completion_criteria_config: Optional[TuningJobCompletionCriteriaConfig] = None,
        early_stopping_type: Any = "Off",
        estimator_name: Optional[str] = None,
        random_seed: Optional[int] = None,
        autotune: bool = False,
        hyperparameters_to_keep_static: Optional[List[str]] = None,
    ):
        from sagemaker_estimators.validation import format_tags

        if not hyperparameter_ranges and not autotune:
            raise ValueError("Need to specify hyperparameter ranges or set autotune=True.")
        if not autotune and hyperparameters_to_keep_static is not None:
            raise ValueError(
                "hyperparameters_to_keep_static parameter is set, however Autotune mode is not enabled. Either do "
                "not set value for hyperparameters_to_keep_static parameter, or enable Autotune mode by setting "
                "autotune=True."
            )
        if hyperparameters_to_keep_static is not None and (
                len(hyperparameters_to_keep_static) != len(set(hyperparameters_to_keep_static))):
            raise ValueError("Please remove duplicate names in hyperparameters_to_keep_static.")

        self.static_hyperparameters: Optional[Dict[str, str]] = None
        self.static_hyperparameters_dict: Optional[Dict[str, Dict[str, str]]] = None
        self.auto_parameters: Optional[Dict[str, str]] = None
        #: per estimator name: None for an estimator without autotune
        self.auto_parameters_dict: Optional[Dict[str, Optional[Dict[str, str]]]] = None
        if estimator_name is not None:
            self.estimator = None
            self.objective_metric_name = None
            self._hyperparameter_ranges = None
            self.metric_definitions = None
            self.estimator_dict: Optional[Dict[str, Any]] = {estimator_name: estimator}
            self.objective_metric_name_dict: Optional[Dict[str, Any]] = {estimator_name: objective_metric_name}
            self._hyperparameter_ranges_dict: Optional[Dict[str, Any]] = {estimator_name: hyperparameter_ranges}
            self.metric_definitions_dict: Optional[Dict[str, Any]] = (
                {estimator_name: metric_definitions} if metric_definitions is not None else {})
            self.hyperparameters_to_keep_static = None
            self.hyperparameters_to_keep_static_dict: Optional[Dict[str, Any]] = {
                estimator_name: hyperparameters_to_keep_static}
        else:
            self.estimator = estimator
            self.objective_metric_name = objective_metric_name
            self._hyperparameter_ranges = hyperparameter_ranges
            self.metric_definitions = metric_definitions
            self.estimator_dict = None
            self.objective_metric_name_dict = None
            self._hyperparameter_ranges_dict = None
            self.metric_definitions_dict = None
            self.hyperparameters_to_keep_static = hyperparameters_to_keep_static
            self.hyperparameters_to_keep_static_dict = None

        self.strategy = strategy
        self.strategy_config = strategy_config
        self.completion_criteria_config = completion_criteria_config
        self.objective_type = objective_type
        self.max_jobs = max_jobs
        if max_jobs is None and strategy != GRID_SEARCH:
            self.max_jobs = 1
        self.max_parallel_jobs = max_parallel_jobs
        self.max_runtime_in_seconds = max_runtime_in_seconds
        self.tags = format_tags(tags)
        self.base_tuning_job_name = base_tuning_job_name
        self._current_job_name: Optional[str] = None
        self.latest_tuning_job: Optional[TuningJob] = None
        self.warm_start_config = warm_start_config
        self.early_stopping_type = early_stopping_type
        self.random_seed = random_seed
        self.instance_configs_dict: Optional[Dict[str, List[InstanceConfig]]] = None
        self.instance_configs: Optional[List[InstanceConfig]] = None
        self.autotune = autotune
        self._check_algorithm_ranges(estimator, hyperparameter_ranges, "hyperparameter_ranges" if estimator_name is None
                                     else f"hyperparameter_ranges_dict[{estimator_name!r}]")

    @staticmethod
    def _check_algorithm_ranges(estimator: Any, hyperparameter_ranges: Optional[Dict[str, Any]],
                                where: str = "hyperparameter_ranges") -> None:
        """A built-in algorithm's ranges must fit its hyperparameters (checked on construction, as V2 does)."""
        table = getattr(estimator, "_hyperparameter_table", None)
        if table:
            checks.check_ranges_for_algorithm(table, hyperparameter_ranges, where)

    # ---------------------------------------------------------------- estimators
    def _estimators(self) -> Dict[Optional[str], Any]:
        """``{None: estimator}`` for a single-estimator tuner, else the named estimators (sorted)."""
        if self.estimator is not None:
            return {None: self.estimator}
        named = _per_estimator(self.estimator_dict)
        return {name: named[name] for name in sorted(named)}

    def _first_estimator(self) -> Any:
        return next(iter(self._estimators().values()))

    @property
    def sagemaker_session(self) -> SessionLike:
        """The session of the (first) estimator."""
        return self._first_estimator().sagemaker_session

    def override_resource_config(self, instance_configs: Union[List[InstanceConfig], Dict[str, List[InstanceConfig]]]):
        """Offer several instance types/counts (``InstanceConfigs``) instead of the estimator's."""
        if isinstance(instance_configs, dict):
            self._validate_dict_argument("instance_configs", instance_configs, sorted(self.estimator_dict or {}))
            self.instance_configs_dict = instance_configs
        else:
            self.instance_configs = instance_configs
            if self.estimator_dict:
                self.instance_configs_dict = {list(self.estimator_dict)[0]: instance_configs}

    # ---------------------------------------------------------------- checks
    def _validate_before_fit(self) -> None:
        checks.check_choice("strategy", self.strategy, checks.STRATEGIES)
        checks.check_choice("objective_type", self.objective_type, checks.OBJECTIVE_TYPES)
        checks.check_choice("early_stopping_type", self.early_stopping_type, checks.EARLY_STOPPING_TYPES)
        checks.check_limits(self.max_jobs, self.max_parallel_jobs, self.strategy)
        if self.strategy == "Hyperband" and self.strategy_config is not None and not isinstance(
                self.strategy_config, StrategyConfig):
            raise TypeError(f"strategy_config={self.strategy_config!r} must be a StrategyConfig")
        local = bool(getattr(self.sagemaker_session, "local_mode", False))
        for name, estimator in self._estimators().items():
            if name is None:
                ranges, objective, definitions = (self._hyperparameter_ranges, self.objective_metric_name,
                                                  self.metric_definitions)
                suffix = ""
            else:
                ranges = _per_estimator(self._hyperparameter_ranges_dict)[name]
                objective = _per_estimator(self.objective_metric_name_dict)[name]
                definitions = _per_estimator(self.metric_definitions_dict).get(name)
                suffix = f"_dict[{name!r}]"
            checks.check_ranges(ranges, self.strategy, where="hyperparameter_ranges" + suffix)
            checks.check_objective(objective, definitions, metrics_source(estimator, local),
                                   where="objective_metric_name" + suffix)
            if local and self.strategy in ("Bayesian", "Hyperband"):
                from sagemaker_estimators.optional_deps import require_optuna

                require_optuna(self.strategy)
            if local and not utils_is_local(estimator):
                raise ValueError(
                    f"instance_type={estimator.instance_type!r}: a tuner on a LocalSession runs its trials with "
                    "instance_type 'local_process', 'local' or 'local_gpu'"
                )

    # ---------------------------------------------------------------- fit
    def fit(self, inputs: Any = None, job_name: Optional[str] = None,
            include_cls_metadata: Union[bool, Dict[str, bool]] = False,
            estimator_kwargs: Optional[Dict[str, dict]] = None, wait: bool = True, **kwargs: Any) -> None:
        """Start a tuning job (and with ``wait`` follow it to the end).

        ``inputs`` takes the forms of ``Estimator.fit``, or for a built-in algorithm a
        RecordSet or a list of them (``estimator.record_set(...)``), with ``kwargs``
        such as ``mini_batch_size`` for the algorithm's preparation (for a tuner made
        with :meth:`create`: dicts of estimator name to inputs and to
        ``estimator_kwargs``).  ``include_cls_metadata`` adds the estimator's class and
        module as static hyperparameters (always for framework estimators); a dict of
        estimator name to bool for :meth:`create`.
        """
        from sagemaker_estimators.request_builders import training as req

        if job_name is not None:
            utils.validate_name(job_name, "job_name")
        self._validate_before_fit()
        estimators = self._estimators()
        if self.estimator is None:
            names = sorted(_per_estimator(self.estimator_dict))
            self._validate_dict_argument("inputs", inputs, names)
            if isinstance(include_cls_metadata, dict):  # V2 refuses its own default (False) here; a bool applies to all
                self._validate_dict_argument("include_cls_metadata", include_cls_metadata, names)
            self._validate_dict_argument("estimator_kwargs", estimator_kwargs, names)
        per_estimator_inputs, per_estimator_kwargs = {}, {}
        for name, estimator in estimators.items():
            ins = inputs if name is None else (inputs or {}).get(name)
            extra = kwargs if name is None else (estimator_kwargs or {}).get(name) or {}
            per_estimator_inputs[name], per_estimator_kwargs[name] = ins, extra
            channels = _fit_channels(ins)
            req.input_channels(channels, local_mode=self.sagemaker_session.local_mode)
            estimator._check_before_fit(channels)
            self._check_preparation(name, estimator, ins, extra)
        for name, estimator in estimators.items():
            ins, extra = per_estimator_inputs[name], per_estimator_kwargs[name]
            if _is_record_input(ins) and _is_algorithm(estimator):
                # V2 passes neither the job name nor anything but the records and the kwargs here
                estimator._prepare_for_training(ins, **extra)
            else:
                estimator._prepare_for_training(job_name=job_name)
        self._prepare_for_tuning(job_name=job_name, include_cls_metadata=include_cls_metadata)
        roles = {name: est.sagemaker_session.expand_role(est.role) for name, est in estimators.items()}
        args = tuning_job_args(self, per_estimator_inputs if self.estimator is None else inputs, roles)
        self.sagemaker_session.create_tuning_job(**args)
        self.latest_tuning_job = TuningJob(self.sagemaker_session, args["job_name"])
        if wait:
            self.latest_tuning_job.wait()

    @staticmethod
    def _check_preparation(name: Optional[str], estimator: Any, inputs: Any, extra: Dict[str, Any]) -> None:
        """A built-in algorithm fitted on record sets is prepared from them and fit()'s keyword arguments
        (``mini_batch_size``; ``estimator_kwargs`` for :meth:`create`): checked here, before any upload.
        Elsewhere V2 ignores those arguments: one warning."""
        where = "fit() keyword arguments" if name is None else f"estimator_kwargs[{name!r}]"
        if not (_is_record_input(inputs) and _is_algorithm(estimator)):
            if extra:
                logger.warning("%s %s are ignored: only a built-in algorithm fitted on record sets takes them "
                               "(as in V2)", where, sorted(extra))
            return
        unknown = sorted(set(extra) - {"mini_batch_size", "job_name"})
        if unknown:
            raise TypeError(f"{where}: unexpected {unknown} for {type(estimator).__name__}; the preparation "
                            "of a built-in algorithm takes mini_batch_size and job_name")
        if extra.get("job_name") is not None:
            utils.validate_name(extra["job_name"], where + "['job_name']")
        estimator._prepare_records(inputs, extra.get("mini_batch_size"))

    def _prepare_for_tuning(self, job_name: Optional[str] = None,
                            include_cls_metadata: Union[bool, Dict[str, bool]] = False) -> None:
        self._prepare_job_name_for_tuning(job_name)
        self._prepare_static_hyperparameters_for_tuning(include_cls_metadata)
        self._prepare_auto_parameters_for_tuning()
        self._prepare_tags_for_tuning()

    def _prepare_job_name_for_tuning(self, job_name: Optional[str] = None) -> None:
        if job_name is not None:
            self._current_job_name = job_name
            return
        base = self.base_tuning_job_name
        if base is None:
            base = utils.base_name_from_image(self._first_estimator().training_image_uri(), "training-job")
        self._current_job_name = utils.name_from_base(base, max_length=self.TUNING_JOB_NAME_MAX_LENGTH, short=True)

    def _prepare_tags_for_tuning(self) -> None:
        estimator_tags = getattr(self._first_estimator(), "tags", None) or []
        if not estimator_tags:
            return
        if self.tags is None:
            self.tags = []
        for tag in estimator_tags:
            if tag not in self.tags:
                self.tags.append(tag)

    @classmethod
    def _prepare_static_hyperparameters(cls, estimator: Any, hyperparameter_ranges: Optional[Dict[str, Any]],
                                        include_cls_metadata: bool) -> Dict[str, str]:
        """The estimator's hyperparameters as ``str()``, minus the tuned ones, plus class metadata."""
        static = {str(key): _as_text(value) for key, value in (estimator.hyperparameters() or {}).items()}
        for name in hyperparameter_ranges or {}:
            static.pop(name, None)
        if include_cls_metadata or _is_framework(estimator):
            static[cls.SAGEMAKER_ESTIMATOR_CLASS_NAME] = json.dumps(type(estimator).__name__)
            static[cls.SAGEMAKER_ESTIMATOR_MODULE] = json.dumps(v2_module_of(type(estimator)))
        return static

    def _prepare_static_hyperparameters_for_tuning(self, include_cls_metadata: Union[bool, Dict[str, bool]]) -> None:
        self.static_hyperparameters = None
        self.static_hyperparameters_dict = None
        if self.estimator is not None:
            self.static_hyperparameters = self._prepare_static_hyperparameters(
                self.estimator, self._hyperparameter_ranges, bool(include_cls_metadata))
            return
        ranges = _per_estimator(self._hyperparameter_ranges_dict)
        self.static_hyperparameters_dict = {
            name: self._prepare_static_hyperparameters(
                estimator, ranges[name],
                include_cls_metadata.get(name, False) if isinstance(include_cls_metadata, dict)
                else include_cls_metadata)
            for name, estimator in _per_estimator(self.estimator_dict).items()
        }

    def _prepare_auto_parameters(self, static: Dict[str, str], keep_static: Optional[List[str]]
                                 ) -> Tuple[Dict[str, str], Optional[Dict[str, str]]]:
        """(static hyperparameters, auto parameters): with autotune only ``keep_static`` stay static."""
        if not self.autotune:
            return static, None
        keep = set(keep_static or [])
        if not keep <= set(static):
            raise ValueError(
                f"hyperparameters_to_keep_static={sorted(keep)} must be members of the estimator's "
                f"hyperparameters {sorted(static)}"
            )
        return ({key: value for key, value in static.items() if key in keep},
                {key: value for key, value in static.items() if key not in keep})

    def _prepare_auto_parameters_for_tuning(self) -> None:
        self.auto_parameters = None
        self.auto_parameters_dict = None
        if self.estimator is not None:
            self.static_hyperparameters, self.auto_parameters = self._prepare_auto_parameters(
                self.static_hyperparameters or {}, self.hyperparameters_to_keep_static)
            return
        keep = self.hyperparameters_to_keep_static_dict or {}
        static_dict = _per_estimator(self.static_hyperparameters_dict)
        statics: Dict[str, Dict[str, str]] = {}
        autos: Dict[str, Optional[Dict[str, str]]] = {}
        for name in sorted(_per_estimator(self.estimator_dict)):
            statics[name], autos[name] = self._prepare_auto_parameters(static_dict[name], keep.get(name))
        self.static_hyperparameters_dict, self.auto_parameters_dict = statics, autos

    # ---------------------------------------------------------------- ranges
    def hyperparameter_ranges(self) -> Optional[Dict[str, List[Dict[str, Any]]]]:
        """The request's ``ParameterRanges`` of a single-estimator tuner (None for :meth:`create` tuners)."""
        if self._hyperparameter_ranges is None:
            return None
        return self._prepare_parameter_ranges_for_tuning(self._hyperparameter_ranges, self.estimator)

    def hyperparameter_ranges_dict(self) -> Optional[Dict[str, Dict[str, List[Dict[str, Any]]]]]:
        """``ParameterRanges`` per estimator name of a :meth:`create` tuner (None otherwise)."""
        if self._hyperparameter_ranges_dict is None:
            return None
        ranges, estimators = self._hyperparameter_ranges_dict, _per_estimator(self.estimator_dict)
        return {
            name: self._prepare_parameter_ranges_for_tuning(ranges[name], estimators[name])
            for name in sorted(estimators)
        }

    @classmethod
    def _prepare_parameter_ranges_for_tuning(cls, parameter_ranges: Dict[str, Any], estimator: Any):
        framework = _is_framework(estimator)
        processed = {}
        for range_type in ParameterRange.__all_types__:
            entries = []
            for name, parameter in (parameter_ranges or {}).items():
                if parameter is not None and getattr(parameter, "__name__", None) == range_type:
                    if isinstance(parameter, CategoricalParameter) and framework:
                        entries.append(parameter.as_json_range(name))
                    else:
                        entries.append(parameter.as_tuning_range(name))
            processed[range_type + "ParameterRanges"] = entries
        return processed

    # ---------------------------------------------------------------- the job
    def _ensure_last_tuning_job(self) -> TuningJob:
        """The latest tuning job (ValueError when there is none yet)."""
        if self.latest_tuning_job is None:
            raise ValueError("No tuning job available")
        return self.latest_tuning_job

    def wait(self) -> None:
        """Wait for the latest tuning job to end."""
        self._ensure_last_tuning_job().wait()

    def stop_tuning_job(self) -> None:
        """Stop the latest tuning job."""
        self._ensure_last_tuning_job().stop()

    def describe(self) -> Dict[str, Any]:
        """DescribeHyperParameterTuningJob of the latest tuning job."""
        if self._current_job_name is None:
            raise ValueError("No tuning job available")
        return self.sagemaker_session.describe_tuning_job(self._current_job_name)

    def _get_best_training_job(self) -> Dict[str, Any]:
        job = self._ensure_last_tuning_job()
        description = self.sagemaker_session.sagemaker_client.describe_hyper_parameter_tuning_job(
            HyperParameterTuningJobName=job.name)
        best = description.get("BestTrainingJob")
        if not best:
            raise Exception(  # noqa: TRY002 - V2 raises a bare Exception here
                f"Best training job not available for tuning job: {job.name}")
        return best

    def best_training_job(self) -> str:
        """Name of the best training job of the latest tuning job."""
        return self._get_best_training_job()["TrainingJobName"]

    def best_estimator(self, best_training_job: Optional[Dict[str, Any]] = None) -> Any:
        """An estimator attached to the best training job (of the matching estimator class)."""
        if best_training_job is None:
            best_training_job = self._get_best_training_job()
        if self.estimator is not None:
            template = self.estimator
        else:
            template = _per_estimator(self.estimator_dict)[best_training_job["TrainingJobDefinitionName"]]
        return type(template).attach(training_job_name=best_training_job["TrainingJobName"],
                                     sagemaker_session=self.sagemaker_session)

    def deploy(self, initial_instance_count: Optional[int] = None, instance_type: Optional[str] = None,
               serializer: Any = None, deserializer: Any = None, accelerator_type: Optional[str] = None,
               endpoint_name: Optional[str] = None, wait: bool = True, model_name: Optional[str] = None,
               kms_key: Optional[str] = None, data_capture_config: Any = None, **kwargs: Any) -> Any:
        """Deploy the best training job's model; the endpoint is named after the job unless given."""
        best = self._get_best_training_job()
        estimator = self.best_estimator(best)
        return estimator.deploy(
            initial_instance_count=initial_instance_count, instance_type=instance_type, serializer=serializer,
            deserializer=deserializer, accelerator_type=accelerator_type,
            endpoint_name=endpoint_name or best["TrainingJobName"], wait=wait, model_name=model_name,
            kms_key=kms_key, data_capture_config=data_capture_config, **kwargs,
        )

    def delete_endpoint(self, *args: Any, **kwargs: Any) -> None:
        """Removed in V2 ("use predictor.delete_endpoint()"); raises as V2 does."""
        raise NotImplementedError(
            "tuner.delete_endpoint() was removed in SageMaker SDK V2: call predictor.delete_endpoint()."
        )

    def analytics(self) -> Any:
        """HyperparameterTuningJobAnalytics of the latest tuning job."""
        from sagemaker_estimators.tuning.analytics import HyperparameterTuningJobAnalytics

        return HyperparameterTuningJobAnalytics(self._ensure_last_tuning_job().name, self.sagemaker_session)

    @staticmethod
    def visualize_jobs(tuning_jobs: Any, return_dfs: bool = False, job_metrics: Optional[List[str]] = None,
                       trials_only: bool = False, advanced: bool = False) -> None:
        """V2 charts tuning jobs with Altair; not provided here (use ``analytics().dataframe()``)."""
        raise NotImplementedError(
            "visualize_jobs/visualize_job (Altair charts) are not provided by sagemaker-estimators; "
            "tuner.analytics().dataframe() gives the same data as a pandas DataFrame."
        )

    def visualize_job(self, return_dfs: bool = False, job_metrics: Optional[List[str]] = None,
                      trials_only: bool = False, advanced: bool = False) -> None:
        """See :meth:`visualize_jobs`."""
        return HyperparameterTuner.visualize_jobs(self, return_dfs, job_metrics, trials_only, advanced)

    # ---------------------------------------------------------------- warm start
    def transfer_learning_tuner(self, additional_parents: Optional[set] = None, estimator: Any = None):
        """A new tuner that warm-starts from this one (TransferLearning), optionally on another estimator."""
        return self._create_warm_start_tuner(additional_parents, WarmStartTypes.TRANSFER_LEARNING, estimator)

    def identical_dataset_and_algorithm_tuner(self, additional_parents: Optional[set] = None):
        """A new tuner that warm-starts from this one on the same data and algorithm."""
        return self._create_warm_start_tuner(additional_parents, WarmStartTypes.IDENTICAL_DATA_AND_ALGORITHM)

    def _create_warm_start_tuner(self, additional_parents: Optional[set], warm_start_type: WarmStartTypes,
                                 estimator: Any = None) -> "HyperparameterTuner":
        parents = {self._ensure_last_tuning_job().name} | set(additional_parents or ())
        common = dict(
            strategy=self.strategy, strategy_config=self.strategy_config,
            completion_criteria_config=self.completion_criteria_config, objective_type=self.objective_type,
            max_jobs=self.max_jobs, max_parallel_jobs=self.max_parallel_jobs,
            max_runtime_in_seconds=self.max_runtime_in_seconds,
            warm_start_config=WarmStartConfig(warm_start_type=warm_start_type, parents=parents),
            early_stopping_type=self.early_stopping_type, random_seed=self.random_seed,
        )
        if self.estimator is not None:
            # V2 drops metric_definitions here, so a custom image's child job cannot find its objective
            return HyperparameterTuner(
                estimator=estimator or self.estimator, objective_metric_name=self.objective_metric_name,
                hyperparameter_ranges=self._hyperparameter_ranges, metric_definitions=self.metric_definitions,
                **common,
            )
        named = _per_estimator(self.estimator_dict)
        if len(named) > 1:
            raise ValueError("Warm start is not supported currently for tuners with multiple estimators")
        estimator_dict = {list(named)[0]: estimator} if estimator is not None else named
        return HyperparameterTuner.create(
            estimator_dict=estimator_dict, objective_metric_name_dict=_per_estimator(self.objective_metric_name_dict),
            hyperparameter_ranges_dict=_per_estimator(self._hyperparameter_ranges_dict),
            metric_definitions_dict=self.metric_definitions_dict, **common,
        )

    # ---------------------------------------------------------------- several estimators
    @classmethod
    def create(cls, estimator_dict: Dict[str, Any], objective_metric_name_dict: Dict[str, Any],
               hyperparameter_ranges_dict: Dict[str, Dict[str, ParameterRange]],
               metric_definitions_dict: Optional[Dict[str, List[Dict[str, Any]]]] = None,
               base_tuning_job_name: Optional[str] = None, strategy: Any = "Bayesian",
               strategy_config: Optional[StrategyConfig] = None,
               completion_criteria_config: Optional[TuningJobCompletionCriteriaConfig] = None,
               objective_type: Any = "Maximize", max_jobs: Any = None, max_parallel_jobs: Any = 1,
               max_runtime_in_seconds: Any = None, tags: Any = None,
               warm_start_config: Optional[WarmStartConfig] = None, early_stopping_type: Any = "Off",
               random_seed: Optional[int] = None, autotune: bool = False,
               hyperparameters_to_keep_static_dict: Optional[Dict[str, List[str]]] = None) -> "HyperparameterTuner":
        """A tuner over several estimators (one ``TrainingJobDefinitions`` entry each), keyed by name."""
        if not estimator_dict:
            raise ValueError("At least one estimator should be provided")
        if None in estimator_dict:
            raise ValueError("Estimator names cannot be None")
        names = sorted(estimator_dict)
        cls._validate_dict_argument("objective_metric_name_dict", objective_metric_name_dict, names, True)
        cls._validate_dict_argument("hyperparameter_ranges_dict", hyperparameter_ranges_dict, names, True)
        cls._validate_dict_argument("metric_definitions_dict", metric_definitions_dict, names)
        cls._validate_dict_argument("hyperparameters_to_keep_static_dict", hyperparameters_to_keep_static_dict,
                                    names)
        definitions = metric_definitions_dict or {}
        keep_static = hyperparameters_to_keep_static_dict or {}
        first = names[0]
        tuner = HyperparameterTuner(
            base_tuning_job_name=base_tuning_job_name, estimator_name=first, estimator=estimator_dict[first],
            objective_metric_name=objective_metric_name_dict[first],
            hyperparameter_ranges=hyperparameter_ranges_dict[first], metric_definitions=definitions.get(first),
            strategy=strategy, strategy_config=strategy_config,
            completion_criteria_config=completion_criteria_config, objective_type=objective_type,
            max_jobs=max_jobs, max_parallel_jobs=max_parallel_jobs, max_runtime_in_seconds=max_runtime_in_seconds,
            tags=tags, warm_start_config=warm_start_config, early_stopping_type=early_stopping_type,
            random_seed=random_seed, autotune=autotune, hyperparameters_to_keep_static=keep_static.get(first),
        )
        for name in names[1:]:
            tuner._add_estimator(name, estimator_dict[name], objective_metric_name_dict[name],
                                 hyperparameter_ranges_dict[name], definitions.get(name), keep_static.get(name))
        return tuner

    def _add_estimator(self, estimator_name: str, estimator: Any, objective_metric_name: Any,
                       hyperparameter_ranges: Dict[str, ParameterRange],
                       metric_definitions: Optional[List[Dict[str, Any]]] = None,
                       hyperparameters_to_keep_static: Optional[List[str]] = None) -> None:
        self._check_algorithm_ranges(estimator, hyperparameter_ranges,
                                     f"hyperparameter_ranges_dict[{estimator_name!r}]")
        if (self.estimator_dict is None or self.objective_metric_name_dict is None
                or self._hyperparameter_ranges_dict is None or self.hyperparameters_to_keep_static_dict is None
                or self.metric_definitions_dict is None):
            raise ValueError("Only a tuner made with HyperparameterTuner.create() takes more estimators")
        self.estimator_dict[estimator_name] = estimator
        self.objective_metric_name_dict[estimator_name] = objective_metric_name
        self._hyperparameter_ranges_dict[estimator_name] = hyperparameter_ranges
        if hyperparameters_to_keep_static is not None:
            self.hyperparameters_to_keep_static_dict[estimator_name] = hyperparameters_to_keep_static
        if metric_definitions is not None:
            self.metric_definitions_dict[estimator_name] = metric_definitions

    @staticmethod
    def _validate_dict_argument(name: str, value: Any, allowed_keys: List[str], require_same_keys: bool = False):
        if value is None:
            return
        if not isinstance(value, dict):
            raise ValueError(f"Argument '{name}' must be a dictionary using {allowed_keys} as keys")
        keys = sorted(value)
        if require_same_keys and keys != allowed_keys:
            raise ValueError(f"The keys of argument '{name}' must be the same as {allowed_keys}")
        if not require_same_keys and not set(keys) <= set(allowed_keys):
            raise ValueError(f"The keys of argument '{name}' must be a subset of {allowed_keys}")

    # ---------------------------------------------------------------- attach
    @classmethod
    def attach(cls, tuning_job_name: str, sagemaker_session: Optional[SessionLike] = None,
               job_details: Optional[Dict[str, Any]] = None,
               estimator_cls: Union[str, Dict[str, str], None] = None) -> "HyperparameterTuner":
        """A tuner for an existing tuning job, with estimators rebuilt from its training definitions."""
        from sagemaker_estimators.tuning.attach import tuner_from_description

        if sagemaker_session is None:
            from sagemaker_estimators.session import Session

            sagemaker_session = Session()
        if job_details is None:
            job_details = sagemaker_session.sagemaker_client.describe_hyper_parameter_tuning_job(
                HyperParameterTuningJobName=tuning_job_name)
        tuner = tuner_from_description(cls, job_details, sagemaker_session, estimator_cls)
        tuner.latest_tuning_job = TuningJob(sagemaker_session, tuning_job_name)
        tuner._current_job_name = tuning_job_name
        return tuner


def utils_is_local(estimator: Any) -> bool:
    from sagemaker_estimators.image_uris.instances import is_local_instance_type

    return is_local_instance_type(getattr(estimator, "instance_type", None))


def _as_text(value: Any) -> Any:
    if hasattr(value, "to_string") and not isinstance(value, (str, int, float)):
        return value.to_string()
    return str(value)


# ---------------------------------------------------------------- request arguments (pure)
def _training_config(estimator: Any, inputs: Any, role: str, static_hyperparameters: Optional[Dict[str, str]],
                     metric_definitions: Any, instance_configs: Optional[List[InstanceConfig]] = None,
                     estimator_name: Optional[str] = None, objective_type: Any = None,
                     objective_metric_name: Any = None, parameter_ranges: Any = None,
                     auto_parameters: Optional[Dict[str, str]] = None) -> Dict[str, Any]:
    """V2's ``training_config`` for one estimator, read from its state (no I/O)."""
    from sagemaker_estimators.request_builders import training as req
    from sagemaker_estimators.inputs import TrainingInput
    from sagemaker_estimators.request_builders.tuning import hpo_resource_config

    local_mode = estimator.sagemaker_session.local_mode
    input_config = req.input_channels(_fit_channels(inputs), local_mode=local_mode)
    input_config = req.extra_channel(input_config, estimator.model_uri, estimator.model_channel_name, local_mode,
                                     content_type=req.MODEL_CHANNEL_CONTENT_TYPE, input_mode="File")
    input_config = req.extra_channel(input_config, estimator.code_uri, estimator.code_channel_name, local_mode)
    input_mode = estimator.input_mode
    if isinstance(inputs, TrainingInput) and "InputMode" in inputs.config:
        input_mode = inputs.config["InputMode"]
    config: Dict[str, Any] = {
        "input_config": input_config,
        "role": role,
        "output_config": req.output_config(estimator.output_path, estimator.output_kms_key,
                                           estimator.disable_output_compression),
        "stop_condition": req.stop_condition(estimator.max_run, estimator.max_wait),
        "vpc_config": estimator.get_vpc_config(),
        "hpo_resource_config": hpo_resource_config(
            [c.to_input_req() for c in instance_configs] if instance_configs is not None else None,
            estimator.instance_count, estimator.instance_type, estimator.volume_size, estimator.volume_kms_key),
        "input_mode": input_mode,
        "metric_definitions": metric_definitions,
        "enable_network_isolation": estimator.enable_network_isolation(),
        "encrypt_inter_container_traffic": estimator.encrypt_inter_container_traffic,
        "use_spot_instances": estimator.use_spot_instances,
        "checkpoint_s3_uri": estimator.checkpoint_s3_uri,
        "checkpoint_local_path": estimator.checkpoint_local_path,
        "static_hyperparameters": static_hyperparameters,
    }
    algorithm_arn = getattr(estimator, "algorithm_arn", None)
    if algorithm_arn:
        config["algorithm_arn"] = algorithm_arn
    else:
        config["image_uri"] = estimator.training_image_uri()
    for key, value in (("estimator_name", estimator_name), ("objective_type", objective_type),
                       ("objective_metric_name", objective_metric_name), ("parameter_ranges", parameter_ranges),
                       ("auto_parameters", auto_parameters), ("max_retry_attempts", estimator.max_retry_attempts),
                       ("environment", estimator.environment)):
        if value is not None:
            config[key] = value
    return config


def tuning_job_args(tuner: HyperparameterTuner, inputs: Any, roles: Dict[Optional[str], str]) -> Dict[str, Any]:
    """V2's ``Session.create_tuning_job`` keyword arguments for the tuner's prepared state (no I/O).

    ``inputs``: fit()'s inputs (per estimator name for a :meth:`HyperparameterTuner.create` tuner);
    ``roles``: each estimator's role ARN, keyed like ``inputs`` (None for a single estimator).
    """
    tuning_config: Dict[str, Any] = {
        "strategy": tuner.strategy,
        "max_jobs": tuner.max_jobs,
        "max_parallel_jobs": tuner.max_parallel_jobs,
        "early_stopping_type": tuner.early_stopping_type,
    }
    optional = (
        ("max_runtime_in_seconds", tuner.max_runtime_in_seconds),
        ("random_seed", tuner.random_seed),
        ("strategy_config", tuner.strategy_config.to_input_req() if tuner.strategy_config is not None else None),
    )
    tuning_config.update((key, value) for key, value in optional if value is not None)
    if tuner.objective_metric_name is not None:
        tuning_config["objective_type"] = tuner.objective_type
        tuning_config["objective_metric_name"] = tuner.objective_metric_name
    ranges = tuner.hyperparameter_ranges()
    if ranges is not None:
        tuning_config["parameter_ranges"] = ranges
    if tuner.auto_parameters is not None:
        tuning_config["auto_parameters"] = tuner.auto_parameters
    if tuner.completion_criteria_config is not None:
        tuning_config["completion_criteria_config"] = tuner.completion_criteria_config.to_input_req()
    args: Dict[str, Any] = {
        "job_name": tuner._current_job_name,
        "tuning_config": tuning_config,
        "tags": tuner.tags,
        "warm_start_config": tuner.warm_start_config.to_input_req() if tuner.warm_start_config else None,
        "autotune": tuner.autotune,
    }
    if tuner.estimator is not None:
        args["training_config"] = _training_config(
            tuner.estimator, inputs, roles[None], tuner.static_hyperparameters, tuner.metric_definitions,
            tuner.instance_configs)
        return args
    ranges_dict = tuner.hyperparameter_ranges_dict() or {}
    instance_configs = tuner.instance_configs_dict or {}
    autos = tuner.auto_parameters_dict or {}
    estimators, statics = _per_estimator(tuner.estimator_dict), _per_estimator(tuner.static_hyperparameters_dict)
    definitions, objectives = (_per_estimator(tuner.metric_definitions_dict),
                               _per_estimator(tuner.objective_metric_name_dict))
    args["training_config_list"] = [
        _training_config(
            estimators[name], (inputs or {}).get(name), roles[name], statics[name],
            definitions.get(name), instance_configs.get(name), estimator_name=name,
            objective_type=tuner.objective_type, objective_metric_name=objectives[name],
            parameter_ranges=ranges_dict[name], auto_parameters=autos.get(name))
        for name in sorted(estimators)
    ]
    return args


def create_identical_dataset_and_algorithm_tuner(parent: str, additional_parents: Optional[set] = None,
                                                 sagemaker_session: Optional[SessionLike] = None
                                                 ) -> HyperparameterTuner:
    """A warm-start tuner (IdenticalDataAndAlgorithm) from the existing tuning job ``parent``."""
    tuner = HyperparameterTuner.attach(tuning_job_name=parent, sagemaker_session=sagemaker_session)
    return tuner.identical_dataset_and_algorithm_tuner(additional_parents=additional_parents)


def create_transfer_learning_tuner(parent: str, additional_parents: Optional[set] = None, estimator: Any = None,
                                   sagemaker_session: Optional[SessionLike] = None) -> HyperparameterTuner:
    """A warm-start tuner (TransferLearning) from the existing tuning job ``parent``."""
    tuner = HyperparameterTuner.attach(tuning_job_name=parent, sagemaker_session=sagemaker_session)
    return tuner.transfer_learning_tuner(additional_parents=additional_parents, estimator=estimator)


__all__ = [
    "HyperparameterTuner", "TuningJob", "_TuningJob", "WarmStartConfig", "WarmStartTypes", "StrategyConfig",
    "HyperbandStrategyConfig", "InstanceConfig", "TuningJobCompletionCriteriaConfig", "ContinuousParameter",
    "IntegerParameter", "CategoricalParameter", "ParameterRange", "create_identical_dataset_and_algorithm_tuner",
    "create_transfer_learning_tuner", "AMAZON_ESTIMATOR_MODULE", "AMAZON_ESTIMATOR_CLS_NAMES",
    "MAX_RUNTIME_IN_SECONDS", "HyperbandStrategyConfig",
]
