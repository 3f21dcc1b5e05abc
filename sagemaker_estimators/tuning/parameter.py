"""Hyperparameter ranges (``sagemaker.parameter``): what a tuning job may choose from.

The classes keep V2's attributes (``min_value``, ``max_value``, ``scaling_type``,
``values``) and request shapes.  Like V2 they accept anything at construction;
:func:`check_range` refuses, before a tuning job is created, a range that
SageMaker could never run.
"""
from __future__ import annotations

import json
import numbers
from typing import Any, Dict, List, Tuple, Union

#: the scaling types SageMaker knows
SCALING_TYPES = ("Auto", "Linear", "Logarithmic", "ReverseLogarithmic")


def _as_text(value: Any) -> Any:
    """A value as the request carries it: ``str()`` (pipeline variables pass through unchanged)."""
    if hasattr(value, "to_string") and not isinstance(value, (str, numbers.Number)):
        return value.to_string()
    return str(value)


class ParameterRange:
    """A numeric range ``[min_value, max_value]`` with a scaling type (V2's base class)."""

    __all_types__ = ("Continuous", "Categorical", "Integer")
    __name__ = "ParameterRange"
    #: scaling types this kind of range may take
    _scaling_types: Tuple[str, ...] = SCALING_TYPES

    def __init__(self, min_value: Union[int, float, Any], max_value: Union[int, float, Any],
                 scaling_type: Union[str, Any] = "Auto"):
        self.min_value = min_value
        self.max_value = max_value
        self.scaling_type = scaling_type

    def is_valid(self, value: Any) -> bool:
        """Whether ``value`` lies inside the range."""
        return self.min_value <= value <= self.max_value

    @classmethod
    def cast_to_type(cls, value: Any) -> Any:
        """``value`` as this range's type."""
        return float(value)

    def as_tuning_range(self, name: str) -> Dict[str, Any]:
        """The request entry for hyperparameter ``name``."""
        return {
            "Name": name,
            "MinValue": _as_text(self.min_value),
            "MaxValue": _as_text(self.max_value),
            "ScalingType": self.scaling_type,
        }

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.min_value!r}, {self.max_value!r}, scaling_type={self.scaling_type!r})"


class ContinuousParameter(ParameterRange):
    """A range of real numbers."""

    __name__ = "Continuous"

    @classmethod
    def cast_to_type(cls, value: Any) -> float:
        return float(value)


class IntegerParameter(ParameterRange):
    """A range of integers (SageMaker has no reverse-logarithmic scaling for integers)."""

    __name__ = "Integer"
    _scaling_types = ("Auto", "Linear", "Logarithmic")

    @classmethod
    def cast_to_type(cls, value: Any) -> int:
        return int(value)


class CategoricalParameter(ParameterRange):
    """A set of values, each sent as its ``str()`` (framework estimators JSON-encode them too)."""

    __name__ = "Categorical"

    def __init__(self, values: Union[List[Any], Any]):  # pylint: disable=super-init-not-called
        values = values if isinstance(values, list) else [values]
        self.values = [_as_text(value) for value in values]

    def as_tuning_range(self, name: str) -> Dict[str, Any]:
        return {"Name": name, "Values": self.values}

    def as_json_range(self, name: str) -> Dict[str, Any]:
        """The entry for framework estimators, whose containers JSON-decode every hyperparameter."""
        return {"Name": name, "Values": [json.dumps(value) for value in self.values]}

    def is_valid(self, value: Any) -> bool:
        return value in self.values

    @classmethod
    def cast_to_type(cls, value: Any) -> str:
        return str(value)

    def __repr__(self) -> str:
        return f"CategoricalParameter({self.values!r})"


def _number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def check_range(name: str, parameter: Any, where: str = "hyperparameter_ranges") -> None:
    """Refuse a range SageMaker rejects, naming the hyperparameter, the value and the choices.

    Pipeline variables and other non-numbers are left to the service.
    """
    label = f"{where}[{name!r}]"
    if not isinstance(parameter, ParameterRange):
        raise TypeError(
            f"{label}={parameter!r} must be a ContinuousParameter, IntegerParameter or CategoricalParameter"
        )
    if isinstance(parameter, CategoricalParameter):
        if not parameter.values:
            raise ValueError(f"{label}: a CategoricalParameter needs at least one value")
        return
    scaling = parameter.scaling_type
    if isinstance(scaling, str) and scaling not in parameter._scaling_types:
        raise ValueError(
            f"{label}: scaling_type={scaling!r} is not valid for {type(parameter).__name__}; "
            f"valid choices: {list(parameter._scaling_types)}"
        )
    low, high = parameter.min_value, parameter.max_value
    if not (_number(low) and _number(high)):
        return
    if low > high:
        raise ValueError(f"{label}: min_value={low!r} is greater than max_value={high!r}")
    if scaling == "Logarithmic" and low <= 0:
        raise ValueError(f"{label}: Logarithmic scaling needs min_value > 0, got min_value={low!r}")
    if scaling == "ReverseLogarithmic" and not (0 <= low and high < 1):
        raise ValueError(
            f"{label}: ReverseLogarithmic scaling needs 0 <= min_value and max_value < 1, "
            f"got [{low!r}, {high!r}]"
        )
