"""V2 import path ``sagemaker.parameter`` (implemented in ``sagemaker_estimators.tuning.parameter``)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.tuning.parameter import (
    CategoricalParameter,
    ContinuousParameter,
    IntegerParameter,
    ParameterRange,
)

_facade.install()

__all__ = ["CategoricalParameter", "ContinuousParameter", "IntegerParameter", "ParameterRange"]
