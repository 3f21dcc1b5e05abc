"""V2 import path ``sagemaker.sklearn``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.sklearn.estimator import SKLearn

_facade.install()

_MODEL_NAMES = ('SKLearnModel', 'SKLearnPredictor')


def __getattr__(name):
    # the model classes pull in the serving stack: load them on first use only
    if name in _MODEL_NAMES:
        from sagemaker_estimators.frameworks.sklearn import model

        return getattr(model, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["SKLearn", "SKLearnModel", "SKLearnPredictor"]
