"""V2 import path ``sagemaker.amazon.validation``: the value checks of the algorithms' hyperparameters.

Each returns a callable that tells whether a value passes (``gt(0)(5)`` is True).
"""
from sagemaker_estimators import _facade
from sagemaker_estimators.algorithms.hyperparameters import ge, gt, isin, istype, le, lt

_facade.install()

__all__ = ["gt", "ge", "lt", "le", "isin", "istype"]
