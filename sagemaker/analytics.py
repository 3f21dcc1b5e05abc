"""V2 import path ``sagemaker.analytics`` (implemented in ``sagemaker_estimators.tuning.analytics``)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.session import Session
from sagemaker_estimators.tuning.analytics import (
    METRICS_PERIOD_DEFAULT,
    AnalyticsMetricsBase,
    ArtifactAnalytics,
    ExperimentAnalytics,
    HyperparameterTuningJobAnalytics,
    TrainingJobAnalytics,
)

_facade.install()

__all__ = [
    "AnalyticsMetricsBase", "ArtifactAnalytics", "HyperparameterTuningJobAnalytics", "TrainingJobAnalytics",
    "ExperimentAnalytics",
    "METRICS_PERIOD_DEFAULT",
]
