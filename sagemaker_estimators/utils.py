"""Job-name helpers with V2's formats (``sagemaker.utils``)."""
from __future__ import annotations

import re
import secrets
import threading
import time
from typing import Optional, Set

#: SageMaker's rule for training job, model, endpoint and transform job names
NAME_PATTERN = re.compile(r"^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")
MAX_NAME_LENGTH = 63

_TIMESTAMP_SUFFIX = re.compile(r"^(.+)-(\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-\d{3}|\d{6}-\d{4})")
_IMAGE_REPOSITORY = re.compile(r"^(.+/)?([^:/]+)(:[^:]+)?$")


def sagemaker_timestamp(moment: Optional[float] = None) -> str:
    """UTC timestamp with milliseconds, as in job names: ``2026-11-22-03-02-44-805``."""
    moment = time.time() if moment is None else moment
    millis = int((moment % 1) * 1000)
    return time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime(moment)) + f"-{millis:03d}"


def sagemaker_short_timestamp(moment: Optional[float] = None) -> str:
    """Local-time short timestamp ``yymmdd-HHMM`` (V2's ``short=True`` names)."""
    return time.strftime("%y%m%d-%H%M", time.localtime(moment))


#: every name name_from_base() handed out in this process, so threads never get the same one
_ISSUED_NAMES: Set[str] = set()
_ISSUED_LOCK = threading.Lock()


def name_from_base(base: str, max_length: int = MAX_NAME_LENGTH, short: bool = False) -> str:
    """Append a timestamp to ``base``, trimming ``base`` so the result fits ``max_length``.

    Names are unique within the process: a name already handed out (two jobs started
    in the same millisecond, from threads) gets the next free timestamp (+1 ms, or +1
    minute for ``short`` names), so the format stays V2's.
    """
    moment = time.time()
    step = 60.0 if short else 0.001
    with _ISSUED_LOCK:
        while True:
            stamp = sagemaker_short_timestamp(moment) if short else sagemaker_timestamp(moment)
            name = f"{base[: max_length - len(stamp) - 1]}-{stamp}"
            if name not in _ISSUED_NAMES:
                _ISSUED_NAMES.add(name)
                return name
            moment += step


def unique_name_from_base(base: str, max_length: int = MAX_NAME_LENGTH) -> str:
    """``base-<epoch seconds>-<4 random hex digits>``, trimmed to ``max_length``."""
    unique = secrets.token_hex(2)
    stamp = str(int(time.time()))
    room = max_length - 2 - len(stamp) - len(unique)
    return f"{base[:room]}-{stamp}-{unique}"


def base_name_from_image(image: str, default_base_name: Optional[str] = None) -> str:
    """The repository part of an image URI: ``.../sagemaker-xgboost:1.7-1`` -> ``sagemaker-xgboost``."""
    if not image:
        return default_base_name or "base_name"
    match = _IMAGE_REPOSITORY.match(image)
    return match.group(2) if match else image


def base_from_name(name: str) -> str:
    """Strip the timestamp ``name_from_base`` added: ``xgb-2026-11-22-03-02-44-805`` -> ``xgb``."""
    match = _TIMESTAMP_SUFFIX.match(name)
    return match.group(1) if match else name


def validate_name(value: object, parameter: str) -> str:
    """Check a SageMaker resource name; raise ValueError naming ``parameter`` when it is invalid."""
    if not isinstance(value, str):
        raise TypeError(f"{parameter} must be a str, got {type(value).__name__}: {value!r}")
    if len(value) > MAX_NAME_LENGTH:
        raise ValueError(
            f"{parameter}={value!r} is {len(value)} characters long; SageMaker allows at most "
            f"{MAX_NAME_LENGTH}."
        )
    if not NAME_PATTERN.match(value):
        raise ValueError(
            f"{parameter}={value!r} is not a valid SageMaker name: use letters, digits and "
            "hyphens, starting and ending with a letter or digit (pattern "
            f"{NAME_PATTERN.pattern})."
        )
    return value
