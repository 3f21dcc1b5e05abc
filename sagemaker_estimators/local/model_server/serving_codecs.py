"""Request decoding and response encoding of the local model server's default handlers.

These are the container side of the wire, as the SageMaker inference toolkits
implement it: ``application/json``, ``text/csv`` and ``application/x-npy`` bodies
become numpy arrays, and predictions are encoded back to the ``Accept``-ed type.
Standard library only, numpy imported when a body needs it (the module runs in a
serving container or in the user's environment).
"""
from __future__ import annotations

import io
import json
from typing import Any, List, Optional, Tuple

from sagemaker_estimators.exceptions import SageMakerEstimatorsError
from sagemaker_estimators.payloads.serializers import import_optional, is_ndarray, json_default

JSON = "application/json"
CSV = "text/csv"
NPY = "application/x-npy"
LIBSVM = "text/libsvm"
JSONLINES = "application/jsonlines"
ANY = "*/*"

#: content types whose body the sklearn/xgboost toolkits hand to ``input_fn`` as ``str``
TEXT_TYPES = frozenset({JSON, CSV, LIBSVM, JSONLINES})


class UnsupportedFormatError(SageMakerEstimatorsError):
    """A content type or accept type the handler cannot read or write: HTTP 415."""

    status = 415


def media_type(header: Optional[str]) -> str:
    """``"text/csv; charset=utf-8"`` -> ``"text/csv"``; ``None`` -> ``""``."""
    if not header:
        return ""
    return header.split(";", 1)[0].strip().lower()


def accepted_types(header: Optional[str], default: str) -> List[str]:
    """The media types of an ``Accept`` header in order, ``*/*`` and absence meaning ``default``."""
    types = [media_type(part) for part in (header or "").split(",")]
    types = [default if kind in ("", ANY) else kind for kind in types]
    return types or [default]


def choose_accept(header: Optional[str], default: str, supported: Tuple[str, ...]) -> str:
    """The first type in ``header`` that is ``supported``; 415 when there is none."""
    for kind in accepted_types(header, default):
        if kind in supported:
            return kind
    raise UnsupportedFormatError(
        f"Accept {header!r} is not supported: this model server can answer with {', '.join(supported)}."
    )


def _numpy():
    return import_optional("numpy", "the model server's default input/output handling")


def _text(body: Any) -> str:
    return body.decode("utf-8") if isinstance(body, (bytes, bytearray)) else str(body)


def _rows_from_csv(text: str) -> Any:
    np = _numpy()
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise ValueError("the text/csv request body is empty")
    array = np.genfromtxt(io.StringIO("\n".join(lines)), delimiter=",", dtype=float)
    # one line is one row; several one-value lines are one column
    return array.reshape(1, -1) if len(lines) == 1 else array.reshape(len(lines), -1)


def decode(body: Any, content_type: str) -> Any:
    """A JSON, CSV or ``.npy`` request body as a numpy array (415 for any other type)."""
    kind = media_type(content_type)
    if kind == JSON:
        return _numpy().array(json.loads(_text(body)))
    if kind == CSV:
        return _rows_from_csv(_text(body))
    if kind == NPY:
        return _numpy().load(io.BytesIO(bytes(body)), allow_pickle=False)
    raise UnsupportedFormatError(
        f"Content type {content_type!r} is not supported by the default input_fn: "
        f"send {JSON}, {CSV} or {NPY}, or define input_fn in the inference script."
    )


def encode(prediction: Any, accept: str) -> bytes:
    """``prediction`` encoded as ``accept`` (JSON, CSV or ``.npy``; 415 for any other type)."""
    if accept == JSON:
        if is_ndarray(prediction):
            prediction = prediction.tolist()
        return json.dumps(prediction, default=json_default).encode("utf-8")
    if accept == CSV:
        np = _numpy()
        array = np.asarray(prediction)
        if array.ndim == 0:
            array = array.reshape(1)
        rows = array.reshape(len(array), -1) if array.ndim > 1 else array.reshape(-1, 1)
        return "".join(",".join(str(value) for value in row) + "\n" for row in rows).encode("utf-8")
    if accept == NPY:
        np = _numpy()
        out = io.BytesIO()
        np.save(out, np.asarray(prediction), allow_pickle=False)
        return out.getvalue()
    raise UnsupportedFormatError(f"Accept {accept!r} is not supported by the default output_fn")


def parse_libsvm(text: str) -> Any:
    """LibSVM rows (``label idx:value ...``; the label may be left out) as a dense float array, NaN for absent."""
    np = _numpy()
    rows = []
    width = 0
    for line in text.splitlines():
        tokens = line.split("#", 1)[0].split()
        if not tokens:
            continue
        if ":" not in tokens[0]:
            tokens = tokens[1:]
        row = {}
        for token in tokens:
            column, _, text = token.partition(":")
            row[int(column)] = float(text)
        rows.append(row)
        width = max([width] + [index + 1 for index in row])
    array = np.full((len(rows), width), np.nan)
    for number, row in enumerate(rows):
        for index, value in row.items():
            array[number, index] = value
    return array
