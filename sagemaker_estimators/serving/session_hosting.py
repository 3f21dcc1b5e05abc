"""Hosting and batch-transform calls of ``Session`` (filled in by the deploy/transform work)."""
from __future__ import annotations


class HostingMixin:
    """Session methods for models, endpoints and transform jobs."""
