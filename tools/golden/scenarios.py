"""Where golden scenarios and their fixtures live, and how to find them.

``tests/golden/scenarios/<area>/<name>.py`` is a scenario: plain Python using
V2's public API.  Its fixture, recorded from V2, is
``tests/golden/fixtures/<area>/<name>.json``.
"""
from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterable, List, Optional

import attrs

from tools.golden.runner import REPO_ROOT

GOLDEN_DIR = os.path.join(REPO_ROOT, "tests", "golden")
SCENARIO_DIR = os.path.join(GOLDEN_DIR, "scenarios")
FIXTURE_DIR = os.path.join(GOLDEN_DIR, "fixtures")


@attrs.frozen
class Scenario:
    """One scenario script and where its fixture goes."""

    area: str
    name: str

    @property
    def id(self) -> str:
        return f"{self.area}/{self.name}"

    @property
    def path(self) -> str:
        return os.path.join(SCENARIO_DIR, self.area, self.name + ".py")

    @property
    def fixture_path(self) -> str:
        return os.path.join(FIXTURE_DIR, self.area, self.name + ".json")

    def load_fixture(self) -> Dict[str, Any]:
        with open(self.fixture_path, encoding="utf-8") as handle:
            return json.load(handle)


def areas() -> List[str]:
    """Area folder names, sorted."""
    return sorted(
        entry
        for entry in os.listdir(SCENARIO_DIR)
        if os.path.isdir(os.path.join(SCENARIO_DIR, entry)) and not entry.startswith(("_", "."))
    )


def discover(area: Optional[str] = None, names: Iterable[str] = ()) -> List[Scenario]:
    """Scenarios of one area (or all), optionally only those named.

    A name may be ``name`` or ``area/name``.  Unknown names raise ValueError.
    """
    found = [
        Scenario(area=folder, name=entry[:-3])
        for folder in ([area] if area else areas())
        for entry in sorted(os.listdir(os.path.join(SCENARIO_DIR, folder)))
        if entry.endswith(".py") and not entry.startswith("_")
    ]
    wanted = list(names)
    if not wanted:
        return found
    chosen = [s for s in found if s.name in wanted or s.id in wanted]
    unknown = set(wanted) - {s.name for s in chosen} - {s.id for s in chosen}
    if unknown:
        raise ValueError(
            f"unknown scenario(s) {sorted(unknown)}; known: {[s.id for s in found]}"
        )
    return chosen
