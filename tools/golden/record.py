"""Record golden fixtures from the V2 reference.

    python tools/golden/record.py [--area AREA] [--jobs N] [--python PY] [--check | --ours] [NAME ...]

Runs each scenario under V2 (default interpreter ``.v2ref/bin/python``) against
its own reset moto server and writes ``tests/golden/fixtures/<area>/<name>.json``.
A scenario that raises under V2 is reported and its fixture is not written.
``--check`` writes nothing: it re-records and compares with the stored fixture
(after normalisation), which shows whether a scenario is deterministic.
``--ours`` is ``--check`` on this package (this interpreter, the checkout first on
PYTHONPATH), the same comparison test_golden.py makes, in parallel and ungated.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import json
import logging
import os
import queue
import subprocess
import sys
from typing import List, Optional

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from tests.moto_server import start_moto_server  # noqa: E402
from tools.golden.compare import diff_recordings  # noqa: E402
from tools.golden.runner import OURS_TARGET, V2_PYTHON, ScenarioRunError, Target, run_scenario  # noqa: E402
from tools.golden.scenarios import Scenario, discover  # noqa: E402

logger = logging.getLogger("golden.record")


def sdk_version(python: str) -> str:
    """``sagemaker==X`` as installed for ``python``."""
    done = subprocess.run(
        [python, "-c", "from importlib import metadata; print(metadata.version('sagemaker'))"],
        capture_output=True,
        text=True,
        check=False,
    )
    return f"sagemaker=={done.stdout.strip()}" if done.returncode == 0 else "unknown"


def _record_one(
    scenario: Scenario,
    servers: "queue.Queue",
    target: Target,
    check: bool,
    version: str,
    reads_as_set: bool = False,
) -> Optional[str]:
    """Record (or with ``check`` compare) one scenario; a problem report or None."""
    server = servers.get()
    try:
        recording = run_scenario(scenario.path, server, target)
    except ScenarioRunError as error:
        return f"FAILED {scenario.id}: {error}"
    finally:
        servers.put(server)
    if recording.get("scenario_error"):
        return f"FAILED {scenario.id}: {recording['scenario_error']}\n{recording.get('stderr', '')}"
    if check:
        difference = diff_recordings(scenario.load_fixture(), recording, reads_as_set=reads_as_set)
        return f"DIFFERS {scenario.id}:\n{difference}" if difference else None
    recording.pop("stderr", None)
    fixture = {"scenario": scenario.id, "recorded_with": version, **recording}
    os.makedirs(os.path.dirname(scenario.fixture_path), exist_ok=True)
    with open(scenario.fixture_path, "w", encoding="utf-8") as handle:
        json.dump(fixture, handle, indent=1, sort_keys=True)
        handle.write("\n")
    calls = [c["operation"] for c in recording["calls"] if not c.get("telemetry")]
    logger.info("recorded %s: %d calls (%s)", scenario.id, len(calls), ", ".join(calls))
    return None


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("names", nargs="*", help="scenario names (name or area/name); default all")
    parser.add_argument("--area", help="only this area (training, frameworks, serving, meta)")
    parser.add_argument("--jobs", type=int, default=4, help="scenarios run in parallel (default 4)")
    parser.add_argument("--python", default=V2_PYTHON, help="V2 interpreter (default .v2ref)")
    parser.add_argument("--check", action="store_true", help="compare with the fixtures, write nothing")
    parser.add_argument("--ours", action="store_true", help="--check on this package instead of V2")
    parser.add_argument(
        "--reads-as-set", action="store_true", help="with --check/--ours: normalisation rule 7"
    )
    options = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    scenarios = discover(options.area, options.names)
    target = OURS_TARGET if options.ours else Target(python=options.python)
    check = options.check or options.ours
    version = sdk_version(options.python)
    jobs = max(1, min(options.jobs, len(scenarios)))
    servers: "queue.Queue" = queue.Queue()
    started = [start_moto_server() for _ in range(jobs)]
    for server in started:
        servers.put(server)
    problems: List[str] = []
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = [
                pool.submit(
                    _record_one, s, servers, target, check, version, options.reads_as_set
                )
                for s in scenarios
            ]
            for future in futures:
                problem = future.result()
                if problem:
                    problems.append(problem)
                    logger.error(problem)
    finally:
        for server in started:
            server.stop()
    logger.info("%d scenario(s), %d problem(s)", len(scenarios), len(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
