"""Streaming a training or transform job's CloudWatch logs while it runs (V2's ``logs_for_job``).

Every host writes its own log stream ``<job>/algo-N-<epoch>``; streams are
discovered as they appear, read forward with their own continuation tokens and
printed in timestamp order.  With several hosts each host's lines get a colour,
as V2 prints them.  Status transitions are printed as V2 does, and the loop
ends on every terminal status (Completed, Failed, Stopped).
"""
from __future__ import annotations

import sys
import time
from typing import Any, Callable, Dict, List, Optional, TextIO

from botocore.exceptions import ClientError

from sagemaker_estimators.job_status import TERMINAL_JOB_STATUSES, check_job_status, poll_intervals

_COLOURS = (31, 32, 33, 34, 35, 36)


class LogStreamer:
    """Reads the log streams under ``<log_group>/<job_name>/`` incrementally."""

    def __init__(self, logs_client: Any, log_group: str, job_name: str, instance_count: int,
                 out: Optional[TextIO] = None):
        self._client = logs_client
        self._group = log_group
        self._prefix = job_name + "/"
        self._instance_count = max(instance_count, 1)
        self._tokens: Dict[str, Optional[str]] = {}
        self._out = out
        self.printed_dots = False

    @property
    def stream_names(self) -> List[str]:
        return sorted(self._tokens)

    def _discover(self) -> None:
        if len(self._tokens) >= self._instance_count:
            return
        kwargs = {"logGroupName": self._group, "logStreamNamePrefix": self._prefix,
                  "orderBy": "LogStreamName", "limit": min(self._instance_count, 50)}
        try:
            while True:
                page = self._client.describe_log_streams(**kwargs)
                for stream in page.get("logStreams", []):
                    self._tokens.setdefault(stream["logStreamName"], None)
                token = page.get("nextToken")
                if not token or len(self._tokens) >= self._instance_count:
                    break
                kwargs["nextToken"] = token
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") != "ResourceNotFoundException":
                raise

    def _read(self, stream: str) -> List[Dict[str, Any]]:
        events: List[Dict[str, Any]] = []
        while True:
            kwargs = {"logGroupName": self._group, "logStreamName": stream, "startFromHead": True}
            if self._tokens[stream]:
                kwargs["nextToken"] = self._tokens[stream]
            page = self._client.get_log_events(**kwargs)
            batch = page.get("events", [])
            events.extend(batch)
            token = page.get("nextForwardToken")
            unchanged = token == self._tokens[stream]
            self._tokens[stream] = token
            if not batch or unchanged:
                return events

    def flush(self) -> None:
        """Print every new line of every stream; print a dot when no stream exists yet."""
        out = self._out or sys.stdout
        self._discover()
        if not self._tokens:
            self.printed_dots = True
            out.write(".")
            out.flush()
            return
        if self.printed_dots:
            out.write("\n")
            self.printed_dots = False
        merged = []
        for index, stream in enumerate(self.stream_names):
            for event in self._read(stream):
                merged.append((event.get("timestamp", 0), index, event.get("message", "")))
        merged.sort(key=lambda item: (item[0], item[1]))
        colour = self._instance_count > 1
        for _, index, message in merged:
            if colour:
                message = f"\x1b[{_COLOURS[index % len(_COLOURS)]}m{message}\x1b[0m"
            out.write(message + "\n")
        out.flush()


def status_transition_lines(description: Dict[str, Any], seen: int) -> List[str]:
    """Lines for the SecondaryStatusTransitions after the first ``seen`` ones (V2's format)."""
    lines = []
    for transition in description.get("SecondaryStatusTransitions", [])[seen:]:
        moment = transition.get("StartTime")
        stamp = moment.strftime("%Y-%m-%d %H:%M:%S") if hasattr(moment, "strftime") else str(moment)
        lines.append(f"{stamp} {transition.get('Status')} - {transition.get('StatusMessage', '')}")
    return lines


def follow_job(
    describe: Callable[[], Dict[str, Any]],
    logs_client: Any,
    job_name: str,
    log_group: str,
    status_key: str,
    wait: bool,
    poll: float = 10,
    timeout: Optional[float] = None,
    out: Optional[TextIO] = None,
) -> Dict[str, Any]:
    """Print a job's status changes and logs; with ``wait`` follow it to a terminal status.

    Returns the last description.  A Failed job raises UnexpectedStatusException
    (after its logs were printed); Stopped warns; both end the loop.
    """
    out = out or sys.stdout
    description = describe()
    instance_count = description.get("ResourceConfig", {}).get("InstanceCount") or \
        description.get("ProcessingResources", {}).get("ClusterConfig", {}).get("InstanceCount") or \
        description.get("TransformResources", {}).get("InstanceCount", 1)
    streamer = LogStreamer(logs_client, log_group, job_name, instance_count, out=out)
    seen = 0
    deadline = None if timeout is None else time.monotonic() + timeout
    intervals = poll_intervals(poll)
    finished = description.get(status_key) in TERMINAL_JOB_STATUSES or not wait
    while True:
        lines = status_transition_lines(description, seen)
        seen += len(lines)
        for line in lines:
            out.write(line + "\n")
        streamer.flush()
        if finished:
            break
        if deadline is not None and time.monotonic() > deadline:
            out.write(f"Timeout Exceeded. {timeout} seconds elapsed.\n")
            break
        time.sleep(next(intervals))
        description = describe()
        finished = description.get(status_key) in TERMINAL_JOB_STATUSES
    if streamer.printed_dots:
        out.write("\n")
    if wait and description.get(status_key) in TERMINAL_JOB_STATUSES:
        check_job_status(job_name, description, status_key)
        scale = instance_count or 1
        training = description.get("TrainingTimeInSeconds")
        billable = description.get("BillableTimeInSeconds")
        if training is not None:
            out.write(f"Training seconds: {training * scale}\n")
        if billable is not None:
            out.write(f"Billable seconds: {billable * scale}\n")
            if description.get("EnableManagedSpotTraining") and training:
                out.write(f"Managed Spot Training savings: {(1 - float(billable) / training) * 100:.1f}%\n")
    out.flush()
    return description
