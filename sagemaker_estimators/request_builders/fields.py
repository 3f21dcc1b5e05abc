"""The one rule every request builder shares: optional fields are sent only when given."""
from __future__ import annotations

from typing import Any, Dict, Iterable, Tuple


def set_present(request: Dict[str, Any], fields: Iterable[Tuple[str, Any]]) -> None:
    """Set each ``(key, value)`` of ``fields`` whose value is not None, in order."""
    for key, value in fields:
        if value is not None:
            request[key] = value
