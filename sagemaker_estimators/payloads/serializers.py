"""Serializers: turn the user's data into a request body for ``/invocations``.

Every class keeps the SageMaker Python SDK V2 name, constructor parameters and
defaults, and produces the same body (same bytes, same ``str``/``bytes`` type)
as V2 for the inputs V2 accepts.  Where V2 crashed on an input (numpy scalars
inside a JSON payload, a dict given to ``CSVSerializer`` ...) these either do
the obvious thing or raise a ``ValueError``/``TypeError`` that names the input.

numpy, scipy and pandas are never imported by this module: they are needed only
when the user's data is one of their types (then they are already imported) or
when a serializer must build an array (``NumpySerializer`` on a list), and then
:func:`import_optional` raises an ``ImportError`` that names the package.
"""
from __future__ import annotations

import abc
import csv
import importlib
import io
import json
import sys
from collections.abc import Iterable, Mapping
from types import ModuleType
from typing import Any, Optional

__all__ = [
    "BaseSerializer",
    "SimpleBaseSerializer",
    "CSVSerializer",
    "JSONSerializer",
    "JSONLinesSerializer",
    "NumpySerializer",
    "IdentitySerializer",
    "StringSerializer",
    "LibSVMSerializer",
    "SparseMatrixSerializer",
    "DataSerializer",
    "TorchTensorSerializer",
    "import_optional",
]

_PIP_NAMES = {"sklearn": "scikit-learn", "yaml": "PyYAML"}


def import_optional(module: str, needed_for: str) -> ModuleType:
    """Import an optional dependency, or raise ``ImportError`` naming the package to install.

    Args:
        module: the module to import (``"numpy"``, ``"scipy.sparse"``, ``"pandas"`` ...).
        needed_for: what needs it, for the message (``"NumpySerializer"``).
    """
    try:
        return importlib.import_module(module)
    except ImportError as error:
        top = module.split(".", 1)[0]
        package = _PIP_NAMES.get(top, top)
        raise ImportError(
            f"{needed_for} needs the optional package {package!r}, which is not installed "
            f"in this Python environment ({sys.executable}): run `pip install {package}`."
        ) from error


def _loaded_type(module: str, name: str) -> Optional[type]:
    """``module.name`` if ``module`` is already imported, else None (it cannot be in use then)."""
    loaded = sys.modules.get(module)
    return getattr(loaded, name, None) if loaded is not None else None


def is_ndarray(data: Any) -> bool:
    """True for a numpy array, without importing numpy."""
    ndarray = _loaded_type("numpy", "ndarray")
    return ndarray is not None and isinstance(data, ndarray)


def _is_dataframe(data: Any) -> bool:
    frame = _loaded_type("pandas", "DataFrame")
    return frame is not None and isinstance(data, frame)


def _is_torch_tensor(data: Any) -> bool:
    tensor = _loaded_type("torch", "Tensor")
    return tensor is not None and isinstance(data, tensor)


def _is_readable(data: Any) -> bool:
    return hasattr(data, "read")


_NOT_TEXT = object()


def _text_or_contents(data: Any) -> Any:
    """A ``str`` as it is, a file-like object's contents, else ``_NOT_TEXT``."""
    if isinstance(data, str):
        return data
    if _is_readable(data):
        return data.read()
    return _NOT_TEXT


def json_default(value: Any) -> Any:
    """``json.dumps`` fallback: numpy/torch scalars and arrays become plain Python values."""
    to_list = getattr(value, "tolist", None)
    if callable(to_list):
        return to_list()
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


class BaseSerializer(abc.ABC):
    """A serializer: ``serialize(data)`` returns the request body, ``CONTENT_TYPE`` its MIME type."""

    @abc.abstractmethod
    def serialize(self, data: Any) -> Any:
        """Return ``data`` as a request body (``str``, ``bytes`` or a readable object)."""

    @property
    @abc.abstractmethod
    def CONTENT_TYPE(self) -> str:  # noqa: N802 - V2's name
        """The MIME type sent as the request's ``Content-Type``."""


class SimpleBaseSerializer(BaseSerializer):
    """A serializer whose ``Content-Type`` is given at construction (``content_type``)."""

    def __init__(self, content_type: str = "application/json"):
        """Keep ``content_type`` (a MIME type string such as ``"text/csv"``)."""
        super().__init__()
        if not isinstance(content_type, str):
            raise ValueError(
                f"content_type must be a MIME type string such as 'application/json' or "
                f"'text/csv'; got {content_type!r} ({type(content_type).__name__})."
            )
        self.content_type = content_type

    @property
    def CONTENT_TYPE(self) -> str:  # noqa: N802 - V2's name
        """The MIME type sent as the request's ``Content-Type``."""
        return self.content_type

    def __repr__(self) -> str:
        return f"{type(self).__name__}(content_type={self.content_type!r})"


