"""V2 import path ``sagemaker.sklearn.estimator``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.sklearn.estimator import SKLearn

_facade.install()

__all__ = ["SKLearn"]
