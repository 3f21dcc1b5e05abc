"""V2 attributes that read from an object's prepared code (``estimator.uploaded_code`` and friends).

V2 rewrites ``entry_point``, ``source_dir``, ``uploaded_code`` and ``code_uri``
on the estimator (``uploaded_code`` and ``repacked_model_data`` on the model)
when it stages code.  Here staging returns a
:class:`~sagemaker_estimators.staging.code.PreparedCode` which the object keeps
(:func:`keep_prepared_code`), and these attributes read from it, so they show
what V2 shows.  Assigning one (the constructor, ``attach()``, a user's script)
sets what it reads until code is prepared again with a value for it; a prepared
value without one (say, nothing uploaded in local mode) leaves what was there,
as V2 leaves the attribute untouched.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from sagemaker_estimators.staging.code import PreparedCode

#: the attribute under which an object keeps its prepared code
PREPARED_CODE_ATTRIBUTE = "_prepared_code"


class PreparedAttribute:
    """A data descriptor: the value assigned last, or else ``read(prepared code)``, or None."""

    def __init__(self, read: Callable[[PreparedCode], Any], doc: Optional[str] = None):
        self.read = read
        self.slot = ""
        self.__doc__ = doc

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = f"_{name}_assigned"

    def __get__(self, instance: Any, owner: Optional[type] = None) -> Any:
        if instance is None:
            return self
        if self.slot in instance.__dict__:
            return instance.__dict__[self.slot]
        prepared = prepared_code_of(instance)
        return None if prepared is None else self.read(prepared)

    def __set__(self, instance: Any, value: Any) -> None:
        instance.__dict__[self.slot] = value


def prepared_code_of(instance: Any) -> Optional[PreparedCode]:
    """The code ``instance`` prepared last (None before any)."""
    return instance.__dict__.get(PREPARED_CODE_ATTRIBUTE)


def keep_prepared_code(instance: Any, prepared: PreparedCode) -> None:
    """Keep ``prepared`` on ``instance``; each of its prepared attributes that ``prepared`` has a
    value for reads that value from now on (until assigned again)."""
    instance.__dict__[PREPARED_CODE_ATTRIBUTE] = prepared
    for klass in type(instance).__mro__:
        for attribute in vars(klass).values():
            if isinstance(attribute, PreparedAttribute) and attribute.read(prepared) is not None:
                instance.__dict__.pop(attribute.slot, None)
