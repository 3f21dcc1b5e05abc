"""The table of serializer/deserializer inputs compared against SDK V2.

Shared by ``tools/record_v2_serializers.py`` (run with V2's Python to record what V2
returns into ``tests/serving/data/v2_serializers.json``) and by
``tests/serving/test_serializers.py`` (runs ours over the same table and compares).
It must import under both environments, so it uses only the standard library
plus numpy / pandas / scipy imported lazily by the cases that need them.

Inputs are JSON literals; a dict with a ``"$tag"`` key builds a richer value
(an array, a file object, a DataFrame ...), see :func:`build`.
"""
from __future__ import annotations

import base64
import io
import json
import os
from typing import Any, Dict, List

SERIALIZER_CLASSES = [
    "CSVSerializer",
    "JSONSerializer",
    "JSONLinesSerializer",
    "NumpySerializer",
    "IdentitySerializer",
    "StringSerializer",
    "LibSVMSerializer",
    "SparseMatrixSerializer",
    "DataSerializer",
]
DESERIALIZER_CLASSES = [
    "BytesDeserializer",
    "StringDeserializer",
    "StreamDeserializer",
    "CSVDeserializer",
    "JSONDeserializer",
    "JSONLinesDeserializer",
    "NumpyDeserializer",
    "PandasDeserializer",
]


def _nd(value: Any, dtype: Any = None) -> Dict[str, Any]:
    return {"$ndarray": value, "dtype": dtype}


