"""The local model server: SageMaker's serving contract (``/ping``, ``/invocations``) on the standard library.

Run it as::

    python -m sagemaker_estimators.local.model_server.server [serve] --model-dir DIR [--code-dir DIR]
        [--program inference.py] [--framework sklearn|xgboost|pytorch|huggingface]
        [--host 127.0.0.1] [--port N]

``SAGEMAKER_PROGRAM`` and ``SAGEMAKER_SUBMIT_DIRECTORY`` stand in for ``--program``
and ``--code-dir`` (as in a container; ``/opt/ml/model/code`` means the model
directory's ``code/``), ``SAGEMAKER_ESTIMATORS_FRAMEWORK`` for ``--framework``,
``SM_MODEL_DIR`` for ``--model-dir`` (default ``/opt/ml/model``) and
``SAGEMAKER_BIND_TO_PORT`` for ``--port`` (default 8080; 0 picks a free port).
With the ``serve`` argument (the container command) the default host is
``0.0.0.0``, otherwise ``127.0.0.1``.

The model is loaded before the server answers anything; a failure is logged
with its traceback and the process exits with status 1.  Once listening the
server prints one line on stdout, ``SAGEMAKER_ESTIMATORS_LISTENING HOST:PORT``,
and logs requests to stderr.  Handler errors answer 500 with the traceback's
last line as the body; unsupported content or accept types answer 415.

This module imports only the standard library (numpy and the framework come in
with the model).  Callers start it as a subprocess with
:func:`sagemaker_estimators.local.model_server.serving_process.start_model_server`, also
reachable from here.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import signal
import sys
import threading
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, List, Optional, Tuple

from sagemaker_estimators.exceptions import SageMakerEstimatorsError
from sagemaker_estimators.local.model_server import serving_codecs as codecs
from sagemaker_estimators.local.model_server.serving_handlers import FRAMEWORKS, InferenceHandler, ServingSetupError, build_handler

logger = logging.getLogger("sagemaker_estimators.model_server")

LISTENING_PREFIX = "SAGEMAKER_ESTIMATORS_LISTENING"
FRAMEWORK_ENV = "SAGEMAKER_ESTIMATORS_FRAMEWORK"
MAX_PAYLOAD_ENV = "SAGEMAKER_ESTIMATORS_MAX_PAYLOAD_MB"
DEFAULT_MAX_PAYLOAD_MB = 100
#: what ``GET /execution-parameters`` answers (batch transform asks for it)
EXECUTION_PARAMETERS = {"MaxConcurrentTransforms": 1, "BatchStrategy": "MULTI_RECORD", "MaxPayloadInMB": 6}


class _PayloadTooLarge(SageMakerEstimatorsError):
    pass


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else "internal error"


def _error_status(error: BaseException) -> int:
    """415 for unsupported formats (ours or the toolkits'), a handler-chosen 4xx/5xx, else 500."""
    if isinstance(error, codecs.UnsupportedFormatError) or type(error).__name__ == "UnsupportedFormatError":
        return 415
    status = getattr(error, "status_code", None)
    if isinstance(status, int) and 400 <= status <= 599:
        return status
    return 500


class ModelServer(ThreadingHTTPServer):
    """An HTTP server bound to one :class:`InferenceHandler`; invocations run one at a time."""

    daemon_threads = True
    server_address: Tuple[str, int]  # bound to an IPv4 (host, port): see __init__

    def __init__(self, address: Tuple[str, int], max_payload_bytes: int):
        super().__init__(address, _RequestHandler)
        self.inference: Optional[InferenceHandler] = None
        self.max_payload_bytes = max_payload_bytes
        self.invoke_lock = threading.Lock()


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "sagemaker-estimators-model-server"
    # small answers on a kept-alive connection must not wait ~40 ms for a delayed ACK
    disable_nagle_algorithm = True
    server: ModelServer
    _headers_buffer: List[bytes]  # BaseHTTPRequestHandler's pending header lines (send_header appends)

    def _send(self, status: int, body: bytes, content_type: str = "text/plain; charset=utf-8") -> None:
        """Status line, headers and body in one write (two small writes stall on Nagle + delayed ACK)."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        head = self._headers_buffer + [b"\r\n"]  # what end_headers() would flush, sent with the body
        self._headers_buffer = []
        self.wfile.write(b"".join(head) + (body if self.command != "HEAD" else b""))

    def _path(self) -> str:
        return self.path.split("?", 1)[0]

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path = self._path()
        if path == "/ping":
            if self.server.inference is None:
                self._send(503, b"model not loaded\n")
            else:
                self._send(200, b"\n")
        elif path == "/execution-parameters":
            self._send(200, json.dumps(EXECUTION_PARAMETERS).encode(), "application/json")
        else:
            self._send(404, f"no such path: {path}\n".encode())

    do_HEAD = do_GET

    def _read_body(self) -> bytes:
        limit = self.server.max_payload_bytes
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks: List[bytes] = []
            size = 0
            while True:
                length = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
                if length == 0:
                    while self.rfile.readline().strip():  # trailers
                        pass
                    return b"".join(chunks)
                size += length
                if size > limit:
                    raise _PayloadTooLarge(size)
                chunks.append(self.rfile.read(length))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        if length > limit:
            raise _PayloadTooLarge(length)
        return self.rfile.read(length) if length else b""

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        path = self._path()
        if path != "/invocations":
            self._send(404, f"no such path: {path}\n".encode())
            return
        try:
            body = self._read_body()
        except _PayloadTooLarge as error:
            self.close_connection = True
            self._send(413, f"request body of {error.args[0]} bytes is over the {self.server.max_payload_bytes} byte limit\n".encode())
            return
        except ValueError:
            self.close_connection = True
            self._send(400, b"malformed request body framing\n")
            return
        inference = self.server.inference
        if inference is None:
            self._send(503, b"model not loaded\n")
            return
        try:
            with self.server.invoke_lock:
                payload, content_type = inference.invoke(
                    body, self.headers.get("Content-Type"), self.headers.get("Accept")
                )
        except Exception as error:  # every handler error becomes an HTTP error, the server keeps serving
            status = _error_status(error)
            if status == 500:
                text = traceback.format_exc()
                logger.error("invocation failed:\n%s", text.rstrip())
                message = _last_line(text)
            else:
                message = str(error)
                logger.warning("invocation answered %d: %s", status, message)
            self._send(status, (message + "\n").encode("utf-8"))
            return
        self._send(200, payload, content_type)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's signature
        logger.info("%s %s", self.address_string(), format % args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m sagemaker_estimators.local.model_server.server",
        description="Serve a model under SageMaker's /ping + /invocations contract.",
    )
    parser.add_argument("command", nargs="?", choices=["serve"], help="the container command (binds 0.0.0.0)")
    parser.add_argument("--model-dir", default=os.environ.get("SM_MODEL_DIR") or "/opt/ml/model")
    parser.add_argument("--code-dir", default=None, help="directory of the inference script")
    parser.add_argument("--program", default=os.environ.get("SAGEMAKER_PROGRAM") or None)
    parser.add_argument("--framework", choices=FRAMEWORKS, default=os.environ.get(FRAMEWORK_ENV) or None)
    parser.add_argument("--host", default=None)
    parser.add_argument("--port", type=int, default=None)
    parser.add_argument("--parent-pid", type=int, default=None, help="exit when this process is gone")
    parser.add_argument("--owned-dir", default=None,
                        help="the launcher's scratch folder: removed on exit when the launcher is gone")
    return parser


def _log_level() -> int:
    value = os.environ.get("SAGEMAKER_CONTAINER_LOG_LEVEL", "")
    if value.isdigit():
        return int(value)
    return getattr(logging, value.upper(), logging.INFO) if value else logging.INFO


def _on_sigterm(signum: int, frame: Any) -> None:
    raise SystemExit(0)


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # POSIX only: signal 0 checks for existence
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


#: set when the launcher died: nobody else is left to remove its scratch folder
_orphaned = threading.Event()


def _watch_parent(parent_pid: int) -> None:
    """SIGTERM ourselves once the launching process is gone (re-parenting or no such pid)."""
    first_parent = os.getppid()  # the launcher, or an interpreter wrapper it started
    while True:
        time.sleep(0.5)
        if os.getppid() != first_parent or not _process_exists(parent_pid):
            logger.warning("parent process %d is gone: stopping the model server", parent_pid)
            _orphaned.set()
            os.kill(os.getpid(), signal.SIGTERM)
            return


def main(argv: Optional[List[str]] = None) -> int:
    """Load the model, listen, announce the address, serve until SIGTERM/SIGINT."""
    args = _parser().parse_args(argv)
    logging.basicConfig(
        stream=sys.stderr, level=_log_level(), format="%(asctime)s %(levelname)s %(name)s - %(message)s"
    )
    host = args.host or ("0.0.0.0" if args.command == "serve" else "127.0.0.1")
    port = args.port if args.port is not None else int(os.environ.get("SAGEMAKER_BIND_TO_PORT") or 8080)
    max_payload = int(float(os.environ.get(MAX_PAYLOAD_ENV) or DEFAULT_MAX_PAYLOAD_MB) * 1024 * 1024)
    signal.signal(signal.SIGTERM, _on_sigterm)
    if args.parent_pid and os.name == "posix":
        threading.Thread(target=_watch_parent, args=(args.parent_pid,), daemon=True).start()

    try:
        server = ModelServer((host, port), max_payload)
    except OSError as error:
        logger.error("model server cannot listen on %s:%d: %s", host, port, error)
        return 1
    try:
        try:
            inference = build_handler(
                args.model_dir,
                framework=args.framework,
                program=args.program,
                code_dir=args.code_dir,
                submit_directory=os.environ.get("SAGEMAKER_SUBMIT_DIRECTORY"),
            )
            inference.load()
        except ServingSetupError as error:
            logger.error("model server failed to start: %s", error)
            return 1
        except Exception:  # whatever the user's model_fn raised: report it and exit non-zero
            text = traceback.format_exc()
            logger.error("model_fn failed to load the model:\n%s", text.rstrip())
            logger.error("model server failed to start: %s", _last_line(text))
            return 1
        server.inference = inference
        bound_host, bound_port = server.server_address[:2]
        print(f"{LISTENING_PREFIX} {bound_host}:{bound_port}", flush=True)
        logger.info("serving %s on http://%s:%d", args.model_dir, bound_host, bound_port)
        try:
            server.serve_forever(poll_interval=0.2)
        except KeyboardInterrupt:
            pass
        return 0
    finally:
        server.server_close()
        if _orphaned.is_set() and args.owned_dir:
            # a launcher killed outright cannot clean up; its server does (log included)
            shutil.rmtree(args.owned_dir, ignore_errors=True)


def __getattr__(name: str) -> Any:
    # The caller-side API lives in serving_process (it needs attrs); offered here too.
    if name in ("start_model_server", "ModelServerProcess", "ModelServerError"):
        from sagemaker_estimators.local.model_server import serving_process

        return getattr(serving_process, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if __name__ == "__main__":
    sys.exit(main())
