"""The RecordIO-protobuf codec writes V2's bytes and reads what V2 wrote.

``fixtures/v2_recordio.json`` was recorded from SDK V2 (2.257.7, protobuf runtime)
by ``tools/record_v2_recordio.py`` over the cases in ``recordio_cases.py``.
"""
from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys

import pytest

from sagemaker_estimators.algorithms import numpy_records
from sagemaker_estimators.algorithms.record import Float32Tensor, Int32Tensor, Record, Value
from sagemaker_estimators.algorithms.record_serializers import RecordDeserializer, RecordSerializer
from sagemaker_estimators.algorithms.recordio import MAGIC, frame, read_recordio
from tests.algorithms import recordio_cases as cases
from tools.record_v2_recordio import record_dict

FIXTURE = os.path.join(os.path.dirname(__file__), "fixtures", "v2_recordio.json")
with open(FIXTURE, encoding="utf-8") as _handle:
    V2 = json.load(_handle)

pytest.importorskip("numpy")


def _write(case) -> bytes:
    array = cases.build_case_array(case)
    labels = cases.build(case["labels"]) if "labels" in case else None
    if case["writer"] == "serializer":
        return RecordSerializer().serialize(array).read()
    buffer = io.BytesIO()
    writer = {"dense": numpy_records.write_numpy_to_dense_tensor,
              "sparse": numpy_records.write_spmatrix_to_sparse_tensor}[case["writer"]]
    writer(buffer, array, labels)
    return buffer.getvalue()


def _json(value) -> str:
    return json.dumps(value, sort_keys=True)  # NaN compares equal as text


@pytest.mark.parametrize("case", cases.CASES, ids=[c["id"] for c in cases.CASES])
def test_writer_matches_v2_bytes_or_error(case):
    if case["writer"] == "sparse":
        pytest.importorskip("scipy")
    expected = V2["cases"][case["id"]]
    if "error" in expected:
        with pytest.raises({"ValueError": ValueError, "TypeError": TypeError}[expected["error"]]):
            _write(case)
        return
    assert _write(case).hex() == expected["bytes"]


@pytest.mark.parametrize("case_id", sorted(k for k, v in V2["cases"].items() if "bytes" in v) + ["rich_record"])
def test_reader_parses_what_v2_parses(case_id):
    expected = V2["rich_record"] if case_id == "rich_record" else V2["cases"][case_id]
    records = numpy_records.read_records(io.BytesIO(bytes.fromhex(expected["bytes"])))
    assert _json([record_dict(r) for r in records]) == _json(expected["records"])


@pytest.mark.parametrize("case_id", sorted(k for k, v in V2["cases"].items() if "bytes" in v))
def test_decode_then_encode_gives_the_same_bytes(case_id):
    data = bytes.fromhex(V2["cases"][case_id]["bytes"])
    out = io.BytesIO()
    for payload in read_recordio(io.BytesIO(data)):
        out.write(frame(Record.FromString(payload).SerializeToString()))
    assert out.getvalue() == data


def test_rich_record_round_trips_through_our_classes():
    data = bytes.fromhex(V2["rich_record"]["bytes"])
    (record,) = numpy_records.read_records(io.BytesIO(data))
    assert record.uid == "row-1" and record.metadata == '{"source": "é"}' and record.configuration == ""
    assert record.features["blob"].bytes.value == [b"\x00\xff", b"jpeg"]
    assert record.features["ids"].int32_tensor.values == [-5, 0, 2**31 - 1]
    assert record.features["values"].WhichOneof("value") == "float32_tensor"
    again = Record.FromString(record.SerializeToString())
    assert again == record


def test_record_built_like_the_protobuf_class():
    record = Record()
    record.features["values"].float32_tensor.values.extend([1.0, 2.0])
    record.label["values"].int32_tensor.values.append(-3)
    parsed = Record.FromString(record.SerializeToString())
    assert parsed.features["values"].float32_tensor.values == [1.0, 2.0]
    assert parsed.label["values"].int32_tensor.values == [-3]
    assert parsed.features["values"].HasField("float32_tensor")
    assert not parsed.HasField("uid")


def test_reader_joins_dmlc_continuation_parts():
    # dmlc-core splits a payload where it holds the magic number: flag 1 first, 2 middle, 3 last
    payload = b"abcd" + struct.pack("<I", MAGIC) + b"efgh" + struct.pack("<I", MAGIC) + b"ij"
    parts = [b"abcd", b"efgh", b"ij"]
    stream = b""
    for flag, part in zip((1, 2, 3), parts):
        stream += struct.pack("<II", MAGIC, (flag << 29) | len(part)) + part + b"\x00" * (-len(part) % 4)
    stream += frame(b"next")
    assert list(read_recordio(io.BytesIO(stream))) == [payload, b"next"]


def test_reader_refuses_bad_magic_and_truncation():
    with pytest.raises(ValueError, match="magic"):
        list(read_recordio(io.BytesIO(b"\x00" * 8)))
    with pytest.raises(ValueError, match="truncated"):
        list(read_recordio(io.BytesIO(frame(b"abcdef")[:10])))


def test_int32_range_checked_and_negative_values_take_ten_bytes():
    assert Int32Tensor(values=[-1]).SerializeToString() == b"\x0a\x0a" + b"\xff" * 9 + b"\x01"
    with pytest.raises(ValueError, match="out of range"):
        Value(int32_tensor=Int32Tensor(values=[2**31])).SerializeToString()
    assert Float32Tensor().SerializeToString() == b""


def test_smaller_integer_dtypes_are_written_like_int64():
    np = pytest.importorskip("numpy")
    rows = [[1, -2], [3, 4]]
    expected = io.BytesIO()
    numpy_records.write_numpy_to_dense_tensor(expected, np.array(rows, dtype="int64"))
    for dtype in ("int32", "int16", "int8"):
        buffer = io.BytesIO()
        numpy_records.write_numpy_to_dense_tensor(buffer, np.array(rows, dtype=dtype))
        assert buffer.getvalue() == expected.getvalue()


def test_serializer_and_deserializer_defaults_match_v2():
    assert RecordSerializer().CONTENT_TYPE == V2["content_types"]["RecordSerializer"]
    assert list(RecordDeserializer().ACCEPT) == V2["content_types"]["RecordDeserializer"]
    data = bytes.fromhex(V2["cases"]["dense-float32-labels-float32"]["bytes"])
    stream = io.BytesIO(data)
    records = RecordDeserializer().deserialize(stream, "application/x-recordio-protobuf")
    assert [r.label["values"].float32_tensor.values[0] for r in records] == [0.0, 1.0, 0.5]
    assert stream.closed


def test_v2_import_paths_do_not_import_numpy():
    code = (
        "import sys, sagemaker_estimators._startup\n"
        "import sagemaker.amazon.common, sagemaker.serializer_utils\n"
        "from sagemaker.amazon.common import write_numpy_to_dense_tensor, read_records, RecordSerializer\n"
        "assert 'numpy' not in sys.modules and 'scipy' not in sys.modules, sorted(sys.modules)\n"
    )
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root,
                   env={**os.environ, "PYTHONPATH": root})


def test_record_pb2_import_path_parses_v2_bytes():
    from sagemaker.amazon.record_pb2 import Record as V2PathRecord

    (payload,) = list(read_recordio(io.BytesIO(bytes.fromhex(V2["rich_record"]["bytes"]))))
    record = V2PathRecord()
    record.ParseFromString(payload)
    assert record.label["values"].float64_tensor.values == [0.125]
