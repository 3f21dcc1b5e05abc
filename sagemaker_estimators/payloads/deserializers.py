"""Deserializers: turn an ``/invocations`` response body into Python data.

Every class keeps the SageMaker Python SDK V2 name, constructor parameters,
defaults and ``ACCEPT`` value (always a tuple of MIME types, as in V2), and
returns what V2 returns for the same response.  ``deserialize(stream,
content_type)`` takes a readable stream (botocore's ``StreamingBody`` or any
file-like object) and closes it, except :class:`StreamDeserializer`, which hands
the open stream back to the caller.

:class:`NumpyDeserializer` never unpickles unless ``allow_pickle=True`` is given.
numpy, pandas and torch are imported only by the deserializers that need them,
on first use, with an ``ImportError`` naming the missing package.
"""
from __future__ import annotations

import abc
import csv
import io
import json
from typing import Any, Tuple, Union

from sagemaker_estimators.payloads.serializers import import_optional

__all__ = [
    "BaseDeserializer",
    "SimpleBaseDeserializer",
    "BytesDeserializer",
    "StringDeserializer",
    "StreamDeserializer",
    "CSVDeserializer",
    "JSONDeserializer",
    "JSONLinesDeserializer",
    "NumpyDeserializer",
    "PandasDeserializer",
    "TorchTensorDeserializer",
]

Accept = Union[str, Tuple[str, ...]]


def _media_type(content_type: Any) -> Any:
    """``"text/csv; charset=utf-8"`` -> ``"text/csv"`` (anything else is returned unchanged)."""
    if isinstance(content_type, str):
        return content_type.split(";", 1)[0].strip().lower()
    return content_type


def _read_all(stream: Any) -> bytes:
    """Read the whole stream and close it."""
    try:
        return stream.read()
    finally:
        stream.close()


class BaseDeserializer(abc.ABC):
    """A deserializer: ``deserialize(stream, content_type)`` and the ``ACCEPT`` MIME types."""

    @abc.abstractmethod
    def deserialize(self, stream: Any, content_type: str) -> Any:
        """Return the response body in ``stream`` (of MIME type ``content_type``) as Python data."""

    @property
    @abc.abstractmethod
    def ACCEPT(self) -> Tuple[str, ...]:  # noqa: N802 - V2's name
        """The MIME types this deserializer asks the endpoint for."""


class SimpleBaseDeserializer(BaseDeserializer):
    """A deserializer whose accepted MIME type(s) are given at construction (``accept``)."""

    def __init__(self, accept: Accept = "*/*"):
        """Keep ``accept``: one MIME type or a tuple of them."""
        super().__init__()
        self.accept = accept

    @property
    def ACCEPT(self) -> Tuple[str, ...]:  # noqa: N802 - V2's name
        """The accepted MIME types, always as a tuple."""
        if isinstance(self.accept, str):
            return (self.accept,)
        return self.accept

    def __repr__(self) -> str:
        return f"{type(self).__name__}(accept={self.accept!r})"


class StringDeserializer(SimpleBaseDeserializer):
    """The body decoded as text with ``encoding``."""

    def __init__(self, encoding: str = "UTF-8", accept: Accept = "application/json"):
        """``encoding`` decodes the body."""
        super().__init__(accept=accept)
        self.encoding = encoding

    def deserialize(self, stream: Any, content_type: str) -> str:
        """Return the body as a ``str``."""
        return _read_all(stream).decode(self.encoding)


class BytesDeserializer(SimpleBaseDeserializer):
    """The body as ``bytes``."""

    def deserialize(self, stream: Any, content_type: str) -> bytes:
        """Return the body as ``bytes``."""
        return _read_all(stream)


class CSVDeserializer(SimpleBaseDeserializer):
    """CSV text as a list of rows, each a list of strings."""

    def __init__(self, encoding: str = "utf-8", accept: Accept = "text/csv"):
        """``encoding`` decodes the body."""
        super().__init__(accept=accept)
        self.encoding = encoding

    def deserialize(self, stream: Any, content_type: str) -> list:
        """Return the rows of the CSV body."""
        text = _read_all(stream).decode(self.encoding)
        return [row for row in csv.reader(text.splitlines())]


class StreamDeserializer(SimpleBaseDeserializer):
    """The open stream and its content type, unread; the caller closes the stream."""

    def deserialize(self, stream: Any, content_type: str) -> Tuple[Any, str]:
        """Return ``(stream, content_type)``."""
        return stream, content_type


