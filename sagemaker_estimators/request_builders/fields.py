"""The one rule every request builder shares: optional fields are sent only when given.

A field is named by its path from the top of the request (``("ResourceConfig",
"VolumeKmsKeyId")``); :func:`set_at` creates the dicts on the way and
:func:`read_at` reads the same path back from a Describe response.
"""
from __future__ import annotations

from typing import Any, Dict, Iterable, Mapping, Sequence, Tuple


class _Missing:
    """The type of :data:`MISSING` (compare with ``is``)."""

    def __repr__(self) -> str:
        return "MISSING"


#: what :func:`read_at` returns for a path the document does not have
MISSING = _Missing()


def set_present(request: Dict[str, Any], fields: Iterable[Tuple[str, Any]]) -> None:
    """Set each ``(key, value)`` of ``fields`` whose value is not None, in order."""
    for key, value in fields:
        if value is not None:
            request[key] = value


def set_at(request: Dict[str, Any], path: Sequence[str], value: Any) -> None:
    """Set ``value`` at ``path`` in ``request``, creating the dicts on the way."""
    node = request
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = value


def read_at(document: Mapping[str, Any], path: Sequence[str]) -> Any:
    """The value at ``path`` in ``document``, or :data:`MISSING` when any key on the way is absent."""
    node: Any = document
    for key in path:
        if not isinstance(node, Mapping) or key not in node:
            return MISSING
        node = node[key]
    return node