# id, class, constructor kwargs, input, optional packages the input needs, and, for
# inputs V2 fails on but this project handles, the output expected from us instead.
SERIALIZER_CASES: List[Dict[str, Any]] = [
    # CSV
    {"id": "csv-list-int", "cls": "CSVSerializer", "data": [1, 2, 3]},
    {"id": "csv-list-float", "cls": "CSVSerializer", "data": [1.5, 2.25, -3.0, 1e-07, 1e20, 0.1]},
    {"id": "csv-rows", "cls": "CSVSerializer", "data": [[1, 2, 3], [4, 5, 6]]},
    {"id": "csv-ragged-rows", "cls": "CSVSerializer", "data": [[1], [2, 3], [4, 5, 6]]},
    {"id": "csv-list-of-str", "cls": "CSVSerializer", "data": ["a,b", "c"]},
    {"id": "csv-quoting", "cls": "CSVSerializer", "data": [["a,b", 'q"x', "plain", "new\nline"]]},
    {"id": "csv-str", "cls": "CSVSerializer", "data": "1,2,3"},
    {"id": "csv-tuple", "cls": "CSVSerializer", "data": {"$tuple": [1, 2, 3]}},
    {"id": "csv-tuple-of-tuples", "cls": "CSVSerializer", "data": {"$tuple": [{"$tuple": [1, 2]}, {"$tuple": [3, 4]}]}},
    {"id": "csv-none-bool-unicode", "cls": "CSVSerializer", "data": [1, None, True, False, "é", "日本"]},
    {"id": "csv-empty-list", "cls": "CSVSerializer", "data": []},
    {"id": "csv-empty-row", "cls": "CSVSerializer", "data": [[]]},
    {"id": "csv-int", "cls": "CSVSerializer", "data": 5},
    {"id": "csv-dict", "cls": "CSVSerializer", "data": {"a": 1}},
    {"id": "csv-bytesio", "cls": "CSVSerializer", "data": {"$bytesio": "1,2\n3,4"}},
    {"id": "csv-stringio", "cls": "CSVSerializer", "data": {"$stringio": "1,2\n3,4\n"}},
    {"id": "csv-custom-content-type", "cls": "CSVSerializer", "kwargs": {"content_type": "text/x-csv"}, "data": [1, 2]},
    {"id": "csv-ndarray-1d", "cls": "CSVSerializer", "data": _nd([0.1, 0.2, 0.3], "float32"), "needs": ["numpy"]},
    {"id": "csv-ndarray-1d-f64", "cls": "CSVSerializer", "data": _nd([0.1, 2.0, 1e-9]), "needs": ["numpy"]},
    {"id": "csv-ndarray-2d-int", "cls": "CSVSerializer", "data": _nd([[1, 2], [3, 4]], "int64"), "needs": ["numpy"]},
    {"id": "csv-ndarray-3d", "cls": "CSVSerializer", "data": _nd([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]), "needs": ["numpy"]},
    {"id": "csv-ndarray-empty", "cls": "CSVSerializer", "data": _nd([]), "needs": ["numpy"]},
    {"id": "csv-list-of-ndarrays", "cls": "CSVSerializer", "data": [_nd([1, 2]), _nd([3.5, 4])], "needs": ["numpy"]},
    {
        "id": "csv-np-scalars",
        "cls": "CSVSerializer",
        "data": [{"$np_scalar": 0.1, "dtype": "float64"}, {"$np_scalar": 3, "dtype": "int32"}],
        "needs": ["numpy"],
    },
    {"id": "csv-dataframe", "cls": "CSVSerializer", "data": {"$dataframe": {"a": [1, 2], "b": [0.5, 1.5]}}, "needs": ["pandas"]},
    # JSON
    {"id": "json-list", "cls": "JSONSerializer", "data": [1, 2.5, None, True, "x"]},
    {"id": "json-nested", "cls": "JSONSerializer", "data": [[1, 2], [3, 4]]},
    {"id": "json-dict", "cls": "JSONSerializer", "data": {"inputs": "héllo 日本", "parameters": {"top_k": 2}}},
    {"id": "json-str", "cls": "JSONSerializer", "data": "abc"},
    {"id": "json-int", "cls": "JSONSerializer", "data": 5},
    {"id": "json-none", "cls": "JSONSerializer", "data": None},
    {"id": "json-tuple", "cls": "JSONSerializer", "data": {"$tuple": [1, 2]}},
    {"id": "json-bytes", "cls": "JSONSerializer", "data": {"$bytes": "abc"}},
    {"id": "json-bytesio", "cls": "JSONSerializer", "data": {"$bytesio": '{"a": 1}'}},
    {"id": "json-stringio", "cls": "JSONSerializer", "data": {"$stringio": '{"a": 1}'}},
    {"id": "json-ndarray", "cls": "JSONSerializer", "data": _nd([[1.5, 2], [3, 4]], "float32"), "needs": ["numpy"]},
    {"id": "json-dict-of-ndarray", "cls": "JSONSerializer", "data": {"instances": _nd([[1, 2]]), "k": 1}, "needs": ["numpy"]},
    {
        "id": "json-np-scalars",
        "cls": "JSONSerializer",
        "data": [{"$np_scalar": 1.5, "dtype": "float32"}],
        "needs": ["numpy"],
        "ours": {"str": "[1.5]"},
    },
    {
        "id": "json-nested-ndarray",
        "cls": "JSONSerializer",
        "data": {"a": {"b": _nd([1, 2])}},
        "needs": ["numpy"],
        "ours": {"str": '{"a": {"b": [1, 2]}}'},
    },
    # JSON Lines
    {"id": "jsonl-dicts", "cls": "JSONLinesSerializer", "data": [{"a": 1}, {"b": [1, 2]}, "s"]},
    {"id": "jsonl-rows", "cls": "JSONLinesSerializer", "data": [[1, 2], [3, 4]]},
    {"id": "jsonl-str", "cls": "JSONLinesSerializer", "data": '{"a": 1}\n{"a": 2}'},
    {"id": "jsonl-empty", "cls": "JSONLinesSerializer", "data": []},
    {"id": "jsonl-tuple", "cls": "JSONLinesSerializer", "data": {"$tuple": [1, "é"]}},
    {"id": "jsonl-stringio", "cls": "JSONLinesSerializer", "data": {"$stringio": "[1]\n[2]"}},
    {"id": "jsonl-int", "cls": "JSONLinesSerializer", "data": 5},
    {
        "id": "jsonl-ndarray",
        "cls": "JSONLinesSerializer",
        "data": _nd([[1, 2], [3, 4]]),
        "needs": ["numpy"],
        "ours": {"str": "[1, 2]\n[3, 4]"},
    },
    # Numpy
    {"id": "npy-list-int", "cls": "NumpySerializer", "data": [1, 2, 3], "needs": ["numpy"]},
    {"id": "npy-list-dtype", "cls": "NumpySerializer", "kwargs": {"dtype": "float32"}, "data": [[1, 2], [3, 4]], "needs": ["numpy"]},
    {"id": "npy-list-str", "cls": "NumpySerializer", "data": ["a", "bc"], "needs": ["numpy"]},
    {"id": "npy-list-object", "cls": "NumpySerializer", "data": [1, "a", None], "needs": ["numpy"]},
    {"id": "npy-ndarray", "cls": "NumpySerializer", "data": _nd([[1.5, 2], [3, 4]], "float32"), "needs": ["numpy"]},
    {"id": "npy-ndarray-bool", "cls": "NumpySerializer", "data": _nd([True, False]), "needs": ["numpy"]},
    {"id": "npy-ndarray-dtype-ignored", "cls": "NumpySerializer", "kwargs": {"dtype": "float32"}, "data": _nd([1, 2], "int64"), "needs": ["numpy"]},
    {"id": "npy-scalar", "cls": "NumpySerializer", "data": 5, "needs": ["numpy"]},
    {"id": "npy-tuple", "cls": "NumpySerializer", "kwargs": {"dtype": "float32"}, "data": {"$tuple": [1, 2]}, "needs": ["numpy"]},
    {"id": "npy-empty-list", "cls": "NumpySerializer", "data": [], "needs": ["numpy"]},
    {"id": "npy-empty-array", "cls": "NumpySerializer", "data": _nd([]), "needs": ["numpy"]},
    {"id": "npy-bytesio", "cls": "NumpySerializer", "data": {"$npy_bytesio": [1, 2], "dtype": "int16"}, "needs": ["numpy"]},
    {"id": "npy-custom-content-type", "cls": "NumpySerializer", "kwargs": {"content_type": "application/npy"}, "data": [1], "needs": ["numpy"]},
    # Identity, String, LibSVM, Data
    {"id": "identity-bytes", "cls": "IdentitySerializer", "data": {"$bytes": "\u00ff\u0000raw"}},
    {"id": "identity-str", "cls": "IdentitySerializer", "data": "text"},
    {"id": "string-str", "cls": "StringSerializer", "data": "héllo 日本"},
    {"id": "string-int", "cls": "StringSerializer", "data": 5},
    {"id": "string-bytes", "cls": "StringSerializer", "data": {"$bytes": "abc"}},
    {"id": "libsvm-str", "cls": "LibSVMSerializer", "data": "1 1:0.5 3:1.5\n0 2:1"},
    {"id": "libsvm-stringio", "cls": "LibSVMSerializer", "data": {"$stringio": "1 1:0.5"}},
    {"id": "libsvm-list", "cls": "LibSVMSerializer", "data": [1, 2]},
    {"id": "data-path", "cls": "DataSerializer", "data": {"$path": "\u0000\u0001 image bytes \u00ff"}},
    {"id": "data-bytes", "cls": "DataSerializer", "data": {"$bytes": "raw"}},
    {"id": "data-dict-bytes", "cls": "DataSerializer", "data": {"data": {"$bytes": "raw"}}},
    {"id": "data-dict-path", "cls": "DataSerializer", "data": {"data": {"$path": "from a file"}}},
    {"id": "data-missing-path", "cls": "DataSerializer", "data": {"$missing_path": True}},
    {"id": "data-int", "cls": "DataSerializer", "data": 5},
    {"id": "data-dict-without-data", "cls": "DataSerializer", "data": {"x": 1}},
    # Sparse (the .npz is a zip with time stamps: compared member by member, not byte for byte)
    {"id": "sparse-csr", "cls": "SparseMatrixSerializer", "data": {"$sparse": [[0, 1.5], [2, 0]], "format": "csr"}, "needs": ["scipy"], "npz": True},
    {"id": "sparse-csc", "cls": "SparseMatrixSerializer", "data": {"$sparse": [[0, 1], [2, 0], [0, 3]], "format": "csc"}, "needs": ["scipy"], "npz": True},
    {"id": "sparse-coo", "cls": "SparseMatrixSerializer", "data": {"$sparse": [[0, 0, 7]], "format": "coo"}, "needs": ["scipy"], "npz": True},
]