class NumpyDeserializer(SimpleBaseDeserializer):
    """A ``.npy``/``.npz``, CSV or JSON body as a numpy array.

    ``application/x-npz`` gives numpy's dict-like ``NpzFile`` of arrays. Object
    arrays stored with pickle are refused unless ``allow_pickle=True``.
    """

    def __init__(self, dtype: Any = None, accept: Accept = "application/x-npy", allow_pickle: bool = False):
        """``dtype`` applies to CSV and JSON bodies; ``allow_pickle`` to ``.npy``/``.npz`` ones."""
        super().__init__(accept=accept)
        self.dtype = dtype
        self.allow_pickle = allow_pickle

    def deserialize(self, stream: Any, content_type: str) -> Any:
        """Return the body as an array (or an ``NpzFile`` for ``application/x-npz``)."""
        media_type = _media_type(content_type)
        if media_type not in ("text/csv", "application/json", "application/x-npy", "application/x-npz"):
            stream.close()
            raise ValueError(
                f"NumpyDeserializer cannot read content type {content_type!r}: it reads "
                "'application/x-npy', 'application/x-npz', 'text/csv' and 'application/json'."
            )
        np = import_optional("numpy", "NumpyDeserializer")
        body = _read_all(stream)
        if media_type == "text/csv":
            return np.genfromtxt(io.StringIO(body.decode("utf-8")), delimiter=",", dtype=self.dtype)
        if media_type == "application/json":
            return np.array(json.loads(body.decode("utf-8")), dtype=self.dtype)
        try:
            return np.load(io.BytesIO(body), allow_pickle=self.allow_pickle is True)
        except ValueError as error:
            if "allow_pickle" not in str(error) or self.allow_pickle is True:
                raise
            raise ValueError(
                "The response holds pickled Python objects, which NumpyDeserializer does not load "
                "by default because unpickling runs arbitrary code. If you trust the endpoint, "
                "pass NumpyDeserializer(allow_pickle=True)."
            ) from error


class JSONDeserializer(SimpleBaseDeserializer):
    """A JSON body as Python data."""

    def __init__(self, accept: Accept = "application/json"):
        """See :class:`SimpleBaseDeserializer`."""
        super().__init__(accept=accept)

    def deserialize(self, stream: Any, content_type: str) -> Any:
        """Return the decoded JSON value."""
        return json.loads(_read_all(stream).decode("utf-8"))


class JSONLinesDeserializer(SimpleBaseDeserializer):
    """A JSON Lines body as a list of values, one per line."""

    def __init__(self, accept: Accept = "application/jsonlines"):
        """See :class:`SimpleBaseDeserializer`."""
        super().__init__(accept=accept)

    def deserialize(self, stream: Any, content_type: str) -> list:
        """Return the list of values (an empty body gives an empty list)."""
        text = _read_all(stream).decode("utf-8").rstrip()
        if not text:
            return []
        return [json.loads(line) for line in text.split("\n")]


class PandasDeserializer(SimpleBaseDeserializer):
    """A CSV body (first line is the header) or a JSON body (``columns`` orient) as a DataFrame."""

    def __init__(self, accept: Accept = ("text/csv", "application/json")):
        """See :class:`SimpleBaseDeserializer`."""
        super().__init__(accept=accept)

    def deserialize(self, stream: Any, content_type: str) -> Any:
        """Return a ``pandas.DataFrame``."""
        media_type = _media_type(content_type)
        if media_type not in ("text/csv", "application/json"):
            raise ValueError(
                f"PandasDeserializer cannot read content type {content_type!r}: "
                "it reads 'text/csv' and 'application/json'."
            )
        pandas = import_optional("pandas", "PandasDeserializer")
        if media_type == "text/csv":
            return pandas.read_csv(stream)
        return pandas.read_json(stream)


class TorchTensorDeserializer(SimpleBaseDeserializer):
    """A ``.npy`` body as a ``torch.Tensor``."""

    def __init__(self, accept: Accept = "tensor/pt"):
        """See :class:`SimpleBaseDeserializer`."""
        super().__init__(accept=accept)
        self.numpy_deserializer = NumpyDeserializer()

    def deserialize(self, stream: Any, content_type: str = "tensor/pt") -> Any:
        """Return the tensor held in the ``.npy`` body (whatever ``content_type`` says)."""
        torch = import_optional("torch", "TorchTensorDeserializer")
        array = self.numpy_deserializer.deserialize(stream, "application/x-npy")
        return torch.from_numpy(array)
