"""Waiting for SageMaker jobs and endpoints: adaptive polling that ends on every terminal status.

V2 sleeps a fixed interval before its first status check; here the first
check is immediate and the interval grows from 0.2 s up to ``poll``, so a job
that is already finished costs one Describe call.
"""
from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterator, Optional

from sagemaker_estimators.exceptions import CapacityError, UnexpectedStatusException

if TYPE_CHECKING:
    from sagemaker_estimators.session_like import SessionLike

logger = logging.getLogger(__name__)

TERMINAL_JOB_STATUSES = frozenset({"Completed", "Failed", "Stopped"})
TERMINAL_ENDPOINT_STATUSES = frozenset({"InService", "Failed", "OutOfService", "RollingBack"})
TROUBLESHOOTING_URL = (
    "https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-python-sdk-troubleshooting.html"
)


def poll_intervals(poll: float, first: float = 0.2, factor: float = 2.0) -> Iterator[float]:
    """0.2, 0.4, 0.8 ... seconds, capped at ``poll``."""
    interval = min(first, poll)
    while True:
        yield interval
        interval = min(interval * factor, poll)


def wait_until(
    describe: Callable[[], Dict[str, Any]],
    is_done: Callable[[Dict[str, Any]], bool],
    poll: float,
    timeout: Optional[float] = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Dict[str, Any]:
    """Call ``describe`` until ``is_done`` says so; return the last description.

    Raises TimeoutError when ``timeout`` seconds pass first.
    """
    deadline = None if timeout is None else time.monotonic() + timeout
    intervals = poll_intervals(poll)
    while True:
        description = describe()
        if is_done(description):
            return description
        interval = next(intervals)
        if deadline is not None and time.monotonic() + interval > deadline:
            raise TimeoutError(f"Gave up waiting after {timeout} seconds")
        sleep(interval)


def check_job_status(job_name: str, description: Dict[str, Any], status_key: str) -> None:
    """Raise when a finished job did not complete; warn when it was stopped (as V2)."""
    status = description[status_key]
    if status == "Completed":
        return
    if status == "Stopped":
        logger.warning(
            "Job ended with status 'Stopped' rather than 'Completed'. This could mean the job "
            "timed out or stopped early for some other reason: Consider checking whether it "
            "completed as you expect."
        )
        return
    reason = description.get("FailureReason", "(No reason provided)")
    job_type = status_key.replace("JobStatus", " job")
    message = (
        f"Error for {job_type} {job_name}: {status}. Reason: {reason}. "
        f"Check troubleshooting guide for common errors: {TROUBLESHOOTING_URL}"
    )
    error = CapacityError if "CapacityError" in str(reason) else UnexpectedStatusException
    raise error(message=message, allowed_statuses=["Completed", "Stopped"], actual_status=status)


class JobHandle:
    """A SageMaker job by name, bound to the session that started or attached it."""

    #: the Session method that describes this kind of job
    _describe_method = ""

    def __init__(self, sagemaker_session: SessionLike, job_name: str):
        self.sagemaker_session = sagemaker_session
        self.job_name = job_name

    @property
    def name(self) -> str:
        return self.job_name

    def describe(self) -> Dict[str, Any]:
        """The job's Describe* response."""
        return getattr(self.sagemaker_session, self._describe_method)(self.job_name)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(job_name={self.job_name!r})"
