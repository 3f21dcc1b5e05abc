"""S3 URI helpers and V2's ``S3Uploader`` / ``S3Downloader`` (``sagemaker.s3``)."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Tuple

from sagemaker_estimators.required import required

if TYPE_CHECKING:  # pragma: no cover
    from sagemaker_estimators.session_like import SessionLike

from sagemaker_estimators.s3_paths import (  # noqa: F401  - V2's sagemaker.s3 names, re-exported
    is_s3_uri,
    is_s3_url,
    local_path_from_file_uri,
    parse_s3_url,
    s3_path_join,
)

logger = logging.getLogger(__name__)


def determine_bucket_and_prefix(bucket: Optional[str] = None, key_prefix: Optional[str] = None,
                                sagemaker_session: Optional["SessionLike"] = None) -> Tuple[str, Optional[str]]:
    """``(bucket, key_prefix)`` to write to: the given bucket and prefix as they are, or else the
    session's default bucket with its ``default_bucket_prefix`` put before ``key_prefix`` (V2's rule)."""
    if bucket:
        return bucket, key_prefix
    session = _session(sagemaker_session)
    return session.default_bucket(), s3_path_join(getattr(session, "default_bucket_prefix", None), key_prefix)


def _session(sagemaker_session: Optional["SessionLike"]) -> "SessionLike":
    if sagemaker_session is not None:
        return sagemaker_session
    from sagemaker_estimators.session import Session

    return Session()


def _kms_args(kms_key: Optional[str]) -> Optional[Dict[str, str]]:
    if kms_key is None:
        return None
    return {"SSEKMSKeyId": kms_key, "ServerSideEncryption": "aws:kms"}


class S3Uploader:
    """Upload local files, bytes or strings to S3 (static methods, as in V2)."""

    @staticmethod
    def upload(
        local_path: str,
        desired_s3_uri: str,
        kms_key: Optional[str] = None,
        sagemaker_session: Optional["SessionLike"] = None,
        callback: Optional[Callable[[int], None]] = None,
    ) -> str:
        """Upload a file or a directory under ``desired_s3_uri``; return the S3 URI written."""
        bucket, key_prefix = parse_s3_url(desired_s3_uri)
        return _session(sagemaker_session).upload_data(
            path=local_path, bucket=bucket, key_prefix=key_prefix, callback=callback,
            extra_args=_kms_args(kms_key),
        )

    @staticmethod
    def upload_string_as_file_body(
        body: str,
        desired_s3_uri: Optional[str] = None,
        kms_key: Optional[str] = None,
        sagemaker_session: Optional["SessionLike"] = None,
    ) -> str:
        """Write ``body`` to the object ``desired_s3_uri``; return that URI."""
        bucket, key = parse_s3_url(required(desired_s3_uri, "desired_s3_uri"))
        return _session(sagemaker_session).upload_string_as_file_body(
            body=body, bucket=bucket, key=key, kms_key=kms_key
        )

    @staticmethod
    def upload_bytes(
        b: Any,
        s3_uri: str,
        kms_key: Optional[str] = None,
        sagemaker_session: Optional["SessionLike"] = None,
    ) -> str:
        """Write bytes (or a binary file object) to the object ``s3_uri``; return that URI."""
        bucket, key = parse_s3_url(s3_uri)
        session = _session(sagemaker_session)
        extra = _kms_args(kms_key) or {}
        body = b.read() if hasattr(b, "read") else b
        session.s3_client.put_object(Bucket=bucket, Key=key, Body=body, **extra)
        return s3_uri


class S3Downloader:
    """Download, read and list S3 objects (static methods, as in V2)."""

    @staticmethod
    def download(
        s3_uri: str,
        local_path: str,
        kms_key: Optional[str] = None,
        sagemaker_session: Optional["SessionLike"] = None,
    ) -> List[str]:
        """Download the object or every object under the prefix ``s3_uri``; return local paths."""
        bucket, key_prefix = parse_s3_url(s3_uri)
        extra = {"SSECustomerKey": kms_key} if kms_key is not None else None
        return _session(sagemaker_session).download_data(
            path=local_path, bucket=bucket, key_prefix=key_prefix, extra_args=extra
        )

    @staticmethod
    def read_file(s3_uri: str, sagemaker_session: Optional["SessionLike"] = None) -> str:
        """The object's body decoded as UTF-8."""
        bucket, key = parse_s3_url(s3_uri)
        return _session(sagemaker_session).read_s3_file(bucket, key)

    @staticmethod
    def read_bytes(s3_uri: str, sagemaker_session: Optional["SessionLike"] = None) -> bytes:
        """The object's body as bytes."""
        bucket, key = parse_s3_url(s3_uri)
        return _session(sagemaker_session).s3_client.get_object(Bucket=bucket, Key=key)["Body"].read()

    @staticmethod
    def list(s3_uri: str, sagemaker_session: Optional["SessionLike"] = None) -> List[str]:
        """S3 URIs of the objects under the prefix ``s3_uri`` (folder markers excluded)."""
        bucket, key_prefix = parse_s3_url(s3_uri)
        keys = _session(sagemaker_session).list_s3_files(bucket, key_prefix)
        return [f"s3://{bucket}/{key}" for key in keys if not key.endswith("/")]
