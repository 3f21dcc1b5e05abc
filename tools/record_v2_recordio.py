"""Record the RecordIO-protobuf bytes SDK V2 writes, for the byte-for-byte tests.

Run it with the Python of the V2 reference virtualenv (sagemaker==2.x with numpy
and scipy)::

    .v2ref/bin/python tools/record_v2_recordio.py

For every case of ``tests/algorithms/recordio_cases.py`` it stores the bytes V2's
writer produced (hex) and what V2's ``read_records`` parses back out of them, or
the error V2 raised, in ``tests/algorithms/fixtures/v2_recordio.json``.  It also
stores one hand-built Record using every field of the message (uid, metadata,
configuration, several features, a Bytes value), for the decoder.  The tests
read the JSON and never need V2.
"""
from __future__ import annotations

import argparse
import importlib.util
import io
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES_FILE = os.path.join(ROOT, "tests", "algorithms", "recordio_cases.py")
DEFAULT_OUT = os.path.join(ROOT, "tests", "algorithms", "fixtures", "v2_recordio.json")
TENSOR_TYPES = ("float32_tensor", "float64_tensor", "int32_tensor")


def _load_cases():
    spec = importlib.util.spec_from_file_location("recordio_cases", CASES_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _value_dict(value) -> dict:
    kind = value.WhichOneof("value")
    if kind == "bytes":
        return {"type": kind, "value": [item.hex() for item in value.bytes.value],
                "content_type": value.bytes.content_type}
    tensor = getattr(value, kind)
    return {"type": kind, "values": list(tensor.values), "keys": list(tensor.keys), "shape": list(tensor.shape)}


def record_dict(record) -> dict:
    """A Record as JSON data (maps sorted by key, as a reader would see them)."""
    return {
        "features": {key: _value_dict(record.features[key]) for key in sorted(record.features)},
        "label": {key: _value_dict(record.label[key]) for key in sorted(record.label)},
        "uid": record.uid if record.HasField("uid") else None,
        "metadata": record.metadata if record.HasField("metadata") else None,
        "configuration": record.configuration if record.HasField("configuration") else None,
    }


def _rich_record():
    from sagemaker.amazon.record_pb2 import Record

    record = Record()
    record.features["values"].float32_tensor.values.extend([1.0, -2.5])
    record.features["values"].float32_tensor.keys.extend([3, 2**40])
    record.features["values"].float32_tensor.shape.extend([2**41])
    record.features["ids"].int32_tensor.values.extend([-5, 0, 2**31 - 1])
    record.features["blob"].bytes.value.extend([b"\x00\xff", b"jpeg"])
    record.features["blob"].bytes.content_type = "image/jpeg"
    record.label["values"].float64_tensor.values.extend([0.125])
    record.uid = "row-1"
    record.metadata = '{"source": "é"}'
    record.configuration = ""
    return record


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=DEFAULT_OUT)
    args = parser.parse_args(argv)

    import sagemaker
    from sagemaker.amazon.common import read_records, write_numpy_to_dense_tensor, write_spmatrix_to_sparse_tensor
    from sagemaker.serializers import RecordSerializer

    if not sagemaker.__version__.startswith("2."):
        parser.error(f"needs SDK V2, found sagemaker {sagemaker.__version__} in {sys.executable}")
    cases = _load_cases()
    writers = {"dense": write_numpy_to_dense_tensor, "sparse": write_spmatrix_to_sparse_tensor}
    out = {"sagemaker_version": sagemaker.__version__, "cases": {}}
    for case in cases.CASES:
        array = cases.build_case_array(case)
        labels = cases.build(case["labels"]) if "labels" in case else None
        buffer = io.BytesIO()
        try:
            if case["writer"] == "serializer":
                data = RecordSerializer().serialize(array).read()
            else:
                writers[case["writer"]](buffer, array, labels)
                data = buffer.getvalue()
        except Exception as error:  # V2's failures are part of the record
            out["cases"][case["id"]] = {"error": type(error).__name__, "message": str(error),
                                        "partial": buffer.getvalue().hex()}
            continue
        out["cases"][case["id"]] = {
            "bytes": data.hex(),
            "records": [record_dict(r) for r in read_records(io.BytesIO(data))],
        }
    rich = _rich_record()
    buffer = io.BytesIO()
    from sagemaker.amazon.common import _write_recordio

    _write_recordio(buffer, rich.SerializeToString())
    out["rich_record"] = {"bytes": buffer.getvalue().hex(), "records": [record_dict(rich)]}
    out["content_types"] = {
        "RecordSerializer": RecordSerializer().CONTENT_TYPE,
        "RecordDeserializer": list(sagemaker.deserializers.RecordDeserializer().ACCEPT),
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(out, handle, indent=1, sort_keys=True)
        handle.write("\n")
    print(f"wrote {len(out['cases'])} cases to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
