"""The ``aialgs.data.Record`` protobuf message, encoded and decoded by hand.

SageMaker's built-in algorithms read and write RecordIO-wrapped ``Record``
messages (``record.proto`` of the SDK; field numbers below are its data).  The
message is small, so it is written here directly in the protobuf wire format
instead of depending on the protobuf runtime::

    message Float32Tensor { repeated float  values = 1 [packed]; repeated uint64 keys = 2 [packed];
                            repeated uint64 shape = 3 [packed]; }
    message Float64Tensor { repeated double values = 1 [packed]; ... }
    message Int32Tensor   { repeated int32  values = 1 [packed]; ... }
    message Bytes  { repeated bytes value = 1; optional string content_type = 2; }
    message Value  { oneof value { Float32Tensor float32_tensor = 2; Float64Tensor float64_tensor = 3;
                                   Int32Tensor int32_tensor = 7; Bytes bytes = 9; } }
    message Record { map<string, Value> features = 1; map<string, Value> label = 2;
                     optional string uid = 3; optional string metadata = 4; optional string configuration = 5; }

The classes mirror the generated protobuf classes' attribute names
(``record.features["values"].float32_tensor.values``, ``record.label``,
``SerializeToString``, ``ParseFromString``, ``HasField``, ``WhichOneof``), so code
written against V2's ``read_records`` result keeps working.  Encoding writes
fields in field-number order, skips empty packed fields and always writes a set
oneof member, as the protobuf runtime does, so the bytes are the same.
"""
from __future__ import annotations

import builtins
import struct
from collections import defaultdict
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple, Type, Union

import attrs

# wire types
_VARINT, _FIXED64, _LENGTH, _FIXED32 = 0, 1, 2, 5
_INT32_MIN, _INT32_MAX = -(2**31), 2**31 - 1
_UINT64_MAX = 2**64 - 1


# --- primitives ---------------------------------------------------------------------------
def encode_varint(value: int) -> bytes:
    """Base-128 varint of a non-negative int (negative int32 values are passed as their 64-bit two's complement)."""
    out = bytearray()
    while True:
        low = value & 0x7F
        value >>= 7
        if value:
            out.append(low | 0x80)
        else:
            out.append(low)
            return bytes(out)


def _tag(field: int, wire_type: int) -> bytes:
    return encode_varint((field << 3) | wire_type)


def _length_delimited(field: int, payload: bytes) -> bytes:
    return _tag(field, _LENGTH) + encode_varint(len(payload)) + payload


def _read_varint(data: Any, pos: int) -> Tuple[int, int]:
    if pos < len(data) and data[pos] < 0x80:  # most keys, tags and lengths are one byte
        return data[pos], pos + 1
    result = shift = 0
    while True:
        if pos >= len(data):
            raise ValueError("truncated protobuf varint")
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7
        if shift > 63:
            raise ValueError("protobuf varint longer than 10 bytes")


def iter_fields(data: Any) -> Iterator[Tuple[int, int, Any]]:
    """(field number, wire type, value) of each field: an int for varints, bytes-like for the others."""
    pos, end = 0, len(data)
    while pos < end:
        key, pos = _read_varint(data, pos)
        field, wire_type = key >> 3, key & 7
        if wire_type == _VARINT:
            value, pos = _read_varint(data, pos)
        elif wire_type == _LENGTH:
            length, pos = _read_varint(data, pos)
            if pos + length > end:
                raise ValueError("truncated protobuf field")
            value, pos = data[pos:pos + length], pos + length
        elif wire_type in (_FIXED64, _FIXED32):
            size = 8 if wire_type == _FIXED64 else 4
            if pos + size > end:
                raise ValueError("truncated protobuf field")
            value, pos = data[pos:pos + size], pos + size
        else:
            raise ValueError(f"unsupported protobuf wire type {wire_type} (field {field})")
        yield field, wire_type, value


