"""Upload bytes to one S3 object while they are still being produced.

:class:`StreamingUpload` collects what is written into parts; the first full
part starts a multipart upload and each part is sent on a small thread pool
while the producer keeps going.  Data that never fills a part is sent as one
``PutObject`` with the same arguments ``upload_file`` would use, so small
objects cost one request.  Memory holds at most ``max_concurrency + 1`` parts.
A failure (or :meth:`abort`) aborts the multipart upload, leaving no object and
no orphaned parts.
"""
from __future__ import annotations

import collections
import logging
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Deque, Dict, List, Optional

from sagemaker_estimators.closing import CloseOnSuccess

logger = logging.getLogger(__name__)

#: bytes per part (S3 needs >= 5 MiB for every part but the last); boto3's default threshold
PART_SIZE = 8 * 1024 * 1024
#: arguments of CreateMultipartUpload / PutObject that UploadPart and CompleteMultipartUpload also take
_PER_PART_ARGS = ("ExpectedBucketOwner", "RequestPayer", "SSECustomerAlgorithm", "SSECustomerKey",
                  "SSECustomerKeyMD5")


class StreamingUpload(CloseOnSuccess):
    """A write-only sink that ends as the object ``s3://bucket/key``.

    Args:
        s3_client: a boto3 S3 client.
        bucket, key: the destination.
        extra_args: ``ExtraArgs`` as for ``upload_file`` (``ServerSideEncryption``,
            ``SSEKMSKeyId``, ``ExpectedBucketOwner`` ...).
        part_size: bytes per part.
        max_concurrency: parts in flight at once.
    """

    def __init__(self, s3_client: Any, bucket: str, key: str, extra_args: Optional[Dict[str, Any]] = None,
                 part_size: int = PART_SIZE, max_concurrency: int = 4):
        self._client = s3_client
        self._bucket = bucket
        self._key = key
        self._extra = dict(extra_args or {})
        self._part_size = part_size
        self._max_concurrency = max(1, max_concurrency)
        self._buffer: List[bytes] = []
        self._buffered = 0
        self._upload_id: Optional[str] = None
        self._pool: Optional[ThreadPoolExecutor] = None
        self._in_flight: Deque[Future] = collections.deque()
        self._parts: List[Dict[str, Any]] = []
        self._finished = False

    def write(self, data: bytes) -> int:
        """Add ``data`` to the object."""
        if self._finished:
            raise ValueError("write to a finished StreamingUpload")
        if data:
            self._buffer.append(bytes(data))
            self._buffered += len(data)
            if self._buffered >= self._part_size:
                self._send_part()
        return len(data)

    def close(self) -> str:
        """Send what is left and complete the object; return its ``s3://`` URI."""
        if self._finished:
            return self.uri
        try:
            if self._upload_id is None:
                body = b"".join(self._buffer)
                self._buffer, self._buffered = [], 0
                self._client.put_object(Bucket=self._bucket, Key=self._key, Body=body, **self._extra)
            else:
                if self._buffer:
                    self._send_part()
                while self._in_flight:
                    self._parts.append(self._in_flight.popleft().result())
                self._client.complete_multipart_upload(
                    Bucket=self._bucket, Key=self._key, UploadId=self._upload_id,
                    MultipartUpload={"Parts": sorted(self._parts, key=lambda part: part["PartNumber"])},
                    **self._per_part_args(),
                )
        except BaseException:
            self.abort()
            raise
        self._finished = True
        self._shutdown()
        return self.uri

    def abort(self) -> None:
        """Give up: abort the multipart upload (nothing is left in S3)."""
        if self._finished:
            return
        self._finished = True
        for future in self._in_flight:
            future.cancel()
        self._shutdown()
        self._in_flight.clear()
        if self._upload_id is not None:
            try:
                self._client.abort_multipart_upload(Bucket=self._bucket, Key=self._key, UploadId=self._upload_id,
                                                    **self._per_part_args())
            except Exception as error:  # noqa: BLE001 - the original failure matters more
                logger.warning("Could not abort the multipart upload of s3://%s/%s: %s", self._bucket, self._key, error)

    @property
    def uri(self) -> str:
        """``s3://bucket/key``."""
        return f"s3://{self._bucket}/{self._key}"

    # internals ---------------------------------------------------------------------
    def _per_part_args(self) -> Dict[str, Any]:
        return {name: self._extra[name] for name in _PER_PART_ARGS if name in self._extra}

    def _send_part(self) -> None:
        if self._upload_id is None:
            created = self._client.create_multipart_upload(Bucket=self._bucket, Key=self._key, **self._extra)
            self._upload_id = created["UploadId"]
            self._pool = ThreadPoolExecutor(max_workers=self._max_concurrency, thread_name_prefix="s3-part")
        body = b"".join(self._buffer)
        self._buffer, self._buffered = [], 0
        number = len(self._parts) + len(self._in_flight) + 1
        assert self._pool is not None
        self._in_flight.append(self._pool.submit(self._upload_part, number, body))
        while len(self._in_flight) >= self._max_concurrency or (self._in_flight and self._in_flight[0].done()):
            self._parts.append(self._in_flight.popleft().result())

    def _upload_part(self, number: int, body: bytes) -> Dict[str, Any]:
        answer = self._client.upload_part(Bucket=self._bucket, Key=self._key, UploadId=self._upload_id,
                                          PartNumber=number, Body=body, **self._per_part_args())
        return {"PartNumber": number, "ETag": answer["ETag"]}

    def _shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