class CSVSerializer(SimpleBaseSerializer):
    """Rows of values as CSV text: one line per row, rows joined by ``"\\n"``, no trailing newline.

    Accepts a list (one row), a list of lists or 2-D array (several rows), a
    string (sent as it is), a pandas DataFrame (``to_csv`` without header and
    index, as V2) or a file-like object (its ``read()``).
    """

    def __init__(self, content_type: str = "text/csv"):
        """See :class:`SimpleBaseSerializer`."""
        super().__init__(content_type=content_type)

    def serialize(self, data: Any) -> Any:
        """Return ``data`` as CSV text."""
        if _is_readable(data):
            return data.read()
        if _is_dataframe(data):
            return data.to_csv(header=False, index=False)
        if isinstance(data, Mapping):
            raise TypeError(
                f"CSVSerializer cannot serialize a {type(data).__name__}: give a list of values, "
                "a list of rows, an array, a string or a file-like object."
            )
        if self._holds_rows(data):
            return "\n".join(self._row(row) for row in data)
        return self._row(data)

    @staticmethod
    def _indexable(data: Any) -> bool:
        return hasattr(data, "__iter__") and hasattr(data, "__getitem__")

    def _holds_rows(self, data: Any) -> bool:
        # A mutable sequence (list, array) whose first element is itself a sequence.
        if not (self._indexable(data) and hasattr(data, "__setitem__") and hasattr(data, "__len__")):
            return False
        return len(data) > 0 and self._indexable(data[0])

    @staticmethod
    def _row(row: Any) -> str:
        if isinstance(row, str):
            return row
        if is_ndarray(row):
            row = row.flatten()
        if not hasattr(row, "__len__"):
            raise ValueError(f"CSVSerializer cannot serialize a {type(row).__name__} as a CSV row: {row!r}")
        if len(row) == 0:
            raise ValueError("CSVSerializer cannot serialize an empty row or array.")
        out = io.StringIO()
        csv.writer(out).writerow(row)
        return out.getvalue().rstrip("\r\n")


class JSONSerializer(SimpleBaseSerializer):
    """Any JSON-serializable value as JSON text (arrays become nested lists)."""

    def serialize(self, data: Any) -> Any:
        """Return ``data`` as JSON text; a file-like object is read and sent as it is."""
        if isinstance(data, dict):
            data = {key: value.tolist() if is_ndarray(value) else value for key, value in data.items()}
        elif _is_readable(data):
            return data.read()
        elif is_ndarray(data):
            data = data.tolist()
        return json.dumps(data, default=json_default)


class JSONLinesSerializer(SimpleBaseSerializer):
    """An iterable of JSON values as JSON Lines: one value per line, joined by ``"\\n"``."""

    def __init__(self, content_type: str = "application/jsonlines"):
        """See :class:`SimpleBaseSerializer`."""
        super().__init__(content_type=content_type)

    def serialize(self, data: Any) -> Any:
        """Return ``data`` as JSON Lines; a string or file-like object is sent as it is."""
        sent = _text_or_contents(data)
        if sent is not _NOT_TEXT:
            return sent
        if isinstance(data, Iterable):
            return "\n".join(json.dumps(item, default=json_default) for item in data)
        raise ValueError(
            f"JSONLinesSerializer needs a string, a file-like object or an iterable of JSON "
            f"values; got a {type(data).__name__}."
        )


class NumpySerializer(SimpleBaseSerializer):
    """An array (or a list, converted with ``dtype``) in numpy's ``.npy`` format."""

    def __init__(self, dtype: Any = None, content_type: str = "application/x-npy"):
        """``dtype`` applies when a list is converted to an array."""
        super().__init__(content_type=content_type)
        self.dtype = dtype

    def serialize(self, data: Any) -> Any:
        """Return the ``.npy`` bytes of ``data``; a file-like object is read and sent as it is."""
        if is_ndarray(data):
            if data.size == 0:
                raise ValueError("NumpySerializer cannot serialize an empty array.")
            return self._npy(data)
        if isinstance(data, list):
            if not data:
                raise ValueError("NumpySerializer cannot serialize an empty list.")
            return self._npy(self._numpy().array(data, self.dtype))
        if _is_readable(data):
            return data.read()
        return self._npy(self._numpy().array(data))

    @staticmethod
    def _numpy() -> ModuleType:
        return import_optional("numpy", "NumpySerializer")

    def _npy(self, array: Any) -> bytes:
        out = io.BytesIO()
        self._numpy().save(out, array)
        return out.getvalue()


