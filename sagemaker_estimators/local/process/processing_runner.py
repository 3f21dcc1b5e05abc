"""``instance_type="local_process"`` processing: the job's command runs on this machine, no Docker.

Processing scripts address ``/opt/ml/processing/...`` literally (there are no
``SM_*`` variables for processing), so every host runs in a private mount
namespace that shows its own tree at ``/opt/ml``
(:mod:`~sagemaker_estimators.local.process.namespace`); where that is impossible the job
is refused before it starts, naming the path and the alternative.

The container command is run as given, with a ``python``/``python3`` first word
replaced by the local interpreter.  The ``runproc.sh`` of a FrameworkProcessor is
not run as a shell script (it would pip-install into this machine's Python):
its bundle is unpacked, ``requirements.txt`` installed into a folder of the job,
and its command run with the local interpreter, as the script says.
"""
from __future__ import annotations

import logging
import os
import posixpath
import re
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from sagemaker_estimators.local import data
from sagemaker_estimators.local.process import namespace
from sagemaker_estimators.local.layout import remove_tree
from sagemaker_estimators.local.processing_layout import (
    CONTAINER_ROOT,
    ProcessingHost,
    collect_outputs,
    create_hosts,
)
from sagemaker_estimators.local.runtime import ProcessingFailedError, ProcessingSpec
from sagemaker_estimators.runproc import CODE_DIR, SOURCE_ARCHIVE, parse_runproc

logger = logging.getLogger(__name__)

_PYTHON = re.compile(r"^python(\d+(\.\d+)?)?$")
_SHELLS = ("bash", "sh")
_PACKAGES_DIR = "packages"


def _check_supported(spec: ProcessingSpec) -> List[str]:
    reason = namespace.unavailable_reason()
    if reason is not None:
        paths = sorted({item.container_path for item in spec.inputs + spec.outputs}) or ["/opt/ml/processing"]
        raise ValueError(
            f"instance_type='local_process' cannot run processing job {spec.job_name} here: its container "
            f"paths ({', '.join(paths)}) need a private /opt/ml, and {reason}. Processing scripts have no SM_* "
            "variable for these paths: use instance_type='local' (Docker) on this machine."
        )
    if not spec.entrypoint:
        raise ValueError(
            "instance_type='local_process' runs the job's ContainerEntrypoint on this machine, but this job has "
            "none (the image's own entrypoint needs the image): give the Processor an entrypoint, use a "
            "ScriptProcessor/FrameworkProcessor, or use instance_type='local' (Docker)."
        )
    return list(spec.entrypoint) + list(spec.arguments or [])


def _localize(command: Sequence[str], python: str) -> List[str]:
    """``python3 x.py`` -> ``<local interpreter> x.py``."""
    command = list(command)
    if command and _PYTHON.match(posixpath.basename(command[0])):
        command[0] = python
    return command


def _runproc_plan(spec: ProcessingSpec, host: ProcessingHost) -> Optional[Tuple[List[str], str]]:
    """(command, script) when the job runs a FrameworkProcessor ``runproc.sh``, else None."""
    entrypoint = list(spec.entrypoint or [])
    if len(entrypoint) != 2 or posixpath.basename(entrypoint[0]) not in _SHELLS:
        return None
    if not entrypoint[1].startswith(CONTAINER_ROOT + "/processing/"):
        return None
    path = host.path_of(entrypoint[1])
    try:
        with open(path, encoding="utf-8") as handle:
            return parse_runproc(handle.read(65536))
    except (OSError, UnicodeDecodeError):
        return None


#: the process runtime's "start these children, wait for all" function (see ProcessRuntime.process)
RunAll = Callable[[Sequence[Tuple[str, Sequence[str], str, Mapping[str, str]]], Any, int], Tuple[List[Any], Dict[str, int]]]


def _failure_reason(host: ProcessingHost, child: Any, code: int) -> str:
    return host.read_failure() or "\n".join(child.error_lines) or f"the command exited with code {code}"


def run_processing(spec: ProcessingSpec, python: str, run_all: RunAll, sink: Any) -> None:
    """Run ``spec`` on ``spec.instance_count`` concurrent processes; outputs land in their ``local_dir``.

    ``run_all`` and ``sink`` are the process runtime's (children in their own process groups,
    stopped on failure and Ctrl-C; prefixed output lines).

    Raises:
        ValueError: the job cannot run without Docker here.
        ProcessingFailedError: a host (or the requirements install) exited non-zero.
    """
    base_command = _check_supported(spec)
    os.makedirs(spec.work_dir, exist_ok=True)
    hosts = create_hosts(spec)
    width = max(len(host.host) for host in hosts)
    packages = os.path.join(os.path.abspath(spec.work_dir), _PACKAGES_DIR)
    try:
        for host in hosts:
            host.link_inputs(spec.inputs)
        env: Dict[str, str] = dict(os.environ)
        env.update(spec.environment)
        env.setdefault("PYTHONUNBUFFERED", "1")
        plan = _runproc_plan(spec, hosts[0])
        cwd_container = CONTAINER_ROOT
        if plan is not None:
            command = _localize(plan[0], python) + [plan[1]] + list(spec.arguments or [])
            cwd_container = CODE_DIR.rstrip("/")
            extra_path = _prepare_bundle(spec, hosts[0], python, packages, env, run_all, sink, width)
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [extra_path, env.get("PYTHONPATH")]))
        else:
            command = _localize(base_command, python)
        children_specs = []
        for host in hosts:
            cwd = host.path_of(cwd_container) if cwd_container != CONTAINER_ROOT else host.root
            children_specs.append((host.host, namespace.confine(command, host.root), cwd, env))
        children, codes = run_all(children_specs, sink, width)
        for child in children:
            code = codes.get(child.label)
            if code is not None and code != 0:
                host = next(item for item in hosts if item.host == child.label)
                raise ProcessingFailedError(spec.job_name, child.label, code,
                                            _failure_reason(host, child, code), child.log_tail())
        collect_outputs(hosts, spec.outputs)
        logger.info("===== Job Complete =====")
    finally:
        for host in hosts:
            remove_tree(host.root)
        remove_tree(packages)


def _prepare_bundle(spec: ProcessingSpec, host: ProcessingHost, python: str, packages: str,
                    env: Mapping[str, str], run_all: RunAll, sink: Any, width: int) -> Optional[str]:
    """Unpack ``sourcedir.tar.gz`` in the code input; pip-install its requirements into ``packages``."""
    code_dir = host.path_of(CODE_DIR)
    archive = os.path.join(code_dir, SOURCE_ARCHIVE)
    if not os.path.isfile(archive):
        raise ValueError(f"processing job {spec.job_name}: runproc.sh expects {CODE_DIR}{SOURCE_ARCHIVE}, "
                         "which no input provides")
    data.extract_archive(archive, os.path.realpath(code_dir))
    if not os.path.isfile(os.path.join(code_dir, "requirements.txt")):
        return None
    os.makedirs(packages, exist_ok=True)
    command = [python, "-m", "pip", "install", "--disable-pip-version-check", "--no-input",
               "--no-warn-script-location", "--target", packages, "-r", "requirements.txt"]
    logger.info("Installing requirements.txt into %s", packages)
    children, codes = run_all([(host.host, command, code_dir, dict(env))], sink, width)
    code = codes.get(host.host, -1)
    if code != 0:
        raise ProcessingFailedError(spec.job_name, host.host, code,
                                    "InstallRequirementsError: " + "\n".join(children[0].error_lines),
                                    children[0].log_tail())
    return packages
