"""Turn the parameters of one botocore API call into JSON-safe data.

Request bodies (``bytes``, ``str`` or file objects under any key, e.g. S3
``PutObject``/``UploadPart`` ``Body`` or SageMaker-runtime ``InvokeEndpoint``
``Body``) are replaced by a description instead of their bytes:

* a gzip-compressed tar archive: ``{"tar_members": [sorted names, directories
  with a trailing "/"], "tar_files": {name: sha256 of the content}}`` - the
  archive's own bytes hold mtimes, so they are not compared;
* anything else: ``{"length": n, "sha256": hex}`` plus ``"text"`` when the
  body is short UTF-8, so a diff shows what was sent.

``str`` and ``bytes`` bodies with the same UTF-8 bytes describe the same:
they are the same bytes on the wire.  Every other parameter is kept as is
(``datetime`` as ISO text, unknown objects as ``repr``).

Stdlib only: imported by ``bootstrap.py`` in the interpreter under test.
"""
from __future__ import annotations

import datetime
import hashlib
import io
import tarfile
from typing import Any, Dict, Optional

#: bodies up to this many bytes that decode as UTF-8 are shown as text as well
TEXT_LIMIT = 4096
#: parameter names whose ``str`` value is a body (other strings stay strings)
BODY_KEYS = frozenset({"Body"})


def _read_all(stream: Any) -> "tuple[bytes, bool]":
    """Read a file object fully; return its bytes and whether it was rewound."""
    try:
        start = stream.tell()
    except (AttributeError, OSError, ValueError):
        start = None
    data = stream.read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    if start is None:
        return data, False
    try:
        stream.seek(start)
        return data, True
    except (AttributeError, OSError, ValueError):
        return data, False


def _tar_description(data: bytes) -> Optional[Dict[str, Any]]:
    if not data.startswith(b"\x1f\x8b"):
        return None
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
            names = []
            files = {}
            for member in archive.getmembers():
                if member.isdir():
                    names.append(member.name.rstrip("/") + "/")
                    continue
                names.append(member.name)
                if member.isfile():
                    content = archive.extractfile(member).read()
                    files[member.name] = hashlib.sha256(content).hexdigest()
    except (tarfile.TarError, OSError, EOFError):
        return None
    return {"tar_members": sorted(names), "tar_files": files}


def describe_body(data: bytes) -> Dict[str, Any]:
    """The description a body is recorded as (see the module docstring)."""
    tar = _tar_description(data)
    if tar is not None:
        return tar
    description: Dict[str, Any] = {
        "length": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    if len(data) <= TEXT_LIMIT:
        try:
            description["text"] = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return description


def json_safe(value: Any) -> Any:
    """A JSON-safe copy of ``value`` (bodies described, datetimes as ISO text)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        return describe_body(bytes(value))
    if isinstance(value, dict):
        return {str(key): json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted(json_safe(item) for item in value)
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if hasattr(value, "read"):
        data, _ = _read_all(value)
        return describe_body(data)
    return repr(value)


def _walk(container: Any, key: Any, value: Any) -> Any:
    if hasattr(value, "read") and not isinstance(value, (str, bytes)):
        data, rewound = _read_all(value)
        if not rewound:
            container[key] = data  # the real call still needs the bytes
        return describe_body(data)
    if isinstance(value, str) and key in BODY_KEYS:
        return describe_body(value.encode("utf-8"))
    if isinstance(value, dict):
        return {str(k): _walk(value, k, v) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(value, index, item) for index, item in enumerate(value)]
    return json_safe(value)


def describe_params(params: Dict[str, Any]) -> Dict[str, Any]:
    """JSON-safe copy of one call's ``params`` with bodies described.

    Bodies are recognised by their type (file object, bytes) and, for text,
    by the ``Body`` key.
    """
    return {str(key): _walk(params, key, value) for key, value in params.items()}