def _varints(payload: bytes) -> List[int]:
    values, pos = [], 0
    while pos < len(payload):
        value, pos = _read_varint(payload, pos)
        values.append(value)
    return values


def _as_int32(value: int) -> int:
    value &= 0xFFFFFFFF
    return value - 2**32 if value > _INT32_MAX else value


def _check_int(value: Any, low: int, high: int) -> int:
    number = int(value)
    if number != value or not low <= number <= high:
        raise ValueError(f"Value out of range: {value}")
    return number


def _pack_uint64(values: Sequence[int]) -> bytes:
    return b"".join(encode_varint(_check_int(v, 0, _UINT64_MAX)) for v in _as_list(values))


def _as_list(values: Any) -> list:
    return values.tolist() if hasattr(values, "tolist") else list(values)


# --- tensors --------------------------------------------------------------------------------
@attrs.define(eq=False)
class _Tensor:
    """A dense (``keys`` empty) or sparse tensor; ``shape`` is required when sparse."""

    values: Any = attrs.field(factory=list)
    keys: Any = attrs.field(factory=list)
    shape: Any = attrs.field(factory=list)

    def _pack_values(self) -> bytes:
        raise NotImplementedError

    def SerializeToString(self) -> bytes:  # noqa: N802 - protobuf's name
        """The message's wire bytes."""
        out = b""
        if len(self.values):
            out += _length_delimited(1, self._pack_values())
        if len(self.keys):
            out += _length_delimited(2, _pack_uint64(self.keys))
        if len(self.shape):
            out += _length_delimited(3, _pack_uint64(self.shape))
        return out

    def _decode_values(self, wire_type: int, value: Any) -> List[Any]:
        raise NotImplementedError

    @classmethod
    def FromString(cls, data: bytes) -> "_Tensor":  # noqa: N802 - protobuf's name
        """Parse wire bytes (packed or unpacked repeated fields)."""
        tensor = cls()
        values: list = []
        keys: List[int] = []
        shape: List[int] = []
        for field, wire_type, value in iter_fields(data):
            if field == 1:
                values.extend(tensor._decode_values(wire_type, value))
            elif field in (2, 3):
                target = keys if field == 2 else shape
                target.extend(_varints(value) if wire_type == _LENGTH else [value])
        tensor.values, tensor.keys, tensor.shape = values, keys, shape
        return tensor

    def __eq__(self, other: Any) -> bool:
        return (type(self) is type(other) and _as_list(self.values) == _as_list(other.values)
                and _as_list(self.keys) == _as_list(other.keys) and _as_list(self.shape) == _as_list(other.shape))


def _fixed_width(fmt: str):
    size = struct.calcsize("<" + fmt)

    def pack(self: _Tensor) -> bytes:
        values = self.values
        if hasattr(values, "astype") and hasattr(values, "tobytes"):  # a numpy array: no per-value loop
            return values.astype("<" + fmt).tobytes()
        values = list(values)
        return struct.pack(f"<{len(values)}{fmt}", *values)

    def decode(self: _Tensor, wire_type: int, value: Any) -> List[float]:
        return list(struct.unpack(f"<{len(value) // size}{fmt}", value))

    return pack, decode


@attrs.define(eq=False)
class Float32Tensor(_Tensor):
    """``Float32Tensor``: float values."""

    _pack_values, _decode_values = _fixed_width("f")


@attrs.define(eq=False)
class Float64Tensor(_Tensor):
    """``Float64Tensor``: double values."""

    _pack_values, _decode_values = _fixed_width("d")


@attrs.define(eq=False)
class Int32Tensor(_Tensor):
    """``Int32Tensor``: int32 values (negative ones take ten varint bytes, as protobuf writes them)."""

    def _pack_values(self) -> bytes:
        return b"".join(
            encode_varint(_check_int(v, _INT32_MIN, _INT32_MAX) & _UINT64_MAX) for v in _as_list(self.values)
        )

    def _decode_values(self, wire_type: int, value: Any) -> List[int]:
        raw = _varints(value) if wire_type == _LENGTH else [value]
        return [_as_int32(v) for v in raw]


