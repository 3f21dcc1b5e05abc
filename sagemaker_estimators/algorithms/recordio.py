"""MXNet RecordIO framing: how Record messages are laid out in a file or request body.

Each record is ``magic (0xced7230a) | length word | payload | zero padding to 4 bytes``,
both words little-endian uint32.  The length word's low 29 bits are the payload
length and its top 3 bits a continuation flag (0 whole record, 1 first part,
2 middle part, 3 last part): dmlc-core's writer splits a payload where it
contains the magic number and its reader joins the parts with the magic in
between.  The SDK's writer never splits (it writes the plain length), and
neither does :func:`write_recordio`, so the bytes equal V2's; the reader accepts
both.
"""
from __future__ import annotations

import struct
from typing import BinaryIO, Iterator

MAGIC = 0xCED7230A
_MAGIC_BYTES = struct.pack("<I", MAGIC)
_LENGTH_MASK = (1 << 29) - 1
_WHOLE, _FIRST, _MIDDLE, _LAST = 0, 1, 2, 3


def _padding(length: int) -> int:
    return -length % 4


def frame(payload: bytes) -> bytes:
    """One record: header, payload and padding."""
    length = len(payload)
    if length > _LENGTH_MASK:
        raise ValueError(f"a RecordIO record holds at most {_LENGTH_MASK} bytes, got {length}")
    return struct.pack("<II", MAGIC, length) + payload + b"\x00" * _padding(length)


def write_recordio(file: BinaryIO, payload: bytes) -> None:
    """Write ``payload`` to ``file`` as one RecordIO record."""
    file.write(frame(payload))


def _read_exactly(file: BinaryIO, size: int, what: str) -> bytes:
    data = file.read(size)
    if len(data) != size:
        raise ValueError(f"truncated RecordIO {what}: expected {size} bytes, got {len(data)}")
    return data


def read_recordio(f: BinaryIO) -> Iterator[bytes]:
    """The payload of each record in the binary file object ``f``, until its end.

    Raises ValueError on a bad magic number or a truncated record.
    """
    while True:
        header = f.read(8)
        if not header:
            return
        parts = []
        while True:
            if len(header) != 8:
                raise ValueError(f"truncated RecordIO header: expected 8 bytes, got {len(header)}")
            magic, word = struct.unpack("<II", header)
            if magic != MAGIC:
                raise ValueError(f"not a RecordIO record: magic number {magic:#010x}, expected {MAGIC:#010x}")
            flag, length = word >> 29, word & _LENGTH_MASK
            parts.append(_read_exactly(f, length, "payload"))
            f.read(_padding(length))  # a file that ends without its last padding is still read
            if flag in (_WHOLE, _LAST):
                break
            header = f.read(8)
        yield _MAGIC_BYTES.join(parts)