_CSV_TEXT = "1,2,3\n4,5,6"
_PANDAS_JSON = '{"a": {"0": 1, "1": 2}, "b": {"0": 3.5, "1": 4}}'

# id, class, constructor kwargs, response body, its content type
DESERIALIZER_CASES: List[Dict[str, Any]] = [
    {"id": "bytes", "cls": "BytesDeserializer", "body": {"$bytes": "\u0000\u00ffabc"}, "content_type": "application/octet-stream"},
    {"id": "string-utf8", "cls": "StringDeserializer", "body": {"$bytes_utf8": "héllo 日本"}, "content_type": "text/plain"},
    {"id": "string-latin1", "cls": "StringDeserializer", "kwargs": {"encoding": "latin-1"}, "body": {"$bytes": "\u00e9t\u00e9"}, "content_type": "text/plain"},
    {"id": "stream", "cls": "StreamDeserializer", "body": {"$bytes": "raw body"}, "content_type": "application/x-custom"},
    {"id": "csv", "cls": "CSVDeserializer", "body": {"$bytes_utf8": _CSV_TEXT}, "content_type": "text/csv"},
    {"id": "csv-quoted-crlf", "cls": "CSVDeserializer", "body": {"$bytes_utf8": '"a,b",c\r\n1,"x""y"\r\n'}, "content_type": "text/csv"},
    {"id": "csv-empty", "cls": "CSVDeserializer", "body": {"$bytes": ""}, "content_type": "text/csv"},
    {"id": "json-object", "cls": "JSONDeserializer", "body": {"$bytes_utf8": '{"a": [1, 2], "b": "é"}'}, "content_type": "application/json"},
    {"id": "json-list", "cls": "JSONDeserializer", "body": {"$bytes_utf8": "[1.5, null, true]"}, "content_type": "application/json"},
    {"id": "json-invalid", "cls": "JSONDeserializer", "body": {"$bytes_utf8": "not json"}, "content_type": "application/json"},
    {"id": "jsonl", "cls": "JSONLinesDeserializer", "body": {"$bytes_utf8": '{"a": 1}\n[1, 2]\n"s"\n'}, "content_type": "application/jsonlines"},
    {"id": "jsonl-no-trailing", "cls": "JSONLinesDeserializer", "body": {"$bytes_utf8": "1\n2"}, "content_type": "application/jsonlines"},
    {"id": "numpy-npy", "cls": "NumpyDeserializer", "body": {"$npy": [[1.5, 2], [3, 4]], "dtype": "float32"}, "content_type": "application/x-npy", "needs": ["numpy"]},
    {"id": "numpy-npy-int", "cls": "NumpyDeserializer", "body": {"$npy": [1, 2, 3], "dtype": "int16"}, "content_type": "application/x-npy", "needs": ["numpy"]},
    {"id": "numpy-csv", "cls": "NumpyDeserializer", "body": {"$bytes_utf8": _CSV_TEXT}, "content_type": "text/csv", "needs": ["numpy"]},
    {"id": "numpy-csv-row", "cls": "NumpyDeserializer", "body": {"$bytes_utf8": "0.5,1.5,2"}, "content_type": "text/csv", "needs": ["numpy"]},
    {"id": "numpy-csv-dtype", "cls": "NumpyDeserializer", "kwargs": {"dtype": "int32"}, "body": {"$bytes_utf8": _CSV_TEXT}, "content_type": "text/csv", "needs": ["numpy"]},
    {"id": "numpy-csv-mixed", "cls": "NumpyDeserializer", "body": {"$bytes_utf8": "1,2.5\n3,4"}, "content_type": "text/csv", "needs": ["numpy"]},
    {"id": "numpy-json", "cls": "NumpyDeserializer", "body": {"$bytes_utf8": "[[1, 2], [3, 4]]"}, "content_type": "application/json", "needs": ["numpy"]},
    {"id": "numpy-json-dtype", "cls": "NumpyDeserializer", "kwargs": {"dtype": "float32"}, "body": {"$bytes_utf8": "[1, 2]"}, "content_type": "application/json", "needs": ["numpy"]},
    {"id": "numpy-npz", "cls": "NumpyDeserializer", "body": {"$npz": {"x": [1, 2], "y": [[0.5]]}}, "content_type": "application/x-npz", "needs": ["numpy"]},
    {"id": "numpy-pickled-refused", "cls": "NumpyDeserializer", "body": {"$pickled_npy": [1, "a", None]}, "content_type": "application/x-npy", "needs": ["numpy"]},
    {
        "id": "numpy-pickled-allowed",
        "cls": "NumpyDeserializer",
        "kwargs": {"allow_pickle": True},
        "body": {"$pickled_npy": [1, "a", None]},
        "content_type": "application/x-npy",
        "needs": ["numpy"],
    },
    {"id": "numpy-unknown-type", "cls": "NumpyDeserializer", "body": {"$bytes": "x"}, "content_type": "text/plain", "needs": ["numpy"]},
    {
        "id": "numpy-csv-charset",
        "cls": "NumpyDeserializer",
        "body": {"$bytes_utf8": "1,2"},
        "content_type": "text/csv; charset=utf-8",
        "needs": ["numpy"],
        "ours": {"ndarray": {"dtype": "int64", "shape": [2], "value": [1, 2]}},
    },
    {"id": "pandas-csv", "cls": "PandasDeserializer", "body": {"$bytes_utf8": "a,b\n1,x\n3,y"}, "content_type": "text/csv", "needs": ["pandas"],
     # pandas 3 reads text columns as dtype str (V2 was recorded with it); pandas 2 as object
     "recorded_with": {"pandas": "3"}},
    {"id": "pandas-json", "cls": "PandasDeserializer", "body": {"$bytes_utf8": _PANDAS_JSON}, "content_type": "application/json", "needs": ["pandas"]},
    {"id": "pandas-unknown-type", "cls": "PandasDeserializer", "body": {"$bytes": "x"}, "content_type": "text/plain", "needs": ["pandas"]},
]


