"""Compare two recordings after normalisation and explain the first differences."""
from __future__ import annotations

import difflib
import json
from typing import Any, Dict, List, Optional

from tools.golden.normalise import normalise


def _call_label(call: Dict[str, Any]) -> str:
    return f"{call.get('service')}.{call.get('operation')}"


def _pretty(value: Any) -> List[str]:
    return json.dumps(value, indent=1, sort_keys=True).splitlines()


def _summary(expected: List[Dict[str, Any]], actual: List[Dict[str, Any]]) -> List[str]:
    lines = [
        "V2 calls:   " + ", ".join(_call_label(call) for call in expected),
        "ours calls: " + ", ".join(_call_label(call) for call in actual),
    ]
    for index, (left, right) in enumerate(zip(expected, actual)):
        if left != right:
            lines.append(
                f"first difference at call #{index}: V2 {_call_label(left)} "
                f"vs ours {_call_label(right)}"
            )
            break
    else:
        if len(expected) != len(actual):
            lines.append(f"V2 made {len(expected)} calls, ours {len(actual)}")
    return lines


def diff_recordings(
    expected: Dict[str, Any],
    actual: Dict[str, Any],
    context: int = 6,
    reads_as_set: bool = False,
    reads: str = "sequence",
) -> Optional[str]:
    """``None`` when the normalised recordings are equal, else a readable report.

    ``expected`` is the V2 fixture, ``actual`` our run; both raw recordings.
    ``reads_as_set`` turns on the opt-in normalisation rule 7.
    """
    left = normalise(expected, reads_as_set=reads_as_set, reads=reads)
    right = normalise(actual, reads_as_set=reads_as_set, reads=reads)
    if left == right:
        return None
    report: List[str] = []
    if right.get("scenario_error"):
        report.append(f"scenario raised under ours: {right['scenario_error']}")
        if actual.get("stderr"):
            report.append(actual["stderr"])
    report.extend(_summary(left["calls"], right["calls"]))
    report.extend(
        difflib.unified_diff(
            _pretty(left),
            _pretty(right),
            fromfile="V2 (fixture)",
            tofile="ours",
            lineterm="",
            n=context,
        )
    )
    return "\n".join(report)
