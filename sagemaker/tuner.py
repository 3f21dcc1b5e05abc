"""V2 import path ``sagemaker.tuner`` (implemented in ``sagemaker_estimators.tuning``)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.algorithms.estimator import AmazonAlgorithmEstimatorBase
from sagemaker_estimators.algorithms.record_set import FileSystemRecordSet, RecordSet
from sagemaker_estimators.estimators.base import EstimatorBase
from sagemaker_estimators.estimators.framework import Framework
from sagemaker_estimators.inputs import FileSystemInput, TrainingInput
from sagemaker_estimators.session import Session
from sagemaker_estimators.tuning.analytics import HyperparameterTuningJobAnalytics
from sagemaker_estimators.tuning.configs import (
    BEST_OBJECTIVE_NOT_IMPROVING,
    COMPLETE_ON_CONVERGENCE_DETECTED,
    CONVERGENCE_DETECTED,
    GRID_SEARCH,
    HYPERBAND_MAX_RESOURCE,
    HYPERBAND_MIN_RESOURCE,
    HYPERBAND_STRATEGY_CONFIG,
    HYPERPARAMETER_TUNING_JOB_NAME,
    MAX_NUMBER_OF_TRAINING_JOBS_NOT_IMPROVING,
    MAX_RUNTIME_IN_SECONDS,
    PARENT_HYPERPARAMETER_TUNING_JOBS,
    TARGET_OBJECTIVE_METRIC_VALUE,
    WARM_START_TYPE,
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
from sagemaker_estimators.tuning.tuner import (
    AMAZON_ESTIMATOR_CLS_NAMES,
    AMAZON_ESTIMATOR_MODULE,
    HyperparameterTuner,
    _TuningJob,
    create_identical_dataset_and_algorithm_tuner,
    create_transfer_learning_tuner,
)
from sagemaker_estimators.utils import base_from_name, base_name_from_image, name_from_base
from sagemaker_estimators.validation import format_tags

_facade.install()


__all__ = [
    "HyperparameterTuner", "WarmStartConfig", "WarmStartTypes", "HyperbandStrategyConfig", "StrategyConfig",
    "InstanceConfig", "TuningJobCompletionCriteriaConfig", "ContinuousParameter", "IntegerParameter",
    "CategoricalParameter", "ParameterRange", "create_identical_dataset_and_algorithm_tuner",
    "create_transfer_learning_tuner",
]
