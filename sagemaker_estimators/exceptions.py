"""The package's exception root, and the exceptions with V2's names (``sagemaker.exceptions``).

Every error class of the package derives from :class:`SageMakerEstimatorsError`
besides the builtin base V2 gives it (a class V2 derives from ``ValueError`` is
still a ``ValueError``), so callers can catch everything this package raises at
once.  Error classes that belong to one module stay defined there and take this
base; ``tests/test_exceptions.py`` checks that none is left out.
"""
from __future__ import annotations

from typing import Optional, Sequence

__all__ = ["SageMakerEstimatorsError", "UnexpectedStatusException", "CapacityError"]


class SageMakerEstimatorsError(Exception):
    """Base of every error this package defines."""


class UnexpectedStatusException(ValueError, SageMakerEstimatorsError):
    """A job or endpoint ended in a status other than the ones expected."""

    def __init__(self, message: str, allowed_statuses: Sequence[str], actual_status: Optional[str]):
        self.allowed_statuses = list(allowed_statuses)
        self.actual_status = actual_status
        super().__init__(message)


class CapacityError(UnexpectedStatusException):
    """The job failed for lack of instance capacity."""