@attrs.define(eq=True)
class Bytes:
    """``Bytes``: opaque values with an optional content type."""

    value: List[bytes] = attrs.field(factory=list)
    content_type: Optional[str] = None

    def SerializeToString(self) -> bytes:  # noqa: N802 - protobuf's name
        """The message's wire bytes."""
        out = b"".join(_length_delimited(1, bytes(item)) for item in self.value)
        if self.content_type is not None:
            out += _length_delimited(2, self.content_type.encode("utf-8"))
        return out

    @classmethod
    def FromString(cls, data: bytes) -> "Bytes":  # noqa: N802 - protobuf's name
        """Parse wire bytes."""
        message = cls()
        for field, wire_type, value in iter_fields(data):
            if field == 1 and wire_type == _LENGTH:
                message.value.append(bytes(value))
            elif field == 2 and wire_type == _LENGTH:
                message.content_type = bytes(value).decode("utf-8")
        return message


#: oneof member name -> (field number, message class), in field-number order
_VALUE_KINDS: Dict[str, Tuple[int, Union[Type[_Tensor], Type[Bytes]]]] = {
    "float32_tensor": (2, Float32Tensor),
    "float64_tensor": (3, Float64Tensor),
    "int32_tensor": (7, Int32Tensor),
    "bytes": (9, Bytes),
}
_KIND_BY_FIELD = {number: name for name, (number, _) in _VALUE_KINDS.items()}


class Value:
    """``Value``: one of ``float32_tensor``, ``float64_tensor``, ``int32_tensor`` or ``bytes``.

    As with protobuf, touching a member of an unset Value sets it (an empty
    message), so ``value.float32_tensor.values.extend(...)`` works.
    """

    __slots__ = ("_kind", "_message")

    def __init__(self, **member: Any):
        self._kind: Optional[str] = None
        self._message: Any = None
        for name, message in member.items():
            self._set(name, message)

    def _set(self, name: str, message: Any) -> None:
        if name not in _VALUE_KINDS:
            raise AttributeError(f"Value has no member {name!r}; members: {', '.join(_VALUE_KINDS)}")
        self._kind, self._message = name, message

    def _member(self, name: str) -> Any:
        if self._kind == name:
            return self._message
        message = _VALUE_KINDS[name][1]()
        if self._kind is None:
            self._set(name, message)
        return message

    float32_tensor = property(lambda self: self._member("float32_tensor"))
    float64_tensor = property(lambda self: self._member("float64_tensor"))
    int32_tensor = property(lambda self: self._member("int32_tensor"))
    bytes = property(lambda self: self._member("bytes"))

    def WhichOneof(self, group: str) -> Optional[str]:  # noqa: N802 - protobuf's name
        """The member that is set (``group`` is ``"value"``)."""
        if group != "value":
            raise ValueError(f"Value has no oneof named {group!r}")
        return self._kind

    def HasField(self, name: str) -> bool:  # noqa: N802 - protobuf's name
        """Whether ``name`` (a member, or the oneof ``"value"``) is set."""
        return self._kind is not None if name == "value" else self._kind == name

    # builtins.bytes: inside this class body ``bytes`` is the member property below
    def SerializeToString(self) -> builtins.bytes:  # noqa: N802 - protobuf's name
        """The message's wire bytes (a set member is written even when empty)."""
        if self._kind is None:
            return b""
        return _length_delimited(_VALUE_KINDS[self._kind][0], self._message.SerializeToString())

    @classmethod
    def FromString(cls, data: builtins.bytes) -> "Value":  # noqa: N802 - protobuf's name
        """Parse wire bytes (the last member seen wins, as in protobuf)."""
        value = cls()
        for field, wire_type, payload in iter_fields(data):
            name = _KIND_BY_FIELD.get(field)
            if name is not None and wire_type == _LENGTH:
                value._set(name, _VALUE_KINDS[name][1].FromString(payload))
        return value

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, Value) and self._kind == other._kind and self._message == other._message

    def __repr__(self) -> str:
        return f"Value({self._kind}={self._message!r})" if self._kind else "Value()"


