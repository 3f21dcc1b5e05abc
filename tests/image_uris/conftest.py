"""Fixtures for the image-URI tests: a default registry pinned to known sources."""
from __future__ import annotations

import gzip
import json
import os

import pytest

from sagemaker_estimators import image_uris

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures")
V2_FIXTURE = os.path.join(FIXTURES, "v2_image_uris.json.gz")


@pytest.fixture
def bundled_only(monkeypatch):
    """The default registry reads only the bundled data (no overlay, no sagemaker-core)."""
    monkeypatch.delenv(image_uris.OVERLAY_ENV, raising=False)
    monkeypatch.setenv(image_uris.SKIP_CORE_ENV, "1")
    monkeypatch.setenv("SAGEMAKER_USER_CONFIG_OVERRIDE", os.devnull + "-absent")
    monkeypatch.setenv("SAGEMAKER_ADMIN_CONFIG_OVERRIDE", os.devnull + "-absent")
    image_uris.reload()
    yield image_uris.default_registry()
    monkeypatch.undo()
    image_uris.reload()


@pytest.fixture(scope="session")
def v2_cases():
    """The recorded V2 results: [function, kwargs, {region: uri | error}]."""
    with gzip.open(V2_FIXTURE, "rt", encoding="utf-8") as handle:
        return json.load(handle)["cases"]
