"""``instance_type="local_process"``: run the training script on the host's Python, no Docker.

For every host (``algo-1`` .. ``algo-N``) :class:`ProcessRuntime` builds the
``/opt/ml`` tree under the job's work dir (:mod:`~sagemaker_estimators.local.layout`), links the channels
and copies the code in, computes the ``SM_*`` environment and command line the
container's training toolkit would give the script (:mod:`.toolkit_env`),
installs ``requirements.txt`` into a per-job directory, and runs the entry
point of all hosts at once, each in its own process group, with their output
streamed line by line as ``algo-1  | ...``.  The hosts' model and output trees
are packed into ``model.tar.gz`` / ``output.tar.gz`` exactly as the compose
runtime packs them.

Serving starts the model server of :mod:`~sagemaker_estimators.local.model_server` on 127.0.0.1.
"""
from __future__ import annotations

import collections
import importlib.util
import json
import logging
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
from typing import Any, Deque, Dict, List, Mapping, Optional, Protocol, Sequence, Tuple

from sagemaker_estimators.exceptions import SageMakerEstimatorsError
from sagemaker_estimators.local import layout as layout_mod
from sagemaker_estimators.local.process import namespace, toolkit_env
from sagemaker_estimators.local.output_lines import LineSplitter
from sagemaker_estimators.required import required
from sagemaker_estimators.local.runtime import (
    ProcessingSpec,
    RunningEndpoint,
    ServingSpec,
    TrainingFailedError,
    TrainingResult,
    TrainingSpec,
)

logger = logging.getLogger(__name__)

#: environment variable naming the interpreter that runs scripts (default: this one)
PYTHON_ENV_VAR = "SAGEMAKER_LOCAL_PYTHON"
#: framework -> (module the script needs, package to pip install)
FRAMEWORK_MODULES = {
    "sklearn": ("sklearn", "scikit-learn"),
    "xgboost": ("xgboost", "xgboost"),
    "pytorch": ("torch", "torch"),
    "huggingface": ("transformers", "transformers"),
    "tensorflow": ("tensorflow", "tensorflow"),
    "mxnet": ("mxnet", "mxnet"),
}
#: distribution a framework's toolkit sets up without a launcher, so local_process can run it
_PROCESS_DISTRIBUTIONS = {"tensorflow": ("sagemaker_multi_worker_mirrored_strategy_enabled",)}
LOG_TAIL_LINES = 50
#: bytes read from a child's output at a time
READ_CHUNK = 64 * 1024
#: seconds a stopped host gets between SIGTERM and SIGKILL
TERMINATE_GRACE_SECONDS = 5.0
_PACKAGES_DIR = "packages"
_CODE_COPY_DIR = "code"
_SUBMIT_DIRECTORY = "sagemaker_submit_directory"
_SAFE_ENTRY_POINT = re.compile(r"^[A-Za-z0-9._][A-Za-z0-9._+-]*(/[A-Za-z0-9._+-]+)*$")
# the toolkit starts capturing an error message at the first line naming one of these
_ERROR_MARKERS = re.compile(r"(Error|Exception|Invalid requirement|mpirun\.real|ORTE)")


class FrameworkNotInstalledError(RuntimeError, SageMakerEstimatorsError):
    """The host interpreter lacks the framework the estimator's container would provide."""


# --------------------------------------------------------------------------- processes