def _encode_map(field: int, entries: Dict[str, Value]) -> bytes:
    return b"".join(
        _length_delimited(field, _length_delimited(1, key.encode("utf-8")) + _length_delimited(2, value.SerializeToString()))
        for key, value in entries.items()
    )


def _decode_map_entry(payload: bytes) -> Tuple[str, Value]:
    key, value = "", Value()
    for field, wire_type, item in iter_fields(payload):
        if field == 1 and wire_type == _LENGTH:
            key = bytes(item).decode("utf-8")
        elif field == 2 and wire_type == _LENGTH:
            value = Value.FromString(item)
    return key, value


_STRING_FIELDS = {3: "uid", 4: "metadata", 5: "configuration"}


class Record:
    """``Record``: ``features`` and ``label`` maps of name -> :class:`Value`, and three optional strings.

    ``record.features["values"]`` creates the entry when missing, as a protobuf map does.
    """

    def __init__(self, features: Optional[Dict[str, Value]] = None, label: Optional[Dict[str, Value]] = None,
                 uid: Optional[str] = None, metadata: Optional[str] = None, configuration: Optional[str] = None):
        self.features: Dict[str, Value] = defaultdict(Value, features or {})
        self.label: Dict[str, Value] = defaultdict(Value, label or {})
        self.uid = uid
        self.metadata = metadata
        self.configuration = configuration

    def Clear(self) -> None:  # noqa: N802 - protobuf's name
        """Reset every field."""
        Record.__init__(self)

    def HasField(self, name: str) -> bool:  # noqa: N802 - protobuf's name
        """Whether the optional string ``name`` (uid, metadata, configuration) is set."""
        if name not in _STRING_FIELDS.values():
            raise ValueError(f"Record has no optional field {name!r}")
        return getattr(self, name) is not None

    def SerializeToString(self) -> bytes:  # noqa: N802 - protobuf's name
        """The message's wire bytes: features, label, then the set strings."""
        out = _encode_map(1, self.features) + _encode_map(2, self.label)
        for number, name in _STRING_FIELDS.items():
            text = getattr(self, name)
            if text is not None:
                out += _length_delimited(number, text.encode("utf-8"))
        return out

    def ParseFromString(self, data: bytes) -> int:  # noqa: N802 - protobuf's name
        """Replace this record's content with the parsed ``data``; returns its length."""
        self.Clear()
        for field, wire_type, payload in iter_fields(memoryview(bytes(data))):  # slices share the buffer
            if wire_type != _LENGTH:
                continue
            if field in (1, 2):
                key, value = _decode_map_entry(payload)
                (self.features if field == 1 else self.label)[key] = value
            elif field in _STRING_FIELDS:
                setattr(self, _STRING_FIELDS[field], bytes(payload).decode("utf-8"))
        return len(data)

    @classmethod
    def FromString(cls, data: bytes) -> "Record":  # noqa: N802 - protobuf's name
        """A new Record parsed from ``data``."""
        record = cls()
        record.ParseFromString(data)
        return record

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, Record) and all(
            getattr(self, name) == getattr(other, name)
            for name in ("uid", "metadata", "configuration")
        ) and dict(self.features) == dict(other.features) and dict(self.label) == dict(other.label)

    def __repr__(self) -> str:
        parts = [f"features={dict(self.features)!r}"]
        if self.label:
            parts.append(f"label={dict(self.label)!r}")
        parts += [f"{name}={getattr(self, name)!r}" for name in _STRING_FIELDS.values() if getattr(self, name) is not None]
        return f"Record({', '.join(parts)})"
