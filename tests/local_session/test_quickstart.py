"""The README's first command: examples/quickstart.py, offline, without credentials or Docker."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _offline_prefix():
    """Run in a network namespace with only loopback when we may (root + unshare), else as is."""
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("unshare") and shutil.which("ip"):
        probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
        if probe.returncode == 0:
            return ["unshare", "-n", "sh", "-c", 'ip link set lo up && exec "$@"', "offline"]
    return []


def test_quickstart_trains_deploys_predicts_and_cleans_up(tmp_path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "TMPDIR": str(tmp),
        "PYTHONPATH": REPO_ROOT,
        # no credentials at all, and any AWS call would go to a dead port
        "AWS_ENDPOINT_URL": "http://127.0.0.1:9",
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONFIG_FILE": str(tmp_path / "none"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none"),
    }
    command = _offline_prefix() + [sys.executable, os.path.join(REPO_ROOT, "examples", "quickstart.py")]
    result = subprocess.run(command, env=env, cwd=str(tmp_path), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("algo-1") and "training accuracy" in line for line in lines)
    predictions = [line for line in lines if " -> " in line]
    assert len(predictions) == 6
    assert all(line.split(" -> ")[1].split(" (actual: ")[0] == line.split("(actual: ")[1].rstrip(")")
               for line in predictions)
    assert os.listdir(tmp) == []