class _HostProcess:
    """One running child (a host's entry point or pip) with its streamed output."""

    def __init__(self, label: str, prefix: str, process: subprocess.Popen, command: Sequence[str], sink: "_Sink"):
        self.label = label
        self.prefix = prefix
        self.process = process
        self.command = list(command)
        self.tail: Deque[str] = collections.deque(maxlen=LOG_TAIL_LINES)
        self.error_lines: List[str] = []
        self.stopped_by_us = False
        self._capturing = False
        self._sink = sink
        self.reader = threading.Thread(target=self._read, name=f"local-process-{label}-output", daemon=True)
        self.reader.start()

    def _read(self) -> None:
        """Pump the child's output to the sink in order and in bounded pieces, ``\r``
        progress included (see :mod:`~sagemaker_estimators.local.output_lines`)."""
        stream = self.process.stdout
        assert stream is not None
        splitter = LineSplitter(self.prefix)
        while True:
            chunk = stream.read1(READ_CHUNK) if hasattr(stream, "read1") else stream.read(READ_CHUNK)
            output = splitter.feed(chunk, final=not chunk)
            self._record(output.lines, output.text)
            if output.text:
                self._sink.write_raw(output.text)
            if not chunk:
                break
        stream.close()

    def _record(self, lines: List[str], text: str) -> None:
        self.tail.extend(lines)
        if not self._capturing and not _ERROR_MARKERS.search(text):
            return
        for line in lines:
            if not self._capturing and _ERROR_MARKERS.search(line):
                self._capturing = True
            if self._capturing and len(self.error_lines) < 200 and line not in self.error_lines:
                self.error_lines.append(line)

    def wait_and_reap(self, exits: "queue.Queue[Tuple[_HostProcess, int]]") -> None:
        code = self.process.wait()
        _kill_group(self.process, signal.SIGKILL)  # leftovers of the host die with it, as in a container
        exits.put((self, code))

    def log_tail(self) -> str:
        return "\n".join(self.tail)


class TextSink(Protocol):
    """Where a runtime writes job output: a text stream (``sys.stdout``) or anything with its write/flush."""

    def write(self, text: str) -> Any:
        """Write ``text``."""

    def flush(self) -> None:
        """Push what was written."""


class _Sink:
    """Serialises prefixed lines from several reader threads onto one text stream."""

    def __init__(self, stream: Optional[TextSink]):
        self._stream = stream
        self._lock = threading.Lock()

    def write(self, line: str) -> None:
        self.write_raw(line + "\n")

    def write_raw(self, text: str) -> None:
        """Write ``text`` as it is (it carries its own line end, if any)."""
        stream = self._stream if self._stream is not None else sys.stdout
        with self._lock:
            try:
                stream.write(text)
                stream.flush()
            except (OSError, ValueError):
                pass  # a closed console must not kill the job


