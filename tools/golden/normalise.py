"""The normalisation applied to both sides of a golden comparison.

Field-for-field equality is the point, so the list is short and every rule is
here, with why it exists.  A recording (see ``bootstrap.py``) is reduced to
``{"calls": [...], "network": [...], "values": {...}, "scenario_error"?}``:

1. **Telemetry is dropped.**  V2 wraps ``fit``/``deploy``/... in a decorator
   that, after the call, asks STS ``GetCallerIdentity`` for the account id and
   sends an HTTPS GET to ``sm-pysdk-t-<region>.s3.<region>.amazonaws.com``.
   The recorder flags those calls and network attempts ``"telemetry": true``
   (by their origin in V2's ``sagemaker/telemetry`` package, never by
   operation name); this project sends no telemetry, so flagged entries are
   removed.  An unflagged network attempt is kept and compared (there should
   be none on either side).
2. **Timestamps become placeholders**, in every string anywhere (names, S3
   keys, ARNs, hyperparameters such as ``sagemaker_job_name`` and
   ``sagemaker_submit_directory``, recorded values):
   ``2026-11-22-03-01-02-123`` (V2 ``sagemaker_timestamp``, job/model/endpoint
   names) -> ``<TS>``; ``-261122-0301`` (V2 ``sagemaker_short_timestamp`` after
   a dash) -> ``-<SHORT-TS>``.
3. **Random suffixes become placeholders**: ``-<10-digit epoch>-<4 hex>``
   (V2 ``unique_name_from_base``) -> ``-<EPOCH>-<RAND4>``; UUIDs -> ``<UUID>``;
   S3 multipart ``UploadId`` values -> ``<UPLOAD-ID>``.
4. **Polling collapses**: a run of identical consecutive calls (same service,
   operation, params and outcome) counts once, because how often a waiter
   polls a job that moto completed at once is timing, not the request.
5. **S3 ``ChecksumAlgorithm`` is dropped** from call params: boto3's transfer
   manager (``upload_file``/``upload_fileobj``) adds it by itself, depending on
   the boto3 version and its ``request_checksum_calculation`` setting, not on
   the SDK's code.
6. **A body shown as text is compared by its text**: a body description with
   ``"text"`` (the whole body, see ``bodies.py``) drops its ``sha256``, so the
   text is normalised by rules 2-3 like any string (a record-set manifest
   names its timestamped S3 prefix).
6a. **Not compared**: ``redirects`` (a harness note: V2 builds its STS client
   with an explicit ``sts.<region>.amazonaws.com`` endpoint, which the
   recorder re-points at moto) and the scenario's stderr.

One rule is opt-in (``reads_as_set=True``; off by default, and
``tests/golden/test_golden.py`` says where it is used):

7. **Reads as a set**: read-only calls (operations named ``Describe*``,
   ``List*``, ``Get*``, ``Head*``) are taken out of the ordered sequence and
   compared as a sorted set of distinct calls, so how often and where an
   implementation looks something up (V2 asks STS for the account id twice
   and lists all buckets to resolve its default bucket) does not count, while
   every create/update/delete/put/invoke stays in order, field for field.

8. **Reads ignored** (``reads="ignore"``, what the replay test uses): read-only
   calls are dropped altogether.  Reads are side traffic with no effect on
   AWS; this project deliberately makes fewer of them than V2 (one cached STS
   call, HeadBucket instead of listing every bucket, no telemetry), and the
   values a scenario reads back (``model_data``, predictions, attached
   settings) are still compared through ``record_value``.

Everything else - call order, every parameter, error codes moto answered
with, body descriptions (tarball member lists and content digests), values
the scenario recorded - must be equal.
"""
from __future__ import annotations

import json
import re
from typing import Any, Callable, Dict, List, Tuple

