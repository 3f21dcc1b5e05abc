"""V2 import path ``sagemaker.sklearn.model`` (implemented in ``sagemaker_estimators.frameworks.sklearn.model``)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.sklearn.model import SKLearnModel, SKLearnPredictor

_facade.install()

__all__ = ["SKLearnModel", "SKLearnPredictor"]