def build(spec: Any, workdir: str) -> Any:
    """Turn a case's JSON description into the Python value it stands for."""
    if isinstance(spec, list):
        return [build(item, workdir) for item in spec]
    if not isinstance(spec, dict):
        return spec
    tags = [key for key in spec if key.startswith("$")]
    if not tags:
        return {key: build(value, workdir) for key, value in spec.items()}
    tag = tags[0]
    value = spec[tag]
    if tag == "$tuple":
        return tuple(build(item, workdir) for item in value)
    if tag == "$bytes":  # code points 0-255, one byte each
        return value.encode("latin-1")
    if tag == "$bytes_utf8":
        return value.encode("utf-8")
    if tag == "$bytesio":
        return io.BytesIO(value.encode("utf-8"))
    if tag == "$stringio":
        return io.StringIO(value)
    if tag == "$path":
        path = os.path.join(workdir, "data-file.bin")
        with open(path, "wb") as handle:
            handle.write(value.encode("latin-1"))
        return path
    if tag == "$missing_path":
        return os.path.join(workdir, "no-such-file.bin")
    import numpy as np

    if tag == "$ndarray":
        return np.array(value, dtype=spec.get("dtype"))
    if tag == "$np_scalar":
        return np.dtype(spec["dtype"]).type(value)
    if tag in ("$npy", "$npy_bytesio", "$pickled_npy"):
        array = np.array(value, dtype=object if tag == "$pickled_npy" else spec.get("dtype"))
        out = io.BytesIO()
        np.save(out, array, allow_pickle=tag == "$pickled_npy")
        return io.BytesIO(out.getvalue()) if tag == "$npy_bytesio" else out.getvalue()
    if tag == "$npz":
        out = io.BytesIO()
        np.savez(out, **{name: np.array(item) for name, item in value.items()})
        return out.getvalue()
    if tag == "$dataframe":
        import pandas

        return pandas.DataFrame(value)
    if tag == "$sparse":
        import scipy.sparse

        return getattr(scipy.sparse, spec["format"] + "_matrix")(np.array(value))
    raise ValueError(f"unknown tag {tag}")


