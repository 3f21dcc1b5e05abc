"""Literal ``/opt/ml`` paths for ``local_process`` jobs: each host runs in a private mount namespace.

Real training and processing scripts write ``/opt/ml/model/...`` and read
``/opt/ml/input/data/<channel>`` or ``/opt/ml/processing/input/...`` literally.
:func:`confine` wraps a host's command with :mod:`.ns_exec`, which shows that
host's own job tree at ``/opt/ml`` inside a private mount namespace (a user
namespace too when unprivileged) and then executes the command.  The host's
``/opt`` and ``/opt/ml`` are never created or written.

:func:`unavailable_reason` probes once per process whether that works here (Linux
with mount namespaces allowed); when it does not, training jobs still run with
the ``SM_*`` variables and :func:`literal_path_hint` tells a failed job which
variable to use instead of the path it tried.
"""
from __future__ import annotations

import functools
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from typing import List, Optional, Sequence

from sagemaker_estimators.local.process import ns_exec

logger = logging.getLogger(__name__)

SCRIPT = os.path.abspath(ns_exec.__file__)
#: literal container path -> the variable a script should read instead (longest match first)
PATH_VARIABLES = (
    ("/opt/ml/input/config/hyperparameters.json", "SM_HPS (or SM_INPUT_CONFIG_DIR)"),
    ("/opt/ml/input/config", "SM_INPUT_CONFIG_DIR"),
    ("/opt/ml/input/data/", "SM_CHANNEL_<CHANNEL NAME>"),
    ("/opt/ml/input", "SM_INPUT_DIR"),
    ("/opt/ml/model", "SM_MODEL_DIR"),
    ("/opt/ml/output/data", "SM_OUTPUT_DATA_DIR"),
    ("/opt/ml/output", "SM_OUTPUT_DIR"),
    ("/opt/ml/code", "SM_MODULE_DIR"),
)
_LITERAL_PATH = re.compile(r"/opt/ml/[A-Za-z0-9_./-]*")


def _interpreter() -> str:
    return sys.executable or shutil.which("python3") or "python3"


@functools.lru_cache(maxsize=1)
def unavailable_reason() -> Optional[str]:
    """None when hosts can get a private ``/opt/ml`` here, else why not (probed once)."""
    if not sys.platform.startswith("linux"):
        return f"mount namespaces need Linux (this is {sys.platform})"
    probe_tree = tempfile.mkdtemp(prefix="sm-opt-ml-probe-")
    try:
        with open(os.path.join(probe_tree, "probe"), "w", encoding="utf-8"):
            pass
        test = shutil.which("test")
        if test:
            command = confine([test, "-f", "/opt/ml/probe"], probe_tree)
        else:
            check = "import os, sys; sys.exit(0 if os.path.isfile('/opt/ml/probe') else 3)"
            command = confine([_interpreter(), "-I", "-S", "-c", check], probe_tree)
        result = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as error:
        return f"the probe could not run: {error}"
    finally:
        shutil.rmtree(probe_tree, ignore_errors=True)
    if result.returncode == 0:
        return None
    message = (result.stderr or result.stdout).strip().replace(ns_exec.FAILURE_MARK, "").strip()
    return message or f"the probe exited with code {result.returncode}"


def confine(command: Sequence[str], job_tree: str) -> List[str]:
    """``command`` run with ``job_tree`` shown at ``/opt/ml`` (see :mod:`.ns_exec`)."""
    return [_interpreter(), "-I", "-S", SCRIPT, os.path.abspath(job_tree), *command]


def unwrap(command: Sequence[str]) -> List[str]:
    """The command :func:`confine` wrapped (``command`` itself when it is not wrapped)."""
    command = list(command)
    if len(command) > 5 and command[1:4] == ["-I", "-S", SCRIPT]:
        return command[5:]
    return command


def confine_if_available(command: Sequence[str], job_tree: str) -> List[str]:
    """:func:`confine` where private namespaces work; ``command`` unchanged (with a warning) elsewhere."""
    reason = unavailable_reason()
    if reason is None:
        return confine(command, job_tree)
    _warn_once(reason)
    return list(command)


@functools.lru_cache(maxsize=1)
def _warn_once(reason: str) -> None:
    logger.warning(
        "local_process cannot give jobs a private /opt/ml on this machine (%s): scripts must use the SM_* "
        "variables (SM_MODEL_DIR, SM_CHANNEL_<NAME> ...) instead of literal /opt/ml paths.", reason)


def literal_path_hint(log_text: str) -> str:
    """For a job that failed without a private ``/opt/ml``: which variable replaces the path it used."""
    if unavailable_reason() is None:
        return ""
    match = _LITERAL_PATH.search(log_text or "")
    if not match:
        return ""
    path = match.group(0)
    for prefix, variable in PATH_VARIABLES:
        if path.startswith(prefix):
            return (f"\nThe script used the container path {path}, which local_process cannot provide here "
                    f"({unavailable_reason()}); read {variable} instead, or use instance_type='local' (Docker).")
    return (f"\nThe script used the container path {path}, which local_process cannot provide here "
            f"({unavailable_reason()}); use instance_type='local' (Docker).")
