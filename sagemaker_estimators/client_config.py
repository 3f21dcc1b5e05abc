"""The botocore ``Config`` for clients a Session creates: standard retries, 10 attempts.

botocore's default ("legacy", 5 attempts for S3, 5 for SageMaker) gives up after
five SlowDown or ThrottlingException answers in a row: one busy minute fails an
upload or a ``fit()``.  Clients made here use the "standard" mode (retries
throttling, transient 5xx and connection errors, with exponential backoff and
jitter) with 10 attempts, unless the user chose a retry mode or a number of
attempts themselves (``AWS_RETRY_MODE`` / ``AWS_MAX_ATTEMPTS`` or ``retry_mode`` /
``max_attempts`` in the AWS config file): then botocore's own settings apply.
"""
from __future__ import annotations

import os
from typing import Any, Optional

from botocore.config import Config

RETRY_MODE = "standard"
MAX_ATTEMPTS = 10


def user_configured_retries(boto_session: Any) -> bool:
    """True when the environment or the profile sets a retry mode or a number of attempts."""
    if os.environ.get("AWS_RETRY_MODE") or os.environ.get("AWS_MAX_ATTEMPTS"):
        return True
    try:
        scoped = boto_session._session.get_scoped_config()
    except Exception:  # noqa: BLE001 - a profile that cannot be read configures nothing
        return False
    return bool(scoped.get("retry_mode") or scoped.get("max_attempts"))


def client_config(boto_session: Any) -> Optional[Config]:
    """The Config to create clients with (None: leave botocore's configuration alone)."""
    if user_configured_retries(boto_session):
        return None
    return Config(retries={"mode": RETRY_MODE, "total_max_attempts": MAX_ATTEMPTS})
