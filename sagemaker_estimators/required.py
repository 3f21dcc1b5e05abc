"""``required``: a value that an earlier check or step guarantees is set, typed as set.

Job objects keep V2's optional attributes (``image_uri``, ``instance_type``,
``entry_point`` ...) and check them before a job starts; code that runs after the
check reads them through :func:`required`, which turns "cannot be None here" into a
checked fact instead of an assumption (a clear ValueError if it ever is None).
"""
from __future__ import annotations

from typing import Optional, TypeVar

_Value = TypeVar("_Value")


def required(value: Optional[_Value], name: str) -> _Value:
    """``value``; ValueError naming ``name`` when it is None."""
    if value is None:
        raise ValueError(f"{name} is required here but is not set")
    return value


__all__ = ["required"]