def _kill_group(process: subprocess.Popen, sig: int) -> None:
    """Send ``sig`` to the process group the child leads (the child alone on Windows)."""
    if os.name == "nt":  # pragma: no cover - POSIX is where local_process is tested
        if process.poll() is None:
            process.kill() if sig == getattr(signal, "SIGKILL", None) else process.terminate()
        return
    try:
        os.killpg(process.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _start(
    label: str,
    prefix: str,
    command: Sequence[str],
    cwd: str,
    env: Mapping[str, str],
    sink: _Sink,
) -> _HostProcess:
    kwargs: Dict[str, Any]
    if sys.platform == "win32":  # the same test as os.name == "nt", in the form type checkers understand
        kwargs = {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    else:
        kwargs = {"start_new_session": True}
    process = subprocess.Popen(  # noqa: S603 - argument vector, no shell
        list(command),
        cwd=cwd,
        env=dict(env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        **kwargs,
    )
    return _HostProcess(label, prefix, process, command, sink)


def _stop(children: Sequence[_HostProcess], grace: float = TERMINATE_GRACE_SECONDS) -> None:
    """SIGTERM the process groups of running children, SIGKILL what is left after ``grace`` seconds."""
    running = [child for child in children if child.process.poll() is None]
    for child in running:
        child.stopped_by_us = True
        _kill_group(child.process, signal.SIGTERM)
    interrupted = False
    try:
        for child in running:
            try:
                child.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                pass
    except KeyboardInterrupt:  # a second Ctrl-C skips the grace period, it does not skip the kill
        interrupted = True
    for child in running:  # children that ended earlier had their groups killed by their reaper
        _kill_group(child.process, signal.SIGKILL)
    for child in running:
        try:
            child.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL does not fail
            logger.warning("Process %s of %s did not exit after SIGKILL", child.process.pid, child.label)
    if interrupted:
        raise KeyboardInterrupt


# A watchdog process in its own session holds the read end of a pipe from this process and
# collects the process groups of the hosts.  "done" ends it quietly; end-of-file without
# "done" means this process died without cleaning up (SIGKILL, a killed notebook kernel),
# and the watchdog kills the groups.  The script is fixed text; only integers are sent.
_WATCHDOG_SCRIPT = """
import os, signal, sys
groups = []
for line in sys.stdin:
    line = line.strip()
    if line == "done":
        sys.exit(0)
    if line.isdigit():
        groups.append(int(line))
for group in groups:
    try:
        os.killpg(group, signal.SIGKILL)
    except OSError:
        pass
"""


class _Watchdog:
    """Kills the hosts' process groups if this process dies before it could (POSIX only)."""

    def __init__(self) -> None:
        self._process: Optional[subprocess.Popen] = None
        if os.name == "posix" and sys.executable:
            try:
                self._process = subprocess.Popen(  # noqa: S603 - fixed script, isolated interpreter
                    [sys.executable, "-I", "-S", "-c", _WATCHDOG_SCRIPT],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
            except OSError as error:  # pragma: no cover - no interpreter to run
                logger.debug("No watchdog for local_process hosts: %s", error)

    def watch(self, process: subprocess.Popen) -> None:
        self._send(f"{int(process.pid)}\n")

    def _send(self, text: str) -> None:
        if self._process is not None and self._process.stdin is not None:
            try:
                self._process.stdin.write(text.encode())
                self._process.stdin.flush()
            except OSError:
                pass

    def close(self) -> None:
        """The hosts are gone: end the watchdog without it killing anything."""
        if self._process is None:
            return
        self._send("done\n")
        try:
            if self._process.stdin is not None:
                self._process.stdin.close()
        except OSError:
            pass
        try:
            self._process.wait(timeout=TERMINATE_GRACE_SECONDS)
        except subprocess.TimeoutExpired:  # pragma: no cover - sh exits on "done"
            self._process.kill()
            self._process.wait()
        self._process = None


def _run_all(
    children_specs: Sequence[Tuple[str, Sequence[str], str, Mapping[str, str]]],
    sink: _Sink,
    prefix_width: int,
) -> Tuple[List[_HostProcess], Dict[str, int]]:
    """Start every (label, command, cwd, env) at once and wait for all of them.

    The first child to fail stops the others.  On any exception (Ctrl-C
    included) every child's process group is killed before it propagates.
    Returns the children and their exit codes (only of children that ended on
    their own).
    """
    children: List[_HostProcess] = []
    exits: "queue.Queue[Tuple[_HostProcess, int]]" = queue.Queue()
    codes: Dict[str, int] = {}
    watchdog = _Watchdog()
    try:
        for label, command, cwd, env in children_specs:
            child = _start(label, f"{label.ljust(prefix_width)}  | ", command, cwd, env, sink)
            children.append(child)
            watchdog.watch(child.process)
            threading.Thread(target=child.wait_and_reap, args=(exits,), name=f"local-process-{label}-wait", daemon=True).start()
        pending = len(children)
        while pending:
            try:
                child, code = exits.get(timeout=0.5)
            except queue.Empty:
                continue
            pending -= 1
            child.reader.join(timeout=TERMINATE_GRACE_SECONDS)
            if child.stopped_by_us:
                continue
            codes[child.label] = code
            if code != 0:
                _stop([other for other in children if other is not child])
        return children, codes
    except BaseException:
        _stop(children)
        raise
    finally:
        watchdog.close()
        for child in children:
            child.reader.join(timeout=1.0)


# --------------------------------------------------------------------------- helpers


def _resolve_python(python: Optional[str]) -> str:
    chosen = python or os.environ.get(PYTHON_ENV_VAR) or sys.executable
    resolved = shutil.which(chosen) if not os.path.dirname(chosen) else chosen
    if not resolved or not os.path.isfile(resolved) or not os.access(resolved, os.X_OK):
        raise ValueError(
            f"{PYTHON_ENV_VAR} (the interpreter local_process runs scripts with) must name an executable "
            f"Python, got {chosen!r}"
        )
    return os.path.abspath(resolved)


def _entry_point(spec: TrainingSpec) -> str:
    program = spec.environment.get("SAGEMAKER_PROGRAM")
    if not program:
        decoded = toolkit_env.decode_hyperparameters(
            {key: value for key, value in spec.hyperparameters.items() if key == "sagemaker_program"}
        )
        program = decoded.get("sagemaker_program")
    if not program:
        raise ValueError(
            "instance_type='local_process' runs a training script: the hyperparameter sagemaker_program "
            "(the estimator's entry_point) is missing. Give an entry_point, or use instance_type='local' to "
            "run the image's own training program in Docker."
        )
    program = str(program)
    if not _SAFE_ENTRY_POINT.match(program) or any(part in (".", "..") for part in program.split("/")):
        raise ValueError(
            f"entry_point must be a relative path inside source_dir made of letters, digits and . _ + - /, "
            f"got {program!r}"
        )
    return program


def _check_supported(spec: TrainingSpec) -> None:
    if spec.container_entry_point or spec.container_arguments:
        raise ValueError(
            "container_entry_point/container_arguments are not supported with instance_type='local_process' "
            f"(got {spec.container_entry_point!r} {spec.container_arguments!r}); use instance_type='local'."
        )
    distributed = [key for key in toolkit_env.distribution_requested(spec.hyperparameters)
                   if key not in _PROCESS_DISTRIBUTIONS.get(spec.framework or "", ())]
    if distributed:
        raise ValueError(
            f"distribution {distributed} is not supported with instance_type='local_process': distributed "
            "launchers (mpirun, torchrun, smdistributed, parameter servers) need the framework container. "
            "Remove `distribution=` to run one process per host, or use instance_type='local' (Docker)."
        )
    if spec.framework is not None and spec.framework not in FRAMEWORK_MODULES:
        raise ValueError(f"framework must be one of {sorted(FRAMEWORK_MODULES)} or None, got {spec.framework!r}")
    if not spec.code_dir or not os.path.isdir(spec.code_dir):
        raise ValueError(f"code_dir must be an existing directory holding the entry point, got {spec.code_dir!r}")
    for channel in spec.channels:
        if not os.path.isdir(channel.local_dir):
            raise ValueError(
                f"channel {channel.name!r}: local_dir must be an existing directory, got {channel.local_dir!r}"
            )


def _entry_point_type(code_dir: str, program: str) -> str:
    """``command``, ``package`` or ``program``, by the toolkit's rules."""
    if program.endswith(".sh"):
        return "command"
    if os.path.exists(os.path.join(code_dir, "setup.py")):
        return "package"
    if program.endswith(".py"):
        return "program"
    return "command"


def _framework_available(python: str, module: str, extra_path: Optional[str]) -> bool:
    if python == os.path.abspath(sys.executable) and not extra_path:
        return importlib.util.find_spec(module) is not None
    env = dict(os.environ)
    if extra_path:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [extra_path, env.get("PYTHONPATH")]))
    probe = "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec(sys.argv[1]) else 3)"
    result = subprocess.run([python, "-c", probe, module], env=env, capture_output=True, timeout=120)  # noqa: S603
    return result.returncode == 0


def _loopback_port(job_name: str, host_index: int, container_port: int) -> int:
    """The 127.0.0.1 port standing in for ``container_port`` of host number ``host_index``: a block of
    four ports per host from a base that is stable for the job (2222, 2223, 8890 -> +0, +1, +2)."""
    import zlib

    slot = {2222: 0, 2223: 1, 8890: 2}.get(container_port, 3)
    base = 20000 + zlib.crc32(job_name.encode()) % 5000 * 4
    return base + host_index * 4 + slot


def _relocated_hyperparameters(hyperparameters: Mapping[str, str], code_dir: str) -> Dict[str, str]:
    """Point ``sagemaker_submit_directory`` ("/opt/ml/code" in a container) at the host's code copy."""
    relocated = dict(hyperparameters)
    if _SUBMIT_DIRECTORY in relocated:
        relocated[_SUBMIT_DIRECTORY] = json.dumps(code_dir)
    return relocated


def _link_or_copy(source: str, link: str) -> None:
    """Make ``link`` show ``source`` (a symlink; a copy where links are not allowed)."""
    layout_mod.remove_tree(link)
    try:
        os.symlink(os.path.abspath(source), link, target_is_directory=True)
    except OSError:
        shutil.copytree(source, link, symlinks=True)


def _hard_link_or_copy(source: str, destination: str) -> None:
    """``copytree``'s copy function: a hard link (no data copied), a copy where links fail."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def _script_failure_reason(child: _HostProcess, code: int) -> str:
    """The ``failure`` file text the toolkit writes when the script exits non-zero."""
    message = "\n".join(child.error_lines)
    extra = '\nExtraInfo "OutOfMemory: Process killed by SIGKILL (signal 9)"' if code in (137, -9) else ""
    return 'ExecuteUserScriptError:\nExitCode %s\nErrorMessage "%s"%s\nCommand "%s"' % (
        code,
        message,
        extra,
        " ".join(namespace.unwrap(child.command)),
    )


# --------------------------------------------------------------------------- runtime


class ProcessRuntime:
    """The local runtime for ``instance_type="local_process"``: scripts run on the host's Python.

    Args:
        python: interpreter for entry points and pip; default ``$SAGEMAKER_LOCAL_PYTHON``
            or the current interpreter.
        stream: where prefixed job output goes (default: ``sys.stdout`` at write time).
    """

    def __init__(self, python: Optional[str] = None, stream: Optional[TextSink] = None):
        self._python = python
        self._stream = stream

    # ------------------------------------------------------------------ training

    def train(self, spec: TrainingSpec) -> TrainingResult:
        """Run the job on ``spec.instance_count`` concurrent processes and pack its artifacts.

        Raises:
            ValueError: the spec asks for something local_process cannot do.
            FrameworkNotInstalledError: the host interpreter lacks the framework.
            TrainingFailedError: a host (or the requirements install) exited non-zero.
        """
        _check_supported(spec)
        code_dir = required(spec.code_dir, "code_dir")  # an existing directory: checked just above
        program = _entry_point(spec)
        python = _resolve_python(self._python)
        kind = _entry_point_type(code_dir, program)
        if not os.path.isfile(os.path.join(code_dir, program)) and kind != "package":
            raise ValueError(f"entry_point {program!r} is not a file in source_dir {spec.code_dir!r}")

        sink = _Sink(self._stream)
        os.makedirs(spec.work_dir, exist_ok=True)
        hosts = layout_mod.host_names(spec.instance_count)
        width = max(len(host) for host in hosts)
        job = layout_mod.JobLayout(os.path.abspath(spec.work_dir), tuple(hosts))
        packages_dir = os.path.join(job.root, _PACKAGES_DIR)
        owned = [layout.root for layout in job.host_layouts] + [job.shared_dir, packages_dir,
                                                                os.path.join(job.root, _CODE_COPY_DIR)]
        try:
            self._prepare_hosts(spec, job)
            extra_path = self._install_requirements(spec, job, python, kind, packages_dir, sink, width)
            self._check_framework(spec, python, extra_path)

            specs = []
            for host in job.host_layouts:
                command, env = self._host_command(spec, job, host, python, program, kind, extra_path)
                # literal /opt/ml paths reach this host's own tree (a private mount namespace)
                specs.append((host.host, namespace.confine_if_available(command, host.root), host.code_dir, env))
            children, codes = _run_all(specs, sink, width)

            failed: Optional[Tuple[_HostProcess, int]] = None
            for child in children:
                if child.label not in codes:
                    continue  # stopped because another host failed: it reports nothing
                host = job.host(child.label)
                code = codes[child.label]
                if code == 0:
                    host.write_status(True)
                else:
                    host.write_status(False, _script_failure_reason(child, code))
                    if failed is None:
                        failed = (child, code)
            result = layout_mod.pack_artifacts(job, spec.artifacts_dir)
            if failed is not None:
                child, code = failed
                reason = job.host(child.label).read_failure() + namespace.literal_path_hint(child.log_tail())
                raise TrainingFailedError(spec.job_name, child.label, code, reason, child.log_tail())
            logger.info("===== Job Complete =====")
            return result
        finally:
            for path in owned:
                layout_mod.remove_tree(path)

    def _prepare_hosts(self, spec: TrainingSpec, job: layout_mod.JobLayout) -> None:
        os.makedirs(job.shared_dir, exist_ok=True)
        # one copy of the code per job; each host's code dir holds hard links to its files
        code_copy = os.path.join(job.root, _CODE_COPY_DIR)
        layout_mod.remove_tree(code_copy)
        shutil.copytree(required(spec.code_dir, "code_dir"), code_copy, symlinks=True)
        for host in job.host_layouts:
            host.create()
            layout_mod.remove_tree(host.code_dir)
            shutil.copytree(code_copy, host.code_dir, symlinks=True, copy_function=_hard_link_or_copy)
            host.write_config_files(
                _relocated_hyperparameters(spec.hyperparameters, host.code_dir),
                spec.channels,
                job.hosts,
                instance_type="local",
            )
            for channel in spec.channels:
                _link_or_copy(channel.local_dir, host.channel_dir(channel.name))
            if spec.checkpoint_local_dir:
                os.makedirs(spec.checkpoint_local_dir, exist_ok=True)
                _link_or_copy(spec.checkpoint_local_dir, host.checkpoints_dir)
            _link_or_copy(job.shared_dir, os.path.join(host.root, "shared"))

    def _install_requirements(
        self,
        spec: TrainingSpec,
        job: layout_mod.JobLayout,
        python: str,
        kind: str,
        packages_dir: str,
        sink: _Sink,
        width: int,
    ) -> Optional[str]:
        """pip-install requirements.txt (or the package) once per job into ``packages_dir``."""
        code_dir = job.host_layouts[0].code_dir
        has_requirements = os.path.isfile(os.path.join(code_dir, "requirements.txt"))
        if kind == "package":
            targets = ["."] + (["-r", "requirements.txt"] if has_requirements else [])
        elif kind == "program" and has_requirements:
            targets = ["-r", "requirements.txt"]
        else:
            return None
        os.makedirs(packages_dir, exist_ok=True)
        command = [
            python, "-m", "pip", "install", "--disable-pip-version-check", "--no-input",
            "--no-warn-script-location", "--target", packages_dir, *targets,
        ]
        label = job.hosts[0]
        logger.info("Installing %s into %s", " ".join(targets), packages_dir)
        children, codes = _run_all([(label, command, code_dir, dict(os.environ))], sink, width)
        code = codes.get(label, -1)
        if code != 0:
            error = "InstallModuleError" if kind == "package" else "InstallRequirementsError"
            reason = '%s:\nExitCode %s\nErrorMessage "%s"\nCommand "%s"' % (
                error, code, "\n".join(children[0].error_lines), " ".join(command)
            )
            for host in job.host_layouts:
                host.write_status(False, reason)
            layout_mod.pack_artifacts(job, spec.artifacts_dir)
            raise TrainingFailedError(spec.job_name, label, code, reason, children[0].log_tail())
        return packages_dir

    def _check_framework(self, spec: TrainingSpec, python: str, extra_path: Optional[str]) -> None:
        if spec.framework is None:
            return
        module, package = FRAMEWORK_MODULES[spec.framework]
        if not _framework_available(python, module, extra_path):
            raise FrameworkNotInstalledError(
                f"instance_type='local_process' runs the {spec.framework} training script on this machine's "
                f"Python ({python}), which cannot import {module!r}. Either install it there "
                f"(`{python} -m pip install {package}`), or run the job in the {spec.framework} container with "
                "instance_type='local' (needs Docker)."
            )

    def _host_command(
        self,
        spec: TrainingSpec,
        job: layout_mod.JobLayout,
        host: layout_mod.HostLayout,
        python: str,
        program: str,
        kind: str,
        extra_path: Optional[str],
    ) -> Tuple[List[str], Dict[str, str]]:
        base = dict(os.environ)
        # what V2's local mode adds to every training container
        base["TRAINING_JOB_NAME"] = spec.job_name
        region = toolkit_env.decode_hyperparameters(
            {key: value for key, value in spec.hyperparameters.items() if key == "sagemaker_region"}
        ).get("sagemaker_region")
        if region:
            base["AWS_REGION"] = str(region)
        base.update(spec.environment)
        framework_module = toolkit_env.FRAMEWORK_TRAINING_MODULES.get(spec.framework or "")
        if framework_module:
            base["SAGEMAKER_TRAINING_MODULE"] = framework_module

        with open(host.config_path(layout_mod.HYPERPARAMETERS_FILE), encoding="utf-8") as handle:
            hyperparameters = json.load(handle)
        toolkit = toolkit_env.toolkit_environment(
            host.root,
            hyperparameters,
            layout_mod.resource_config(host.host, job.hosts, "local"),
            layout_mod.input_data_config(spec.channels),
            environ=base,
            framework_module=framework_module,
        )
        env = dict(base)
        env.update(toolkit.env)
        if spec.framework == "tensorflow":
            env.update(self._tensorflow_env(toolkit, job.hosts))
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [host.code_dir, extra_path, base.get("PYTHONPATH")]))
        env.setdefault("PYTHONUNBUFFERED", "1")

        if kind == "program":
            command = [python, "--", program, *toolkit.args]
        elif kind == "package":
            command = [python, "-m", re.sub(r"\.py$", "", program).replace("/", "."), *toolkit.args]
        else:
            # as the toolkit's `/bin/sh -c "./train.sh ARGS"`, but the arguments stay arguments:
            # the fixed command string execs "./$0" with "$@"; sh runs a shebang-less file itself
            os.chmod(os.path.join(host.code_dir, program), 0o755)
            command = ["/bin/sh", "-c", 'exec "./$0" "$@"', program, *toolkit.args]
        return command, env

    @staticmethod
    def _tensorflow_env(toolkit: toolkit_env.ToolkitEnvironment, hosts: Sequence[str]) -> Dict[str, str]:
        """TF_CONFIG and the variables the TensorFlow toolkit sets; peers at 127.0.0.1, one port each."""
        from sagemaker_estimators.local.process import tensorflow_toolkit

        training_env = toolkit.training_env
        job_name = training_env["job_name"] or "job"
        host_list = list(hosts)

        def address(host: str, port: int) -> str:
            return f"127.0.0.1:{_loopback_port(job_name, host_list.index(host), port)}"

        region = toolkit.env.get("SAGEMAKER_REGION") or None
        return tensorflow_toolkit.tensorflow_environment(
            training_env["additional_framework_parameters"], list(training_env["hosts"]),
            training_env["current_host"], region, address)

    # ------------------------------------------------------------------ processing

    def process(self, spec: ProcessingSpec) -> None:
        """Run a processing job on this machine (see :mod:`.processing_runner`)."""
        from sagemaker_estimators.local.process.processing_runner import run_processing

        run_processing(spec, _resolve_python(self._python), _run_all, _Sink(self._stream))

    # ------------------------------------------------------------------ serving

    def serve(self, spec: ServingSpec) -> RunningEndpoint:
        """Start the model server for ``spec`` on 127.0.0.1 and return once ``/ping`` answers.

        The port is ``spec.port``, or one the server picks itself (no race for a free port).
        """
        from sagemaker_estimators.local.model_server.serving_process import start_model_server

        return start_model_server(spec, host="127.0.0.1", port=spec.port, python=_resolve_python(self._python))