def describe(value: Any) -> Any:
    """A JSON-able description of a serializer's or deserializer's result."""
    if isinstance(value, bytes):
        return {"bytes_b64": base64.b64encode(value).decode("ascii")}
    if isinstance(value, str):
        return {"str": value}
    if isinstance(value, tuple):
        return {"tuple": [describe(item) for item in value]}
    if hasattr(value, "read"):
        return {"stream": describe(value.read())}
    kind = type(value).__name__
    if kind == "ndarray":
        return {"ndarray": {"dtype": str(value.dtype), "shape": list(value.shape), "value": _plain(value.tolist())}}
    if kind == "NpzFile":
        return {"npz": {name: describe(value[name]) for name in sorted(value.files)}}
    if kind == "DataFrame":
        return {
            "dataframe": {
                "columns": [str(column) for column in value.columns],
                "dtypes": [str(dtype) for dtype in value.dtypes],
                "values": value.values.tolist(),
            }
        }
    return {"py": value}


def _plain(value: Any) -> Any:
    """Array contents made JSON-able (numpy ``S`` arrays hold bytes)."""
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, bytes):
        return {"bytes_b64": base64.b64encode(value).decode("ascii")}
    return value


def describe_npz_bytes(body: bytes) -> Any:
    """Describe ``.npz`` bytes by their members (the zip itself carries time stamps)."""
    import numpy as np

    return describe(np.load(io.BytesIO(body), allow_pickle=False))


def canonical(description: Any) -> str:
    """A string form of a description for equality (NaN-safe, key-order-free)."""
    return json.dumps(description, sort_keys=True)
