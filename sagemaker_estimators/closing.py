"""``CloseOnSuccess``: the ``with`` behaviour of the streaming writers."""
from __future__ import annotations

from typing import Any


class CloseOnSuccess:
    """Mixin for a writer with ``close()`` (finish) and ``abort()`` (drop what is unfinished):
    a ``with`` block that ends normally closes it; one that raises aborts it."""

    def close(self) -> object:
        """Finish the write (a writer may return what it wrote, e.g. an upload its URI)."""
        raise NotImplementedError

    def abort(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Any:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()
