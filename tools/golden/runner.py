"""Run one golden scenario in a subprocess against a moto server and load its recording."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from typing import Any, Dict, Optional, Sequence

import attrs

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
BOOTSTRAP = os.path.join(HERE, "bootstrap.py")
#: the V2 reference interpreter (sagemaker==2.257.7) the fixtures are recorded with
V2_PYTHON = os.path.join(REPO_ROOT, ".v2ref", "bin", "python")
DEFAULT_TIMEOUT = 180.0

if REPO_ROOT not in sys.path:
    sys.path.insert(0, REPO_ROOT)

from tests.moto_server import MotoServer  # noqa: E402


class ScenarioRunError(RuntimeError):
    """The bootstrap could not produce a recording (crash, timeout, bad arguments)."""


@attrs.define
class Target:
    """Which implementation of the V2 API a scenario runs on."""

    python: str
    #: prepended to PYTHONPATH (our checkout root), or None to leave it unset
    pythonpath: Optional[str] = None
    #: run the start-up hook the installed ``sagemaker_estimators.pth`` would run
    facade_hook: bool = False


V2_TARGET = Target(python=V2_PYTHON)
OURS_TARGET = Target(python=sys.executable, pythonpath=REPO_ROOT, facade_hook=True)


def scenario_environment(server: MotoServer, target: Target, home: str) -> Dict[str, str]:
    """The environment a scenario runs in: moto, dummy credentials, no user config."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AWS_", "SAGEMAKER_", "PYTHON"))
    }
    env.update(server.environment())
    env.update(
        {
            "AWS_DEFAULT_REGION": "us-west-2",
            "AWS_CONFIG_FILE": os.path.join(home, "no-aws-config"),
            "AWS_SHARED_CREDENTIALS_FILE": os.path.join(home, "no-aws-credentials"),
            "AWS_EC2_METADATA_DISABLED": "true",
            # V2 reads ~/.config/sagemaker/config.yaml: an empty HOME keeps it neutral
            "HOME": home,
            "SAGEMAKER_SUPPRESS_V2_WARNING": "1",
            "PYTHONHASHSEED": "0",
            "PYTHONDONTWRITEBYTECODE": "1",
            "TZ": "UTC",
        }
    )
    if target.pythonpath:
        env["PYTHONPATH"] = target.pythonpath
    return env


def run_scenario(
    scenario: str,
    server: MotoServer,
    target: Target,
    timeout: float = DEFAULT_TIMEOUT,
    reset: bool = True,
) -> Dict[str, Any]:
    """Run ``scenario`` on ``target`` against a (reset) ``server``; return the recording.

    The scenario runs with a fresh empty working directory and HOME.  The
    recording gets ``"stderr"`` (its tail) when the scenario raised, so a
    failing scenario explains itself.
    """
    if reset:
        server.reset()
    with tempfile.TemporaryDirectory(prefix="golden-") as work:
        home = os.path.join(work, "home")
        cwd = os.path.join(work, "cwd")
        os.mkdir(home)
        os.mkdir(cwd)
        out = os.path.join(work, "recording.json")
        command: Sequence[str] = [target.python, BOOTSTRAP]
        if target.facade_hook:
            command = [*command, "--facade-hook"]
        command = [*command, os.path.abspath(scenario), out]
        try:
            done = subprocess.run(
                command,
                cwd=cwd,
                env=scenario_environment(server, target, home),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired as error:
            raise ScenarioRunError(f"{scenario}: no result within {timeout} s") from error
        if not os.path.exists(out):
            raise ScenarioRunError(
                f"{scenario}: bootstrap exited {done.returncode} without a recording:\n"
                f"{done.stderr[-4000:]}"
            )
        with open(out, encoding="utf-8") as handle:
            recording = json.load(handle)
    if "scenario_error" in recording:
        recording["stderr"] = done.stderr[-4000:]
    return recording
