"""The search space of a tuning request: its ``ParameterRanges`` as dimensions with sampling rules."""
from __future__ import annotations

import math
import random
from typing import Any, Dict, List, Optional, Tuple

import attrs


@attrs.frozen
class Dimension:
    """One tuned hyperparameter: a numeric range (with scaling) or categorical values (as sent)."""

    name: str
    kind: str  # "Continuous", "Integer" or "Categorical"
    low: float = 0.0
    high: float = 0.0
    scaling: str = "Auto"
    values: Tuple[str, ...] = ()

    def sample(self, rng: random.Random) -> Any:
        """A random value inside the range (log-uniform for Logarithmic, towards 1 for ReverseLogarithmic)."""
        if self.kind == "Categorical":
            return rng.choice(self.values)
        if self.scaling == "Logarithmic":
            value = math.exp(rng.uniform(math.log(self.low), math.log(self.high)))
        elif self.scaling == "ReverseLogarithmic":
            value = 1.0 - math.exp(rng.uniform(math.log(1.0 - self.high), math.log(1.0 - self.low)))
        else:
            value = rng.uniform(self.low, self.high)
        if self.kind == "Integer":
            return min(max(int(round(value)), int(self.low)), int(self.high))
        return min(max(value, self.low), self.high)

    def text(self, value: Any) -> str:
        """The value as SageMaker passes it to the training job."""
        if self.kind == "Categorical":
            return str(value)
        if self.kind == "Integer":
            return str(int(value))
        return repr(float(value))


def _number(entry: Dict[str, Any], key: str, name: str) -> float:
    try:
        return float(entry[key])
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"ParameterRanges: {name!r} needs a numeric {key}, got {entry.get(key)!r}") from error


def dimensions(parameter_ranges: Optional[Dict[str, Any]]) -> List[Dimension]:
    """The dimensions of a request's ``ParameterRanges`` (AutoParameters are refused: local mode has
    no service to pick their ranges)."""
    parameter_ranges = parameter_ranges or {}
    if parameter_ranges.get("AutoParameters"):
        raise ValueError(
            "Autotune (AutoParameters) is not supported in local mode: SageMaker picks those ranges. "
            "Give hyperparameter_ranges instead of autotune=True."
        )
    found: List[Dimension] = []
    for entry in parameter_ranges.get("ContinuousParameterRanges") or []:
        found.append(Dimension(entry["Name"], "Continuous", _number(entry, "MinValue", entry["Name"]),
                               _number(entry, "MaxValue", entry["Name"]), entry.get("ScalingType", "Auto")))
    for entry in parameter_ranges.get("IntegerParameterRanges") or []:
        found.append(Dimension(entry["Name"], "Integer", _number(entry, "MinValue", entry["Name"]),
                               _number(entry, "MaxValue", entry["Name"]), entry.get("ScalingType", "Auto")))
    for entry in parameter_ranges.get("CategoricalParameterRanges") or []:
        found.append(Dimension(entry["Name"], "Categorical", values=tuple(entry["Values"])))
    if not found:
        raise ValueError("ParameterRanges: a tuning job needs at least one hyperparameter range")
    return found
