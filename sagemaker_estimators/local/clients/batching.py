"""Batch transform payloads: split input files into records and group them into requests.

``SplitType``: ``None`` (a whole file is one record), ``Line`` (each line,
newline kept, blank lines skipped) or ``RecordIO`` (MXNet RecordIO records, each sent with its
header as SageMaker does).  ``BatchStrategy``: ``SingleRecord`` sends each
record alone, ``MultiRecord`` packs consecutive records into one request up to
``MaxPayloadInMB`` (0 = no limit).  A record larger than the limit is an error.
"""
from __future__ import annotations

import struct
from typing import Iterator, Optional

from sagemaker_estimators.exceptions import SageMakerEstimatorsError

SPLIT_TYPES = ("None", "Line", "RecordIO")
BATCH_STRATEGIES = ("MultiRecord", "SingleRecord")
_RECORDIO_MAGIC = 0xCED7230A


class PayloadTooLargeError(ValueError, SageMakerEstimatorsError):
    """A single record exceeds MaxPayloadInMB."""


def check_transform_settings(split_type: Optional[str], strategy: str, max_payload_mb: int) -> None:
    """ValueError naming the bad setting and the valid choices."""
    if (split_type or "None") not in SPLIT_TYPES:
        raise ValueError(f"TransformInput.SplitType must be one of {list(SPLIT_TYPES)}, got {split_type!r}")
    if strategy not in BATCH_STRATEGIES:
        raise ValueError(f"BatchStrategy must be one of {list(BATCH_STRATEGIES)}, got {strategy!r}")
    if isinstance(max_payload_mb, bool) or not isinstance(max_payload_mb, int) or max_payload_mb < 0:
        raise ValueError(f"MaxPayloadInMB must be an int >= 0 (0 = unlimited), got {max_payload_mb!r}")


def _recordio_records(handle) -> Iterator[bytes]:
    while True:
        header = handle.read(8)
        if not header:
            return
        if len(header) < 8:
            raise ValueError("truncated RecordIO header")
        magic, length_word = struct.unpack("<II", header)
        if magic != _RECORDIO_MAGIC:
            raise ValueError("not a RecordIO file (bad magic number)")
        length = length_word & ((1 << 29) - 1)
        payload = handle.read(length)
        padding = (4 - length % 4) % 4
        handle.read(padding)
        yield header + payload + b"\x00" * padding


def split_records(path: str, split_type: Optional[str]) -> Iterator[bytes]:
    """The records of the file at ``path``."""
    split_type = split_type or "None"
    with open(path, "rb") as handle:
        if split_type == "None":
            yield handle.read()
        elif split_type == "Line":
            for line in handle:
                if line.strip():  # blank lines are not records
                    yield line
        else:
            yield from _recordio_records(handle)


def payloads(path: str, split_type: Optional[str], strategy: str, max_payload_mb: int) -> Iterator[bytes]:
    """Request bodies for one input file."""
    limit = max_payload_mb * 1024 * 1024 if max_payload_mb else None

    def checked(record: bytes) -> bytes:
        if limit is not None and len(record) > limit:
            raise PayloadTooLargeError(
                f"a record of {path} is {len(record)} bytes, larger than MaxPayloadInMB={max_payload_mb}; "
                "raise max_payload or split the input (split_type='Line')"
            )
        return record

    if strategy == "SingleRecord" or (split_type or "None") == "None":
        for record in split_records(path, split_type):
            yield checked(record)
        return
    batch = bytearray()
    for record in split_records(path, split_type):
        checked(record)
        if batch and limit is not None and len(batch) + len(record) > limit:
            yield bytes(batch)
            batch = bytearray()
        batch += record
    if batch:
        yield bytes(batch)
