"""V2 import path ``sagemaker.estimator`` (implemented in ``sagemaker_estimators``)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.estimators.base import VPC_CONFIG_DEFAULT, Estimator, EstimatorBase
from sagemaker_estimators.estimators.framework import Framework
from sagemaker_estimators.estimators.training_job import TrainingJob, _TrainingJob

_facade.install()

__all__ = ["Estimator", "EstimatorBase", "Framework", "TrainingJob", "_TrainingJob", "VPC_CONFIG_DEFAULT"]
