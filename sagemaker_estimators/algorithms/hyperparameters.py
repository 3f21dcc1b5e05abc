"""Built-in algorithm hyperparameters, declared once per algorithm as a table.

Each algorithm class lists its hyperparameters in ``HYPERPARAMETERS``: attribute
(= constructor argument) name, type, range or choice checks, the usage text V2
shows, and the name the algorithm reads when it differs (KMeans' ``max_iterations``
is sent as ``local_lloyd_max_iter``).  That table drives everything:

* assignment (constructor or ``estimator.epochs = 5``) converts the value to the
  type and checks it, raising ValueError/TypeError that names the attribute, the
  value and what is expected - at the moment V2 raises, since V2 validates on
  assignment too;
* :func:`serialize_all` renders the request's ``HyperParameters`` (``None``
  values left out, lists as JSON, the rest with ``str()``, as V2 does);
* :func:`init_params_from_job` maps a training job's hyperparameters back to
  constructor arguments for ``attach()``.
"""
from __future__ import annotations

import json
import logging
from typing import Any, Callable, Dict, Iterable, Mapping, Optional, Tuple

import attrs

logger = logging.getLogger(__name__)


@attrs.frozen
class Check:
    """One condition a value must meet."""

    test: Callable[[Any], bool]
    text: str

    def __call__(self, value: Any) -> bool:
        """Whether ``value`` meets the condition (V2's validators are plain callables)."""
        return self.test(value)


def gt(minimum: float) -> Check:
    """value > minimum."""
    return Check(lambda value: value > minimum, f"> {minimum}")


def ge(minimum: float) -> Check:
    """value >= minimum."""
    return Check(lambda value: value >= minimum, f">= {minimum}")


def lt(maximum: float) -> Check:
    """value < maximum."""
    return Check(lambda value: value < maximum, f"< {maximum}")


def le(maximum: float) -> Check:
    """value <= maximum."""
    return Check(lambda value: value <= maximum, f"<= {maximum}")


def isin(*choices: Any) -> Check:
    """value is one of ``choices``."""
    return Check(lambda value: value in choices, "one of " + ", ".join(repr(c) for c in choices))


def istype(expected: Any) -> Check:
    """value is an instance of ``expected`` (a type or a tuple of types)."""
    names = expected.__name__ if isinstance(expected, type) else ", ".join(t.__name__ for t in expected)
    return Check(lambda value: isinstance(value, expected), f"an instance of {names}")


def comma_subset(*choices: str) -> Check:
    """value is a comma-separated list of some of ``choices``."""
    def test(value: Any) -> bool:
        return isinstance(value, str) and {part.strip() for part in value.split(",")} <= set(choices)

    return Check(test, "a comma-separated list of " + ", ".join(choices))


_TRUE_TEXT = {"true": True, "false": False}


def _to_bool(value: Any) -> bool:
    # V2 applies bool() to anything, so the text "False" (what attach() reads back) became True
    if isinstance(value, str) and value.strip().lower() in _TRUE_TEXT:
        return _TRUE_TEXT[value.strip().lower()]
    return bool(value)


def _to_list(value: Any) -> list:
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            return list(json.loads(text))  # as sent in a request, and read back by attach()
        return [part.strip() for part in text.split(",")]  # V2 made a list of characters
    return list(value)


def _to_int(value: Any) -> int:
    number = int(value)
    if isinstance(value, float) and number != value:
        logger.warning("Hyperparameter value %r is not a whole number: %d is sent (as V2 does).", value, number)
    return number


_CONVERTERS: Dict[type, Callable[[Any], Any]] = {int: _to_int, float: float, str: str, bool: _to_bool, list: _to_list}


@attrs.frozen
class Hyperparameter:
    """One algorithm hyperparameter: how it is named, converted, checked and sent."""

    attribute: str
    data_type: type = str
    checks: Tuple[Check, ...] = ()
    expecting: str = ""
    wire_name: Optional[str] = None

    @property
    def name(self) -> str:
        """The name the algorithm reads (the request's HyperParameters key)."""
        return self.wire_name or self.attribute

    def _label(self) -> str:
        return self.attribute if self.name == self.attribute else f"{self.attribute} (sent as {self.name})"

    def _expecting(self) -> str:
        return self.expecting or " and ".join(check.text for check in self.checks) or self.data_type.__name__

    def convert(self, value: Any) -> Any:
        """``value`` as this hyperparameter's type, checked (None stays None: it is not sent)."""
        if value is None:
            return None
        try:
            converted = _CONVERTERS[self.data_type](value)
        except (TypeError, ValueError) as error:
            raise type(error)(
                f"Invalid hyperparameter value {value!r} for {self._label()}: cannot be read as "
                f"{self.data_type.__name__}. Expecting: {self._expecting()}"
            ) from None
        for check in self.checks:
            try:
                passed = check.test(converted)
            except TypeError:
                passed = False
            if not passed:
                raise ValueError(f"Invalid hyperparameter value {value!r} for {self._label()}. "
                                 f"Expecting: {self._expecting()}")
        return converted

    @staticmethod
    def serialize(value: Any) -> str:
        """The request's text for a value: JSON for lists, ``str()`` otherwise (V2's rules)."""
        return json.dumps(value) if isinstance(value, list) else str(value)


class HyperparameterAttribute:
    """The descriptor that makes a table entry an attribute: validated on set, read from ``_hyperparameters``."""

    def __init__(self, spec: Hyperparameter):
        self.spec = spec

    def __get__(self, instance: Any, owner: type) -> Any:
        if instance is None:
            return self
        values = instance.__dict__.get("_hyperparameters", {})
        if self.spec.name not in values:
            raise AttributeError(f"{owner.__name__}.{self.spec.attribute} is not set")
        return values[self.spec.name]

    def __set__(self, instance: Any, value: Any) -> None:
        converted = self.spec.convert(value)
        instance.__dict__.setdefault("_hyperparameters", {})[self.spec.name] = converted

    def __delete__(self, instance: Any) -> None:
        instance.__dict__.get("_hyperparameters", {}).pop(self.spec.name, None)


def table(*entries: Hyperparameter) -> Tuple[Hyperparameter, ...]:
    """An algorithm's hyperparameter table (attribute names must be unique)."""
    seen = set()
    for entry in entries:
        if entry.attribute in seen:
            raise ValueError(f"hyperparameter {entry.attribute!r} declared twice")
        seen.add(entry.attribute)
    return tuple(entries)


def merged(base: Iterable[Hyperparameter], own: Iterable[Hyperparameter]) -> Tuple[Hyperparameter, ...]:
    """A class's full table: its base's entries, replaced or extended by its own."""
    result = {entry.attribute: entry for entry in base}
    result.update({entry.attribute: entry for entry in own})
    return tuple(result.values())


def serialize_all(values: Mapping[str, Any]) -> Dict[str, str]:
    """The request's HyperParameters from ``{name: value}`` (None values are not sent)."""
    return {name: Hyperparameter.serialize(value) for name, value in values.items() if value is not None}


def init_params_from_job(specs: Iterable[Hyperparameter], job_hyperparameters: Mapping[str, str]) -> Dict[str, str]:
    """``{attribute: text}`` for every table entry the job's hyperparameters hold (attach())."""
    return {spec.attribute: job_hyperparameters[spec.name] for spec in specs if spec.name in job_hyperparameters}
