"""Start and drive the local model server (:mod:`.server`) as a subprocess.

:func:`start_model_server` launches ``python -m sagemaker_estimators.local.model_server.server``
with the given interpreter, waits (bounded) for its ``LISTENING`` line and returns a
:class:`ModelServerProcess`, which implements the local runtime's
:class:`~sagemaker_estimators.local.runtime.RunningEndpoint` protocol: ``url``,
``ping()``, ``invoke()``, ``log_tail()`` and ``stop()``.

The server runs in its own process group (POSIX), so :meth:`ModelServerProcess.stop`
also ends whatever the user's handlers started; it watches this process and exits
if it goes away, and servers still running at interpreter exit are stopped.
"""
from __future__ import annotations

import atexit
import http.client
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from typing import Any, Dict, Mapping, Optional, Tuple, Union

from sagemaker_estimators.exceptions import SageMakerEstimatorsError
from sagemaker_estimators.local.runtime import InvocationResult, ServingSpec
from sagemaker_estimators.local.model_server.serving_handlers import FRAMEWORKS

logger = logging.getLogger(__name__)

SERVER_MODULE = "sagemaker_estimators.local.model_server.server"
_LISTENING = re.compile(r"SAGEMAKER_ESTIMATORS_LISTENING (\S+):(\d+)\s*$")
_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_TAIL_LINES_KEPT = 200

_LIVE: "weakref.WeakSet[ModelServerProcess]" = weakref.WeakSet()


class ModelServerError(RuntimeError, SageMakerEstimatorsError):
    """The model server died, never came up, or could not be reached; carries its log tail."""

    def __init__(self, message: str, log_tail: str = "", exit_code: Optional[int] = None):
        self.log_tail = log_tail
        self.exit_code = exit_code
        detail = f"\n--- last lines of the model server log ---\n{log_tail.rstrip()}" if log_tail.strip() else ""
        super().__init__(message + detail)


def _read_tail(path: str, lines: int) -> str:
    try:
        with open(path, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            chunk = min(size, max(65536, lines * 512))
            handle.seek(size - chunk)
            data = handle.read()
    except OSError:
        return ""
    text = data.decode("utf-8", errors="replace")
    return "\n".join(text.splitlines()[-lines:]) if lines > 0 else ""


def _same_interpreter(python: str) -> bool:
    # by path, not by inode: a virtualenv's python links to its base interpreter
    return os.path.normcase(os.path.abspath(python)) == os.path.normcase(os.path.abspath(sys.executable))


def http_request(host: str, port: int, method: str, path: str, body: Optional[bytes] = None,
                 headers: Optional[Mapping[str, str]] = None,
                 timeout: float = 60.0) -> Tuple[int, Dict[str, str], bytes]:
    """One HTTP request to a local model server: (status, lower-cased headers, body).

    Raises ``OSError`` / ``http.client.HTTPException`` when the server cannot be reached.
    """
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=dict(headers or {}))
        response = connection.getresponse()
        payload = response.read()
        return response.status, {key.lower(): value for key, value in response.getheaders()}, payload
    finally:
        connection.close()


def ping_endpoint(host: str, port: int, timeout: float = 5.0) -> bool:
    """True when ``GET http://host:port/ping`` answers 200 (False when nothing answers)."""
    try:
        status, _headers, _body = http_request(host, port, "GET", "/ping", timeout=timeout)
    except (OSError, http.client.HTTPException):
        return False
    return status == 200


