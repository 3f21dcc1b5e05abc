"""V2 import path ``sagemaker.xgboost``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.frameworks.xgboost.estimator import XGBoost

_facade.install()

_MODEL_NAMES = ('XGBoostModel', 'XGBoostPredictor')


def __getattr__(name):
    # the model classes pull in the serving stack: load them on first use only
    if name in _MODEL_NAMES:
        from sagemaker_estimators.frameworks.xgboost import model

        return getattr(model, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["XGBoost", "XGBoostModel", "XGBoostPredictor"]
