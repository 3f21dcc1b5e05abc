"""S3 and file URI helpers: pure string functions, no AWS call (``sagemaker.s3`` re-exports them).

They sit at the bottom of the package so that the session, ``local/`` and every job kind can
split and join S3 paths without importing :mod:`sagemaker_estimators.s3`, whose uploader
and downloader need a session.
"""
from __future__ import annotations

import os
import re
from typing import Any, Optional, Tuple
from urllib.parse import urlparse


def parse_s3_url(url: str) -> Tuple[str, str]:
    """Split ``s3://bucket/key`` into ``(bucket, key)``; ValueError for anything else."""
    parsed = urlparse(url)
    if parsed.scheme != "s3":
        raise ValueError(f"Expecting 's3' scheme, got: {parsed.scheme} in {url}.")
    return parsed.netloc, parsed.path.lstrip("/")


def is_s3_uri(value: Any) -> bool:
    """True for a string of the form ``s3://bucket[/key]`` with a non-empty bucket."""
    return isinstance(value, str) and value.startswith("s3://") and len(value) > 5 and value[5] != "/"


def is_s3_url(url: str) -> bool:
    """True when ``url``'s scheme is ``s3`` (V2's ``sagemaker.s3_utils.is_s3_url``; no bucket check)."""
    return urlparse(url).scheme == "s3"


def s3_path_join(*args: Optional[str], with_end_slash: bool = False) -> str:
    """Join S3 path parts with single slashes, as V2 does: a leading ``s3://`` of the first part is
    kept, empty parts are skipped and every run of slashes (anywhere else) becomes one."""
    parts = [str(arg) for arg in args if arg]
    if not parts:
        return ""
    prefix = ""
    if parts[0].startswith("s3://"):
        prefix = "s3://"
        parts[0] = parts[0][len("s3://"):]
    cleaned = [re.sub("/+", "/", part).strip("/") for part in parts]
    joined = prefix + "/".join(part for part in cleaned if part)
    if with_end_slash and joined and not joined.endswith("/"):
        joined += "/"
    return joined


def local_path_from_file_uri(uri: str) -> str:
    """``file:///a/b`` -> ``/a/b`` (V2 also accepts ``file://a/b`` as relative)."""
    if not uri.startswith("file://"):
        raise ValueError(f"Expected a file:// URI, got {uri!r}")
    return os.path.abspath(uri[len("file://"):])
