"""Exceptions with V2's names (``sagemaker.exceptions``)."""
from __future__ import annotations

from typing import Optional, Sequence


class UnexpectedStatusException(ValueError):
    """A job or endpoint ended in a status other than the ones expected."""

    def __init__(self, message: str, allowed_statuses: Sequence[str], actual_status: Optional[str]):
        self.allowed_statuses = list(allowed_statuses)
        self.actual_status = actual_status
        super().__init__(message)


class CapacityError(UnexpectedStatusException):
    """The job failed for lack of instance capacity."""
