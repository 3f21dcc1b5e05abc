"""Helpers shared by the local-mode tests: the real sagemaker-training toolkit, a dump script, wheels."""
from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from typing import Any, Dict, Mapping, Optional

#: a training script that records what it was given: env, argv, cwd, interpreter and config files
DUMP_SCRIPT = '''\
import json, os, sys
config_dir = os.environ["SM_INPUT_CONFIG_DIR"]
configs = {}
for name in sorted(os.listdir(config_dir)):
    with open(os.path.join(config_dir, name)) as handle:
        configs[name] = handle.read()
record = {"env": dict(os.environ), "argv": sys.argv, "cwd": os.getcwd(), "executable": sys.executable,
          "configs": configs}
host = os.environ["SM_CURRENT_HOST"]
with open(os.path.join(os.environ["SM_OUTPUT_DATA_DIR"], "dump-%s.json" % host), "w") as handle:
    json.dump(record, handle, sort_keys=True)
'''


def toolkit_available() -> bool:
    try:
        import sagemaker_training  # noqa: F401
    except ImportError:
        return False
    return True


def run_real_toolkit(
    base_dir: str,
    code_files: Mapping[str, str],
    hyperparameters: Mapping[str, str],
    resource_config: Mapping[str, Any],
    input_data_config: Mapping[str, Any],
    extra_env: Optional[Mapping[str, str]] = None,
    clean_env: bool = False,
) -> subprocess.CompletedProcess:
    """Run ``sagemaker_training``'s ``train()`` with /opt/ml relocated to ``base_dir``.

    Writes the three config files and the code as a container would have them,
    then starts the toolkit the way a container's ``train`` command does.  DNS
    checks of the host names are skipped with the toolkit's own switch
    (``SM_STUDIO_LOCAL_MODE``), so the two variables the test adds are
    ``SAGEMAKER_BASE_DIR`` and ``SM_STUDIO_LOCAL_MODE``.  With ``clean_env`` the
    toolkit starts from ``PATH`` alone instead of this process's environment.
    """
    config_dir = os.path.join(base_dir, "input", "config")
    for sub in ("input/config", "model", "output/data", "code"):
        os.makedirs(os.path.join(base_dir, sub), exist_ok=True)
    for name in input_data_config:
        os.makedirs(os.path.join(base_dir, "input", "data", name), exist_ok=True)
    for name, text in (
        ("hyperparameters.json", hyperparameters),
        ("resourceconfig.json", resource_config),
        ("inputdataconfig.json", input_data_config),
    ):
        with open(os.path.join(config_dir, name), "w") as handle:
            json.dump(text, handle)
    for name, text in code_files.items():
        with open(os.path.join(base_dir, "code", name), "w") as handle:
            handle.write(text)
    env = {"PATH": os.environ.get("PATH", "")} if clean_env else dict(os.environ)
    env.update(extra_env or {})
    env["SAGEMAKER_BASE_DIR"] = base_dir
    env["SM_STUDIO_LOCAL_MODE"] = "true"
    if clean_env:  # no region from ~/.aws either
        env["AWS_CONFIG_FILE"] = env["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
    return subprocess.run(
        [sys.executable, "-c", "from sagemaker_training.trainer import train; train()"],
        env=env,
        cwd=base_dir,
        capture_output=True,
        text=True,
        timeout=300,
    )


def normalise(value: Any, roots: Mapping[str, str]) -> Any:
    """Replace each root path (longest first) by its stand-in in every string inside ``value``."""
    if isinstance(value, str):
        for root in sorted(roots, key=len, reverse=True):
            value = value.replace(root, roots[root])
        return value
    if isinstance(value, list):
        return [normalise(item, roots) for item in value]
    if isinstance(value, dict):
        return {key: normalise(item, roots) for key, item in value.items()}
    return value


def build_wheel(directory: str, name: str, version: str, files: Mapping[str, str]) -> str:
    """Write a minimal pure-Python wheel (no build backend, so pip installs it offline)."""
    dist_info = f"{name}-{version}.dist-info"
    contents: Dict[str, bytes] = {path: text.encode() for path, text in files.items()}
    contents[f"{dist_info}/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode()
    contents[f"{dist_info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    record_lines = []
    for path, data in contents.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record_lines.append(f"{path},sha256={digest},{len(data)}")
    record_lines.append(f"{dist_info}/RECORD,,")
    contents[f"{dist_info}/RECORD"] = ("\n".join(record_lines) + "\n").encode()
    path = os.path.join(directory, f"{name}-{version}-py3-none-any.whl")
    with zipfile.ZipFile(path, "w") as wheel:
        for member, data in contents.items():
            wheel.writestr(member, data)
    return path


def make_bare_venv(directory: str) -> str:
    """A venv with only the standard library (no pip, no site-packages of ours); returns its python."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", directory], check=True, timeout=300)
    python = os.path.join(directory, "bin", "python")
    if not os.path.exists(python):  # pragma: no cover - Windows layout
        python = os.path.join(directory, "Scripts", "python.exe")
    return python


def process_alive(pid: int) -> bool:
    """True while ``pid`` is a live (non-zombie) process."""
    stat = f"/proc/{pid}/stat"
    if os.path.isdir("/proc"):
        try:
            with open(stat) as handle:
                state = handle.read().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return False
        return state not in ("Z", "X")
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove(path: str) -> None:
    shutil.rmtree(path, ignore_errors=True)


def kill_leftovers(pids) -> None:
    """SIGKILL whichever of ``pids`` still runs, so a failing test leaves nothing behind."""
    import signal

    for pid in pids:
        if process_alive(pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
