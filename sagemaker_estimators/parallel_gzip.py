"""A gzip writer that compresses on several threads and still writes one gzip member.

The data is cut into segments; each segment is deflated by its own compressor on
a worker thread (zlib releases the GIL) and ends with a sync flush, so the
compressed segments join into a single deflate stream, which is closed by an
empty final block.  The result is an ordinary single-member ``.gz`` file that
``gzip``, ``tarfile`` and ``tar xz`` read.  Data marked incompressible (a file
that is already compressed) is emitted as stored blocks without being run
through deflate.  At most ``2 x workers`` segments are in flight, so memory is
bounded whatever the size of the input.
"""
from __future__ import annotations

import collections
import os
import struct
import time
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable, Deque, List, Optional, Tuple, Union

from sagemaker_estimators.closing import CloseOnSuccess

#: uncompressed bytes per segment handed to a worker
SEGMENT_SIZE = 1 << 20
_STORED_MAX = 0xFFFF
#: an empty stored block with BFINAL set: ends the deflate stream on a byte boundary
_FINAL_BLOCK = b"\x01\x00\x00\xff\xff"


def stored_blocks(data: bytes) -> bytes:
    """``data`` as non-final deflate stored blocks (the stream must be byte-aligned here)."""
    view = memoryview(data)
    pieces: List[Union[bytes, memoryview]] = []
    for start in range(0, len(view), _STORED_MAX):
        chunk = view[start:start + _STORED_MAX]
        pieces.append(b"\x00" + struct.pack("<HH", len(chunk), len(chunk) ^ 0xFFFF))
        pieces.append(chunk)
    return b"".join(pieces)


def _deflate_segment(parts: List[Tuple[bytes, bool]], level: int) -> bytes:
    """Deflate one segment into byte-aligned, non-final blocks that need no earlier history."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    out = []
    pending = False
    for data, compressible in parts:
        if compressible:
            out.append(compressor.compress(data))
            pending = True
            continue
        if pending:
            # a full flush forgets the history, so nothing later refers back past the stored bytes
            out.append(compressor.flush(zlib.Z_FULL_FLUSH))
            pending = False
        out.append(stored_blocks(data))
    if pending:
        out.append(compressor.flush(zlib.Z_SYNC_FLUSH))
    return b"".join(out)


class ParallelGzipWriter(CloseOnSuccess):
    """Write-only binary file object producing one gzip member through ``sink``.

    Args:
        sink: called with each piece of compressed output, in order.
        level: zlib compression level for compressible data.
        workers: compression threads (default: the number of CPUs, at most 8).
        segment_size: uncompressed bytes per unit of work.
    """

    def __init__(self, sink: Callable[[bytes], None], level: int = 6, workers: Optional[int] = None,
                 segment_size: int = SEGMENT_SIZE):
        self._sink = sink
        self._level = level
        self._workers = max(1, workers or min(8, os.cpu_count() or 1))
        self._segment_size = segment_size
        self._pool = ThreadPoolExecutor(max_workers=self._workers, thread_name_prefix="gzip")
        self._in_flight: Deque[Future] = collections.deque()
        self._parts: List[Tuple[bytes, bool]] = []
        self._buffer = bytearray()
        self._buffered = 0
        self._crc = 0
        self._size = 0
        self._closed = False
        self._sink(b"\x1f\x8b\x08\x00" + struct.pack("<I", int(time.time()) & 0xFFFFFFFF) + b"\x00\xff")

    # file-object protocol ----------------------------------------------------------
    def writable(self) -> bool:
        return True

    def write(self, data: bytes, compressible: bool = True) -> int:
        """Add ``data``; ``compressible=False`` stores it as it is (already compressed data)."""
        if self._closed:
            raise ValueError("write to a closed ParallelGzipWriter")
        if not data:
            return 0
        self._crc = zlib.crc32(data, self._crc)
        self._size += len(data)
        if compressible:
            self._buffer += data
        else:
            self._cut_buffer()
            self._parts.append((bytes(data), False))
        self._buffered += len(data)
        if self._buffered >= self._segment_size:
            self._submit()
        return len(data)

    def flush(self) -> None:
        """Nothing to do: output is handed to the sink as segments complete."""

    def close(self) -> None:
        """Compress what is left, end the stream and write the gzip trailer."""
        if self._closed:
            return
        self._closed = True
        try:
            self._submit()
            while self._in_flight:
                self._sink(self._in_flight.popleft().result())
            self._sink(_FINAL_BLOCK + struct.pack("<II", self._crc & 0xFFFFFFFF, self._size & 0xFFFFFFFF))
        finally:
            self.abort()

    def abort(self) -> None:
        """Stop the workers without writing anything more."""
        self._closed = True
        for future in self._in_flight:
            future.cancel()
        self._in_flight.clear()
        self._pool.shutdown(wait=True)

    # internals ---------------------------------------------------------------------
    def _cut_buffer(self) -> None:
        if self._buffer:
            self._parts.append((bytes(self._buffer), True))
            self._buffer = bytearray()

    def _submit(self) -> None:
        self._cut_buffer()
        if not self._parts:
            return
        parts, self._parts, self._buffered = self._parts, [], 0
        self._in_flight.append(self._pool.submit(_deflate_segment, parts, self._level))
        while len(self._in_flight) > 2 * self._workers or (self._in_flight and self._in_flight[0].done()):
            self._sink(self._in_flight.popleft().result())