class IdentitySerializer(SimpleBaseSerializer):
    """Sends ``data`` unchanged (raw bytes such as an image file's contents)."""

    def __init__(self, content_type: str = "application/octet-stream"):
        """See :class:`SimpleBaseSerializer`."""
        super().__init__(content_type=content_type)

    def serialize(self, data: Any) -> Any:
        """Return ``data`` unchanged."""
        return data


class StringSerializer(SimpleBaseSerializer):
    """A string encoded as UTF-8 bytes."""

    def __init__(self, content_type: str = "text/plain"):
        """See :class:`SimpleBaseSerializer`."""
        super().__init__(content_type=content_type)

    def serialize(self, data: Any) -> bytes:
        """Return ``data`` (a ``str``) encoded as UTF-8."""
        if not isinstance(data, str):
            raise ValueError(f"StringSerializer needs a str; got a {type(data).__name__}.")
        return data.encode("utf-8")


class LibSVMSerializer(SimpleBaseSerializer):
    """Text already in LibSVM format (``<label> <index>:<value> ...``), sent as it is."""

    def __init__(self, content_type: str = "text/libsvm"):
        """See :class:`SimpleBaseSerializer`."""
        super().__init__(content_type=content_type)

    def serialize(self, data: Any) -> Any:
        """Return ``data`` (a string, or a file-like object's contents)."""
        sent = _text_or_contents(data)
        if sent is not _NOT_TEXT:
            return sent
        raise ValueError(
            f"LibSVMSerializer needs LibSVM text as a str or a file-like object; got a {type(data).__name__}."
        )


class SparseMatrixSerializer(SimpleBaseSerializer):
    """A scipy sparse matrix (csr, csc, bsr, dia or coo) in ``scipy.sparse.save_npz`` format."""

    def __init__(self, content_type: str = "application/x-npz"):
        """See :class:`SimpleBaseSerializer`."""
        super().__init__(content_type=content_type)

    def serialize(self, data: Any) -> bytes:
        """Return the ``.npz`` bytes of the sparse matrix ``data``."""
        sparse = import_optional("scipy.sparse", "SparseMatrixSerializer")
        if not sparse.issparse(data):
            raise ValueError(
                f"SparseMatrixSerializer needs a scipy.sparse matrix or array; got a {type(data).__name__}."
            )
        out = io.BytesIO()
        sparse.save_npz(out, data)
        return out.getvalue()


class DataSerializer(SimpleBaseSerializer):
    """The raw bytes of a file (given by path), of ``bytes``, or of ``{"data": ...}``."""

    def __init__(self, content_type: str = "file-path/raw-bytes"):
        """See :class:`SimpleBaseSerializer`."""
        super().__init__(content_type=content_type)

    def serialize(self, data: Any) -> bytes:
        """Return the bytes ``data`` stands for."""
        while isinstance(data, dict) and "data" in data:
            data = data["data"]
        if isinstance(data, bytes):
            return data
        if isinstance(data, str):
            try:
                with open(data, "rb") as handle:
                    return handle.read()
            except OSError as error:
                raise ValueError(f"DataSerializer could not read the file {data!r}: {error}") from error
        raise ValueError(
            f"DataSerializer needs a file path (str), bytes or a dict with a 'data' key; "
            f"got a {type(data).__name__}."
        )


class TorchTensorSerializer(SimpleBaseSerializer):
    """A ``torch.Tensor`` in numpy's ``.npy`` format (moved to the CPU first)."""

    def __init__(self, content_type: str = "tensor/pt"):
        """See :class:`SimpleBaseSerializer`."""
        super().__init__(content_type=content_type)
        self.numpy_serializer = NumpySerializer()

    def serialize(self, data: Any) -> bytes:
        """Return the ``.npy`` bytes of the tensor ``data``."""
        if not _is_torch_tensor(data):
            raise ValueError(f"TorchTensorSerializer needs a torch.Tensor; got a {type(data).__name__}.")
        return self.numpy_serializer.serialize(data.detach().cpu().numpy())