#: (pattern, replacement) applied in this order to every string
STRING_RULES: List[Tuple["re.Pattern[str]", str]] = [
    (re.compile(r"\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-\d{3}"), "<TS>"),
    (re.compile(r"-\d{10}-[0-9a-f]{4}(?![0-9a-zA-Z])"), "-<EPOCH>-<RAND4>"),
    (
        re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
        "<UUID>",
    ),
    (re.compile(r"-\d{6}-\d{4}(?![0-9])"), "-<SHORT-TS>"),
]

#: parameter names whose whole value is random per run
RANDOM_KEYS = {"UploadId": "<UPLOAD-ID>"}
#: top-level call parameters removed before comparison (rule 5)
DROPPED_PARAMS = frozenset({"ChecksumAlgorithm"})


def normalise_string(text: str) -> str:
    """Apply the timestamp and random-suffix rules (2, 3) to one string."""
    for pattern, replacement in STRING_RULES:
        text = pattern.sub(replacement, text)
    return text


def _map_strings(value: Any, func: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return func(value)
    if isinstance(value, dict):
        return {
            func(key): RANDOM_KEYS[key] if key in RANDOM_KEYS else _map_strings(item, func)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_map_strings(item, func) for item in value]
    return value


def _text_bodies_without_digest(value: Any) -> Any:
    """Rule 6: a described body that carries its text drops its sha256."""
    if isinstance(value, dict):
        if "text" in value and "sha256" in value and "length" in value:
            return {key: item for key, item in value.items() if key != "sha256"}
        return {key: _text_bodies_without_digest(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_text_bodies_without_digest(item) for item in value]
    return value


def _collapse_runs(calls: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    collapsed: List[Dict[str, Any]] = []
    for call in calls:
        if not collapsed or collapsed[-1] != call:
            collapsed.append(call)
    return collapsed


#: operation-name prefixes of read-only calls (rule 7)
READ_PREFIXES = ("Describe", "List", "Get", "Head")


def _split_reads(calls: List[Dict[str, Any]]) -> Tuple[List[Dict[str, Any]], List[Dict[str, Any]]]:
    writes = [c for c in calls if not c["operation"].startswith(READ_PREFIXES)]
    reads = {
        json.dumps(c, sort_keys=True): c for c in calls if c["operation"].startswith(READ_PREFIXES)
    }
    return writes, [reads[key] for key in sorted(reads)]


READ_MODES = ("sequence", "set", "ignore")


def normalise(recording: Dict[str, Any], reads_as_set: bool = False, reads: str = "sequence") -> Dict[str, Any]:
    """The comparable form of a recording (rules 1-6; 7 with ``reads="set"``, 8 with ``reads="ignore"``).

    ``reads_as_set=True`` is the older spelling of ``reads="set"``.
    """
    if reads not in READ_MODES:
        raise ValueError(f"reads={reads!r}; valid: {', '.join(READ_MODES)}")
    if reads_as_set:
        reads = "set"
    calls = [
        {
            **{key: value for key, value in call.items() if key != "telemetry"},
            "params": _text_bodies_without_digest({
                key: value
                for key, value in call.get("params", {}).items()
                if key not in DROPPED_PARAMS
            }),
        }
        for call in recording.get("calls", [])
        if not call.get("telemetry")
    ]
    network = [
        {key: value for key, value in event.items() if key != "telemetry"}
        for event in recording.get("network", [])
        if not event.get("telemetry")
    ]
    calls = _collapse_runs(_map_strings(calls, normalise_string))
    result: Dict[str, Any] = {"calls": calls}
    if reads == "set":
        result["calls"], result["reads"] = _split_reads(calls)
    elif reads == "ignore":
        result["calls"] = _collapse_runs(_split_reads(calls)[0])
    result["network"] = _map_strings(network, normalise_string)
    result["values"] = _map_strings(recording.get("values", {}), normalise_string)
    if recording.get("scenario_error"):
        result["scenario_error"] = recording["scenario_error"]
    return result