def post_invocations(
    host: str, port: int, body: Any, content_type: Optional[str], accept: Optional[str], timeout: float
) -> InvocationResult:
    """POST ``body`` (bytes, str or a file-like object) to ``/invocations``; any HTTP status is returned.

    Raises ``OSError`` / ``http.client.HTTPException`` when the server cannot be reached.
    """
    if hasattr(body, "read"):
        body = body.read()
    if body is None:
        body = b""
    if isinstance(body, str):
        body = body.encode("utf-8")
    if not isinstance(body, (bytes, bytearray, memoryview)):
        raise TypeError(f"body must be bytes, str or a file-like object; got a {type(body).__name__}")
    headers = {}
    if content_type:
        headers["Content-Type"] = content_type
    if accept:
        headers["Accept"] = accept
    status, response_headers, payload = http_request(host, port, "POST", "/invocations", bytes(body), headers, timeout)
    return InvocationResult(body=payload, content_type=response_headers.get("content-type") or "", status=status)


class ModelServerProcess:
    """A running model server subprocess (see :func:`start_model_server`)."""

    #: seconds an ``invoke`` may take before it fails
    invoke_timeout: float = 600.0

    def __init__(
        self,
        process: subprocess.Popen,
        log_path: str,
        owned_dir: Optional[str],
        log_handle: Any,
        log_start: int = 0,
    ):
        self.process = process
        self.pid = process.pid
        self.log_path = log_path
        self.url = ""
        self.host = ""
        self.port = 0
        self._owned_dir = owned_dir
        self._log_handle = log_handle
        self._saved_tail: Optional[str] = None
        self._stopped = False
        self._lock = threading.Lock()
        self._scan_offset = log_start
        self._scan_rest = b""
        _LIVE.add(self)

    def __repr__(self) -> str:
        state = "stopped" if self._stopped else ("running" if self.is_running() else f"exited {self.process.returncode}")
        return f"ModelServerProcess(pid={self.pid}, url={self.url!r}, {state})"

    def __enter__(self) -> "ModelServerProcess":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()

    # ------------------------------------------------------------ start-up

    def _scan_for_address(self) -> Optional[str]:
        try:
            with open(self.log_path, "rb") as handle:
                handle.seek(self._scan_offset)
                data = handle.read()
        except OSError:
            return None
        self._scan_offset += len(data)
        lines = (self._scan_rest + data).split(b"\n")
        self._scan_rest = lines.pop()
        for line in lines:
            match = _LISTENING.search(line.decode("utf-8", errors="replace"))
            if match:
                return f"{match.group(1)}:{match.group(2)}"
        return None

    def _wait_until_listening(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        delay = 0.005
        while True:
            address = self._scan_for_address()
            if address:
                host, _, port = address.rpartition(":")
                self.host = "127.0.0.1" if host in ("0.0.0.0", "") else host
                self.port = int(port)
                self.url = f"http://{self.host}:{self.port}"
                return
            code = self.process.poll()
            if code is not None and self._scan_for_address() is None:
                tail = self.log_tail(50)
                self.stop()
                raise ModelServerError(f"the model server exited with code {code} before it was ready", tail, code)
            if time.monotonic() > deadline:
                tail = self.log_tail(50)
                self.stop()
                raise ModelServerError(f"the model server was not ready after {timeout:g} s", tail)
            time.sleep(delay)
            delay = min(delay * 2, 0.1)

    # ------------------------------------------------------------ RunningEndpoint

    def is_running(self) -> bool:
        """True while the server process is alive."""
        return self.process.poll() is None

    def ping(self, timeout: float = 5.0) -> bool:
        """True when ``GET /ping`` answers 200."""
        if not self.url or not self.is_running():
            return False
        return ping_endpoint(self.host, self.port, timeout)

    def invoke(
        self, body: Any, content_type: Optional[str] = None, accept: Optional[str] = None
    ) -> InvocationResult:
        """POST ``body`` to ``/invocations``; any HTTP status comes back in the result.

        Raises :class:`ModelServerError` (with the log tail) when the server cannot be reached.
        """
        try:
            return post_invocations(self.host, self.port, body, content_type, accept, self.invoke_timeout)
        except (OSError, http.client.HTTPException) as error:
            code = self.process.poll()
            state = f"exited with code {code}" if code is not None else "is running but did not answer"
            raise ModelServerError(
                f"invocation of the model server at {self.url} failed ({error}); the server {state}",
                self.log_tail(50),
                code,
            ) from error

    def log_tail(self, lines: int = 50) -> str:
        """The last ``lines`` lines the server printed (stdout and stderr)."""
        if self._saved_tail is not None:
            return "\n".join(self._saved_tail.splitlines()[-lines:]) if lines > 0 else ""
        return _read_tail(self.log_path, lines)

    def stop(self, timeout: float = 10.0) -> None:
        """Terminate the server (and its process group), kill it if it lingers; idempotent."""
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
        try:
            if self.process.poll() is None:
                self._signal(signal.SIGTERM)
                try:
                    self.process.wait(timeout)
                except subprocess.TimeoutExpired:
                    logger.warning("model server %d did not stop on SIGTERM; killing it", self.pid)
                    self._signal(signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
                    self.process.wait()
            if os.name == "posix":
                try:  # whatever the handlers started in the server's group
                    os.killpg(self.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
        finally:
            if self._log_handle is not None:
                self._log_handle.close()
            if self._owned_dir is not None:
                self._saved_tail = _read_tail(self.log_path, _TAIL_LINES_KEPT)
                shutil.rmtree(self._owned_dir, ignore_errors=True)
            _LIVE.discard(self)

    def _signal(self, signum: int) -> None:
        try:
            if os.name == "posix":
                os.killpg(self.pid, signum)
            elif signum == signal.SIGTERM:
                self.process.terminate()
            else:
                self.process.kill()
        except (ProcessLookupError, PermissionError):
            pass


def _stop_all() -> None:
    for server in list(_LIVE):
        server.stop(timeout=5.0)


atexit.register(_stop_all)


def _child_pythonpath(python: str, env: Mapping[str, str], scratch: str) -> str:
    """``PYTHONPATH`` for the server: the caller's entries, then this package.

    Another interpreter gets a directory holding only a link to this package, so
    that it never sees the rest of this interpreter's site-packages.
    """
    entries = [entry for entry in env.get("PYTHONPATH", "").split(os.pathsep) if entry]
    root = os.path.dirname(_PACKAGE_DIR)
    if not _same_interpreter(python) and os.path.basename(root) in ("site-packages", "dist-packages"):
        shim = os.path.join(scratch, "pkg")
        os.makedirs(shim, exist_ok=True)
        link = os.path.join(shim, os.path.basename(_PACKAGE_DIR))
        if not os.path.lexists(link):
            os.symlink(_PACKAGE_DIR, link, target_is_directory=True)
        root = shim
    if root not in entries:
        entries.append(root)
    return os.pathsep.join(entries)


def start_model_server(
    model_dir: Union[str, ServingSpec],
    code_dir: Optional[str] = None,
    program: Optional[str] = None,
    framework: Optional[str] = None,
    env: Optional[Mapping[str, str]] = None,
    port: Optional[int] = None,
    python: Optional[str] = None,
    log_path: Optional[str] = None,
    host: str = "127.0.0.1",
    startup_timeout: float = 120.0,
) -> ModelServerProcess:
    """Launch the model server over ``model_dir`` and return once it listens (model loaded).

    Args:
        model_dir: the extracted model (``/opt/ml/model``), or a
            :class:`~sagemaker_estimators.local.runtime.ServingSpec`, whose model
            dir, code dir, framework, environment, port and work dir (for the log)
            are used where the other arguments are not given.
        code_dir: directory of the inference script; by default
            ``SAGEMAKER_SUBMIT_DIRECTORY`` in ``env``, else ``<model_dir>/code``.
        program: the inference script (``SAGEMAKER_PROGRAM`` in ``env`` otherwise).
        framework: ``"sklearn"``, ``"xgboost"``, ``"pytorch"``, ``"huggingface"`` or
            None: whose default handlers fill in what the script leaves out.
        env: variables added to this process's environment for the server (the
            model's ``Environment``).
        port: the port to listen on; None or 0 picks a free one.
        python: the interpreter to run the server with (default: this one).
        log_path: file receiving the server's output (default: a temp file removed
            by ``stop()``, whose last lines stay readable through ``log_tail()``).
        host: the address to listen on.
        startup_timeout: seconds to wait for the model to load and the server to listen.

    Raises:
        ValueError / TypeError: bad arguments (nothing is started).
        ModelServerError: the server exited or timed out before listening; the
            message ends with its log tail.
    """
    if isinstance(model_dir, ServingSpec):
        spec = model_dir
        model_dir = spec.model_dir
        code_dir = code_dir or spec.code_dir
        framework = framework or spec.framework
        env = {**spec.environment, **(env or {})}
        port = port if port is not None else spec.port
        if log_path is None and spec.work_dir:
            os.makedirs(spec.work_dir, exist_ok=True)
            log_path = os.path.join(spec.work_dir, f"model-server-{spec.endpoint_name}.log")
    if not isinstance(model_dir, (str, os.PathLike)) or not os.path.isdir(model_dir):
        raise ValueError(f"model_dir must be an existing directory; got {model_dir!r}")
    if code_dir is not None and not os.path.isdir(code_dir):
        raise ValueError(f"code_dir must be an existing directory or None; got {code_dir!r}")
    if framework is not None and framework not in FRAMEWORKS:
        raise ValueError(f"framework must be one of {', '.join(FRAMEWORKS)} or None; got {framework!r}")
    if port is not None and (not isinstance(port, int) or isinstance(port, bool) or not 0 <= port <= 65535):
        raise ValueError(f"port must be an int from 0 to 65535 or None; got {port!r}")
    if not startup_timeout > 0:
        raise ValueError(f"startup_timeout must be a positive number of seconds; got {startup_timeout!r}")
    python = python or sys.executable
    if not os.path.isfile(python) or not os.access(python, os.X_OK):
        raise ValueError(f"python must be the path of a Python interpreter; got {python!r}")

    owned_dir = tempfile.mkdtemp(prefix="sm-model-server-")
    try:
        child_env = dict(os.environ)
        for key, value in (env or {}).items():
            if not isinstance(key, str) or not isinstance(value, str):
                raise TypeError(f"env must map str to str; got {key!r}: {value!r}")
            child_env[key] = value
        child_env["PYTHONUNBUFFERED"] = "1"
        child_env["PYTHONPATH"] = _child_pythonpath(python, child_env, owned_dir)
        command = [python, "-m", SERVER_MODULE, "--model-dir", os.path.abspath(model_dir)]
        command += ["--host", host, "--port", str(port or 0), "--parent-pid", str(os.getpid()),
                    "--owned-dir", owned_dir]
        if code_dir is not None:
            command += ["--code-dir", os.path.abspath(code_dir)]
        if program is not None:
            command += ["--program", program]
        if framework is not None:
            command += ["--framework", framework]
        if log_path is None:
            log_path = os.path.join(owned_dir, "model-server.log")
        log_handle = open(log_path, "ab")  # noqa: SIM115 - owned by the returned handle
        log_start = log_handle.tell()  # an appended-to log may hold an older LISTENING line
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log_handle,
                stderr=subprocess.STDOUT,
                env=child_env,
                start_new_session=os.name == "posix",
            )
        except BaseException:
            log_handle.close()
            raise
    except BaseException:
        shutil.rmtree(owned_dir, ignore_errors=True)
        raise
    server = ModelServerProcess(process, log_path, owned_dir, log_handle, log_start)
    logger.info("model server pid %d starting for %s (log %s)", process.pid, model_dir, log_path)
    try:
        server._wait_until_listening(startup_timeout)
    except BaseException:
        server.stop()
        raise
    logger.info("model server pid %d listening on %s", process.pid, server.url)
    return server

