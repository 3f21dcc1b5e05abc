"""The table of RecordIO-protobuf writer inputs compared byte for byte against SDK V2.

Shared by ``tools/record_v2_recordio.py`` (run with V2's Python: records the bytes
V2 writes, and what V2's ``read_records`` parses out of them, into
``tests/algorithms/fixtures/v2_recordio.json``) and by
``tests/algorithms/test_recordio.py`` (runs ours over the same table).  It must
import under both environments: the standard library only, numpy and scipy
imported by :func:`build` when a case runs.

Each case names a writer (``dense``, ``sparse``, ``serializer``) and its inputs as
JSON literals: ``{"$nd": rows, "dtype": ...}`` builds a numpy array,
``{"$sparse": format, "shape", "rows", "cols", "data", "dtype"}`` a scipy sparse
matrix from (row, col, value) triplets, in the given order (duplicates and
unsorted entries included, to pin down how V2 walks them).
"""
from __future__ import annotations

from typing import Any, Dict, List

INF = "$inf"
NEG_INF = "$-inf"
NAN = "$nan"


def nd(rows: Any, dtype: str) -> Dict[str, Any]:
    """An ndarray literal."""
    return {"$nd": rows, "dtype": dtype}


def sparse(fmt: str, shape: List[int], triplets: List[List[Any]], dtype: str) -> Dict[str, Any]:
    """A scipy sparse matrix literal from (row, col, value) triplets."""
    return {
        "$sparse": fmt,
        "shape": shape,
        "rows": [t[0] for t in triplets],
        "cols": [t[1] for t in triplets],
        "data": [t[2] for t in triplets],
        "dtype": dtype,
    }


def _number(value: Any) -> Any:
    return {INF: float("inf"), NEG_INF: float("-inf"), NAN: float("nan")}.get(value, value)


def _numbers(value: Any) -> Any:
    if isinstance(value, list):
        return [_numbers(item) for item in value]
    return _number(value)


def build(value: Any) -> Any:
    """The Python value a literal stands for (imports numpy/scipy when needed)."""
    if isinstance(value, dict) and "$nd" in value:
        import numpy as np

        return np.array(_numbers(value["$nd"]), dtype=value["dtype"])
    if isinstance(value, dict) and "$sparse" in value:
        import numpy as np
        from scipy import sparse as sp

        data = np.array(_numbers(value["data"]), dtype=value["dtype"])
        coo = sp.coo_matrix((data, (value["rows"], value["cols"])), shape=tuple(value["shape"]))
        return {"coo": coo, "csr": coo.tocsr(), "csc": coo.tocsc()}[value["$sparse"]]
    return value


FLOATS = [[1.5, -2.25, 0.0, 3.0], [-0.0, 1e-45, 3.4028234663852886e38, 0.1], [INF, NEG_INF, NAN, 7.0]]
INTS = [[0, 1, -1, 127], [128, -129, 2147483647, -2147483648], [300, 16384, -16384, 5]]

