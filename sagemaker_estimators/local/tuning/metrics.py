"""Metrics read from a trial's log with the tuning job's ``MetricDefinitions`` regexes, as SageMaker
does (the first group of a match, as a float; the last value is the final one), and the median
stopping rule SageMaker's automatic early stopping uses."""
from __future__ import annotations

import math
import re
import statistics
import threading
from typing import Callable, Dict, List, Optional, Union

#: the prefix a local runtime puts before each host's line ("algo-1  | ")
HOST_PREFIX = re.compile(r"^algo-\d+\s*\| ?")


class MetricReader:
    """Extracts metric values from log lines; calls ``on_objective(step, value)`` for the objective."""

    def __init__(self, definitions: List[Dict[str, str]], objective: str,
                 on_objective: Optional[Callable[[int, float], None]] = None):
        self._patterns = []
        for definition in definitions or []:
            try:
                self._patterns.append((definition["Name"], re.compile(definition["Regex"])))
            except re.error as error:
                raise ValueError(
                    f"MetricDefinitions: the Regex of {definition['Name']!r} is not a valid regular "
                    f"expression: {error}") from error
        self.objective = objective
        self._on_objective = on_objective
        self.values: Dict[str, List[float]] = {}
        self._lock = threading.Lock()

    def feed(self, line: str) -> None:
        """Read one log line."""
        text = HOST_PREFIX.sub("", line)
        for name, pattern in self._patterns:
            match = pattern.search(text)
            if not match:
                continue
            try:
                value = float(match.group(1) if pattern.groups else match.group(0))
            except (TypeError, ValueError):
                continue
            if math.isnan(value):
                continue
            with self._lock:
                series = self.values.setdefault(name, [])
                series.append(value)
                step = len(series)
            if name == self.objective and self._on_objective is not None:
                self._on_objective(step, value)

    def final(self, name: Optional[str] = None) -> Optional[float]:
        """The last value of a metric (the objective by default), or None if it never appeared."""
        with self._lock:
            series = self.values.get(name or self.objective)
            return series[-1] if series else None

    def final_metrics(self) -> List[Dict[str, Union[str, float]]]:
        """Each metric's last value, as DescribeTrainingJob's ``FinalMetricDataList`` names them."""
        with self._lock:
            return [{"MetricName": name, "Value": series[-1]} for name, series in self.values.items() if series]


class MedianStopping:
    """Stop a trial whose running average of the objective at step ``k`` is worse than the median of
    the finished trials' running averages at the same step (needs ``min_trials`` of those)."""

    def __init__(self, maximize: bool, min_trials: int = 3):
        self.maximize = maximize
        self.min_trials = min_trials
        self._finished: List[List[float]] = []
        self._running: Dict[str, List[float]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _running_average(values: List[float], step: int) -> float:
        return sum(values[:step]) / step

    def observe(self, trial_id: str, value: float) -> bool:
        """Record a value of a running trial; True means: stop it."""
        with self._lock:
            series = self._running.setdefault(trial_id, [])
            series.append(value)
            step = len(series)
            peers = [self._running_average(done, step) for done in self._finished if len(done) >= step]
            if len(peers) < self.min_trials:
                return False
            mine = self._running_average(series, step)
            median = statistics.median(peers)
            return mine < median if self.maximize else mine > median

    def finish(self, trial_id: str) -> None:
        """The trial ended: its values count for the trials that follow."""
        with self._lock:
            series = self._running.pop(trial_id, None)
            if series:
                self._finished.append(series)