#: id, writer, array, labels (optional)
CASES: List[Dict[str, Any]] = [
    {"id": "dense-float32", "writer": "dense", "array": nd(FLOATS, "float32")},
    {"id": "dense-float64", "writer": "dense", "array": nd(FLOATS, "float64")},
    {"id": "dense-int64", "writer": "dense", "array": nd(INTS, "int64")},
    {"id": "dense-float32-labels-float32", "writer": "dense", "array": nd(FLOATS, "float32"),
     "labels": nd([0.0, 1.0, 0.5], "float32")},
    {"id": "dense-float32-labels-float64", "writer": "dense", "array": nd(FLOATS, "float32"),
     "labels": nd([0.0, 1.0, -2.5], "float64")},
    {"id": "dense-float64-labels-int64", "writer": "dense", "array": nd(FLOATS, "float64"),
     "labels": nd([0, 1, -7], "int64")},
    {"id": "dense-int64-labels-int64", "writer": "dense", "array": nd(INTS, "int64"),
     "labels": nd([3, -1, 2147483647], "int64")},
    {"id": "dense-one-column", "writer": "dense", "array": nd([[1.0], [2.0]], "float32")},
    {"id": "dense-zero-columns", "writer": "dense", "array": nd([[], []], "float64")},
    {"id": "dense-zero-rows", "writer": "dense", "array": {"$nd": [], "dtype": "float32", "shape": [0, 3]}},
    {"id": "dense-wide-row", "writer": "dense", "array": nd([[float(i) / 7 for i in range(300)]], "float32")},
    {"id": "dense-labels-as-long-as-columns", "writer": "dense", "array": nd([[1.0, 2.0, 3.0]], "float32"),
     "labels": nd([1.0, 0.0, 1.0], "float32")},
    # errors V2 raises
    {"id": "dense-1d", "writer": "dense", "array": nd([1.0, 2.0], "float32")},
    {"id": "dense-3d", "writer": "dense", "array": nd([[[1.0]]], "float32")},
    {"id": "dense-labels-2d", "writer": "dense", "array": nd([[1.0], [2.0]], "float32"),
     "labels": nd([[1.0], [0.0]], "float32")},
    {"id": "dense-labels-mismatch", "writer": "dense", "array": nd([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], "float32"),
     "labels": nd([1.0, 0.0, 1.0, 1.0], "float32")},
    {"id": "dense-float16", "writer": "dense", "array": nd([[1.0]], "float16")},
    {"id": "dense-int64-out-of-range", "writer": "dense", "array": nd([[2147483648]], "int64")},
    # sparse
    {"id": "sparse-csr-float32", "writer": "sparse",
     "array": sparse("csr", [3, 6], [[0, 1, 1.5], [0, 4, -2.0], [2, 0, 0.25], [2, 5, 9.0]], "float32")},
    {"id": "sparse-csr-float64-labels", "writer": "sparse",
     "array": sparse("csr", [3, 6], [[0, 1, 1.5], [1, 3, -2.0], [2, 5, 0.1]], "float64"),
     "labels": nd([1.0, 0.0, 1.0], "float32")},
    {"id": "sparse-int64-labels-int64", "writer": "sparse",
     "array": sparse("csr", [2, 1000], [[0, 999, 7], [1, 0, -3], [1, 500, 2147483647]], "int64"),
     "labels": nd([4, 5], "int64")},
    {"id": "sparse-coo-unsorted-duplicates", "writer": "sparse",
     "array": sparse("coo", [2, 5], [[1, 4, 1.0], [0, 3, 2.0], [0, 1, 3.0], [0, 3, 0.5], [1, 0, 4.0]], "float32")},
    {"id": "sparse-csc", "writer": "sparse",
     "array": sparse("csc", [3, 4], [[2, 3, 1.0], [0, 2, 2.0], [0, 0, 3.0]], "float64")},
    {"id": "sparse-empty-rows", "writer": "sparse",
     "array": sparse("csr", [4, 3], [[1, 2, 5.0]], "float32")},
    {"id": "sparse-explicit-zero", "writer": "sparse",
     "array": sparse("csr", [2, 3], [[0, 0, 0.0], [1, 1, 2.0]], "float32")},
    {"id": "sparse-not-sparse", "writer": "sparse", "array": nd([[1.0]], "float32")},
    # the predictor's serializer
    {"id": "serializer-2d", "writer": "serializer", "array": nd([[1.0, 2.0], [3.0, 4.0]], "float32")},
    {"id": "serializer-1d", "writer": "serializer", "array": nd([1.0, 2.0, 3.0], "float64")},
    {"id": "serializer-3d", "writer": "serializer", "array": nd([[[1.0]]], "float32")},
]


def build_case_array(case: Dict[str, Any]) -> Any:
    """The case's array (reshaped when the literal gives a shape)."""
    array = build(case["array"])
    shape = case["array"].get("shape") if isinstance(case["array"], dict) else None
    if shape is not None:
        array = array.reshape(shape)
    return array
