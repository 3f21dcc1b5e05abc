"""The Docker runtime of local mode: training jobs and endpoints run with Compose.

:class:`ComposeRuntime` implements :class:`~sagemaker_estimators.local.runtime.LocalRuntime`
for ``instance_type`` ``local`` and ``local_gpu``:

* ``train``: lays out ``/opt/ml`` per host (:mod:`~sagemaker_estimators.local.layout`),
  writes the compose file (:mod:`~sagemaker_estimators.local.compose.compose_file`) into the
  job's work dir, starts it under a project name of its own (``up -d``), streams each
  host's log with an ``algo-N |`` prefix and waits for every container.  The first
  host that exits non-zero fails the job (the others are stopped at once) with its
  ``/opt/ml/output/failure`` text and log tail; otherwise ``model.tar.gz`` and
  ``output.tar.gz`` are packed into ``spec.artifacts_dir``.  Whatever happens,
  including Ctrl-C, the project's containers (with their anonymous volumes) and
  network are removed - through the engine's API, falling back to ``compose down
  --volumes --remove-orphans`` - and files the containers wrote as root are handed
  back to the calling user when that user is not root.  After a successful job the
  removal runs in the background (:mod:`~sagemaker_estimators.local.compose.background_teardown`),
  finished before the interpreter exits; a failed or interrupted job is torn down
  before its error is raised.
* ``serve``: starts one ``serve`` container publishing ``127.0.0.1:<free port>`` to
  8080 and returns a :class:`ComposeEndpoint` as soon as ``GET /ping`` answers.

Images are pulled only when absent, logging in to AWS-owned ECR registries through
the Docker SDK with a token from ``ecr:GetAuthorizationToken``.
"""
from __future__ import annotations

import atexit
import base64
import collections
import concurrent.futures
import logging
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from typing import Any, Callable, Deque, Dict, List, Mapping, Optional, Protocol, Tuple

from sagemaker_estimators.exceptions import SageMakerEstimatorsError
from sagemaker_estimators.local.compose import compose_file
from sagemaker_estimators.local.compose.background_teardown import project_up
from sagemaker_estimators.local.compose.compose_cli import ComposeCommand, compose_command
from sagemaker_estimators.local.output_lines import LineSplitter
from sagemaker_estimators.local.layout import JobLayout, create_job_layout, pack_artifacts
from sagemaker_estimators.local.model_server.serving_process import ping_endpoint, post_invocations
from sagemaker_estimators.local.runtime import (
    InvocationResult,
    ProcessingSpec,
    ServingSpec,
    TrainingFailedError,
    TrainingResult,
    TrainingSpec,
)

logger = logging.getLogger(__name__)

COMPOSE_FILE_NAME = "docker-compose.yaml"
PROJECT_LABEL = "com.docker.compose.project"
LOG_TAIL_LINES = 50
#: seconds to wait, after the containers exited, for the rest of their logs
LOG_DRAIN_TIMEOUT = 300.0
#: an AWS-owned registry: <account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]
_ECR_REGISTRY = re.compile(r"^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$")
_PORT_TAKEN = re.compile(r"port is already allocated|address already in use", re.IGNORECASE)


class _Container(Protocol):
    """What this runtime uses of a docker SDK container object."""

    id: str

    def kill(self) -> Any:
        """Stop the container with SIGKILL."""


class ComposeError(RuntimeError, SageMakerEstimatorsError):
    """A compose command failed."""


# --------------------------------------------------------------------------- docker


def docker_client():
    """A Docker SDK client from the environment; a clear error when no engine answers."""
    import docker  # runtime dependency, imported only where Docker is used

    try:
        client = docker.from_env()
        client.ping()
    except Exception as error:  # the SDK raises several types for "no engine"
        raise RuntimeError(
            "Local mode with instance_type 'local' or 'local_gpu' needs a running Docker engine "
            f"(DOCKER_HOST={os.environ.get('DOCKER_HOST', 'unset')}): {error}. "
            "Use instance_type='local_process' to run without Docker."
        ) from error
    return client


class ClientFuture:
    """A Docker SDK client built on a background thread.

    Importing the SDK and reaching the engine costs ~0.3 s; a job overlaps it with
    ``compose up`` and asks for the client only when it needs it.
    """

    def __init__(self) -> None:
        self._client = None
        self._error: Optional[BaseException] = None
        self._thread = threading.Thread(target=self._load, name="docker-client", daemon=True)
        self._thread.start()

    def _load(self) -> None:
        try:
            self._client = docker_client()
        except BaseException as error:  # handed to the caller of get()
            self._error = error

    def get(self):
        """The client; raises the engine error :func:`docker_client` raised."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._client

    def get_or_none(self):
        """The client, or None when no engine could be reached."""
        try:
            return self.get()
        except Exception:
            return None


def image_present(image_uri: str) -> Optional[bool]:
    """Whether the engine has ``image_uri``, asked through the docker CLI (fast), or None without one."""
    cli = shutil.which("docker")
    if cli is None:
        return None
    try:
        result = subprocess.run(
            [cli, "image", "inspect", "--format", "{{.Id}}", image_uri],
            capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode == 0:
        return True
    return False if "no such image" in (result.stderr + result.stdout).lower() else None


def split_image_uri(image_uri: str) -> Tuple[str, str, str]:
    """(registry, repository, tag) of an image URI; registry is "" for Docker Hub names."""
    name, _, digest = image_uri.partition("@")
    first, _, rest = name.partition("/")
    if rest and ("." in first or ":" in first or first == "localhost"):
        registry, path = first, rest
    else:
        registry, path = "", name
    repository, _, tag = path.rpartition(":") if ":" in path else (path, "", "")
    if digest:
        tag = digest
    elif not tag:
        tag = "latest"
    return registry, f"{registry}/{repository}" if registry else repository, tag


def ecr_auth_config(registry: str) -> Optional[Dict[str, str]]:
    """Docker credentials for an AWS-owned ECR registry, or None for any other registry."""
    match = _ECR_REGISTRY.match(registry)
    if not match:
        return None
    import boto3

    account, region = match.groups()
    response = boto3.client("ecr", region_name=region).get_authorization_token(registryIds=[account])
    token = base64.b64decode(response["authorizationData"][0]["authorizationToken"]).decode()
    username, _, password = token.partition(":")
    return {"username": username, "password": password}


def ensure_image(client, image_uri: str) -> None:
    """Pull ``image_uri`` unless the engine already has it (with ECR login when needed)."""
    import docker

    try:
        client.images.get(image_uri)
        return
    except docker.errors.ImageNotFound:
        pass
    registry, repository, tag = split_image_uri(image_uri)
    auth = ecr_auth_config(registry)
    logger.info("Pulling %s", image_uri)
    if tag.startswith("sha256:"):
        client.images.pull(f"{repository}@{tag}", auth_config=auth)
    else:
        client.images.pull(repository, tag=tag, auth_config=auth)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run_uninterrupted(action: Callable[[], None]) -> None:
    """Run ``action`` with Ctrl-C held off (main thread only), so cleanup is not cut short."""
    if threading.current_thread() is not threading.main_thread():
        action()
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        action()
    finally:
        signal.signal(signal.SIGINT, previous)


def reclaim_ownership(client, image_uri: str, paths: List[str]) -> None:
    """Give files a root container wrote under ``paths`` back to this (non-root) user."""
    if not hasattr(os, "geteuid") or os.geteuid() == 0:
        return
    existing = [path for path in paths if path and os.path.isdir(path)]
    if not existing:
        return
    volumes = {path: {"bind": f"/reclaim/{index}", "mode": "rw"} for index, path in enumerate(existing)}
    targets = [f"/reclaim/{index}" for index in range(len(existing))]
    try:
        client.containers.run(
            image_uri,
            ["chown", "-R", f"{os.geteuid()}:{os.getegid()}", *targets],
            entrypoint=[],
            volumes=volumes,
            remove=True,
            network_mode="none",
        )
    except Exception as error:  # best effort: report, never mask the job's own outcome
        logger.warning("Could not hand files under %s back to uid %s: %s", existing, os.geteuid(), error)


# --------------------------------------------------------------------------- compose project


class ComposeProject:
    """One compose file run under one project name."""

    def __init__(self, compose: ComposeCommand, project: str, path: str,
                 environment: Optional[Dict[str, str]] = None):
        self.compose = compose
        self.project = project
        self.path = path
        # the services' environment values: given to compose in its own environment, never in the file
        self.environment = dict(environment or {})

    @classmethod
    def for_job(cls, compose: ComposeCommand, name: str, path: str,
                environment: Mapping[str, str]) -> "ComposeProject":
        """The project of job or endpoint ``name`` whose services were written with ``environment``.

        The compose file names the variables only (:func:`compose_file.process_environment`),
        so their values must travel with the project: every runtime builds it here.
        """
        return cls(compose, compose_file.project_name(name), path, compose_file.process_environment(environment))

    def run(self, *args: str, timeout: Optional[float] = None) -> subprocess.CompletedProcess:
        """``compose -p PROJECT -f FILE ARGS``; raises :class:`ComposeError` on failure.

        The child gets a session of its own so a terminal's Ctrl-C reaches only us;
        we then tear the project down ourselves.
        """
        command = self.compose.command("-p", self.project, "-f", self.path, *args)
        logger.debug("$ %s", " ".join(command))
        result = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            start_new_session=True,
            env=dict(os.environ, **self.environment) if self.environment else None,
        )
        if result.returncode != 0:
            raise ComposeError(
                f"`{' '.join(command)}` exited {result.returncode}: {(result.stderr or result.stdout).strip()[-2000:]}"
            )
        return result

    def up(self) -> None:
        self.run("up", "-d", "--no-build", "--no-color")

    def remove_with_sdk(self, client) -> bool:
        """Remove the project's containers (with their anonymous volumes) and networks.

        What ``compose down --volumes --remove-orphans`` does for our files, through
        the engine's API: ~0.2 s instead of another compose process.  True when
        nothing of the project is left.
        """
        label = {"label": f"{PROJECT_LABEL}={self.project}"}
        try:
            containers = client.containers.list(all=True, filters=label)
            # one removal per host at once: a two-host job tears down as fast as one
            with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, min(8, len(containers)))) as pool:
                list(pool.map(lambda container: container.remove(force=True, v=True), containers))
            for network in client.networks.list(filters=label):
                network.remove()
            return not client.containers.list(all=True, filters=label) and not client.networks.list(filters=label)
        except Exception as error:  # fall back to compose down
            logger.debug("removing project %s through the SDK failed: %s", self.project, error)
            return False

    def down(self, client=None) -> None:
        """Remove containers, networks and anonymous volumes (never raises).

        With a Docker SDK ``client`` the engine's API does it; ``compose down
        --volumes --remove-orphans`` runs when that is not possible or leaves anything.
        """

        def action() -> None:
            if client is not None and self.remove_with_sdk(client):
                return
            try:
                self.run("down", "--volumes", "--remove-orphans", "--timeout", "2", timeout=120)
            except (ComposeError, OSError, subprocess.TimeoutExpired) as error:
                logger.warning("Cleaning up compose project %s failed: %s", self.project, error)

        _run_uninterrupted(action)

    def containers(self, client) -> Dict[str, _Container]:
        """This project's containers by host name (``algo-N``)."""
        found = client.containers.list(all=True, filters={"label": f"{PROJECT_LABEL}={self.project}"})
        return {container.labels.get(compose_file.LABEL_HOST, container.name): container for container in found}


def _refresh(container) -> bool:
    """Reload a container's state from the engine; False when the engine no longer has it."""
    import docker

    try:
        container.reload()
    except docker.errors.NotFound:
        return False
    return True


def _container_log_tail(container, lines: int) -> str:
    try:
        raw = container.logs(tail=lines)
    except Exception as error:  # the container may be gone already
        return f"(no log: {error})"
    return raw.decode("utf-8", errors="replace").replace("\r\n", "\n").rstrip()


#: serialises the pumps' writes, so lines of different hosts never mix
_STDOUT_LOCK = threading.Lock()
_LOG_READ_CHUNK = 256 * 1024


def _follow_logs(container):
    """The container's output as it comes, in chunks of any size.

    The SDK's ``logs(stream=True)`` reads a TTY container's stream one byte per
    iteration (~1 MB/s); the same request read in large chunks keeps up with any
    program.  Falls back to the SDK call for containers without a TTY.
    """
    api = container.client.api
    if not (container.attrs.get("Config") or {}).get("Tty") or not hasattr(api, "_get"):
        yield from container.logs(stream=True, follow=True)
        return
    response = api._get(api._url("/containers/{0}/logs", container.id),
                        params={"stdout": 1, "stderr": 1, "follow": 1, "timestamps": 0, "tail": "all"},
                        stream=True)
    try:
        api._raise_for_status(response)
        # a quiet container must not time the stream out (the SDK does the same for its streams)
        api._disable_socket_timeout(api._get_raw_response_socket(response))
        yield from response.iter_content(_LOG_READ_CHUNK, decode_unicode=False)
    finally:
        response.close()


class _LogPump(threading.Thread):
    """Streams one container's log to stdout with a host prefix, keeping the last lines.

    Every byte is written, in order, ``\r`` progress redraws included; each chunk
    is written with one call, so throughput stays far above what programs print.
    """

    def __init__(self, host: str, container_id: str, prefix: bool, keep: int = 200, stream=None):
        super().__init__(name=f"log-{host}", daemon=True)
        self.stream = stream
        self.host = host
        self.container_id = container_id
        self.prefix = f"{host} | " if prefix else ""
        self.lines: Deque[str] = collections.deque(maxlen=keep)

    def _write(self, output) -> None:
        self.lines.extend(output.lines)
        if output.text:
            stream = self.stream if self.stream is not None else sys.stdout
            with _STDOUT_LOCK:
                stream.write(output.text)
                stream.flush()

    def run(self) -> None:
        import docker

        splitter = LineSplitter(self.prefix)
        try:
            client = docker.from_env()
            container = client.containers.get(self.container_id)
            for chunk in _follow_logs(container):
                self._write(splitter.feed(chunk))
        except Exception as error:  # the container may be removed while we read
            logger.debug("log stream of %s ended: %s", self.host, error)
        self._write(splitter.feed(b"", final=True))

    def tail(self, lines: int = LOG_TAIL_LINES) -> str:
        return "\n".join(list(self.lines)[-lines:])


def _wait_for_exit(container_id: str, host: str, results: "queue.Queue[Tuple[str, Optional[int], str]]") -> None:
    import docker

    try:
        status = docker.from_env().containers.get(container_id).wait()
        results.put((host, int(status.get("StatusCode", -1)), ""))
    except Exception as error:
        results.put((host, None, f"lost track of the container: {error}"))


# --------------------------------------------------------------------------- runtime


class ComposeRuntime:
    """Runs local training jobs and endpoints in Docker through Compose.

    Args:
        compose: the Compose front end to use; detected (once per process) when None.
        serve_timeout: seconds ``serve`` waits for ``/ping`` before giving up.
        pull: whether a missing image may be pulled (tests pass False).
        container_config: extra compose service keys for every container (V2's
            ``local.container_config``, e.g. ``{"shm_size": "1g"}``).
        stream: where training output goes (default: ``sys.stdout`` at write time).
    """

    def __init__(
        self,
        compose: Optional[ComposeCommand] = None,
        serve_timeout: float = 120.0,
        pull: bool = True,
        container_config: Optional[Dict[str, object]] = None,
        stream=None,
    ):
        self.stream = stream
        compose_file.check_container_config(container_config)
        self.container_config = container_config
        if not isinstance(serve_timeout, (int, float)) or isinstance(serve_timeout, bool) or serve_timeout <= 0:
            raise ValueError(f"serve_timeout must be a positive number of seconds, got {serve_timeout!r}")
        self._compose = compose
        self.serve_timeout = float(serve_timeout)
        self.pull = pull

    @property
    def compose(self) -> ComposeCommand:
        if self._compose is None:
            self._compose = compose_command()
        return self._compose

    def _prepare_image(self, client_future: ClientFuture, image_uri: str) -> None:
        """Make sure the engine has the image: pulled (with ECR login) only when absent."""
        if image_present(image_uri):
            return
        client = client_future.get()  # also the clear error when no engine answers
        if self.pull:
            ensure_image(client, image_uri)
            return
        import docker

        try:
            client.images.get(image_uri)
        except docker.errors.ImageNotFound:
            raise RuntimeError(f"image {image_uri} is not present and pulling is disabled") from None

    # ----------------------------------------------------------------- training

    def train(self, spec: TrainingSpec) -> TrainingResult:
        """Run ``spec`` on ``spec.instance_count`` containers; see the module docstring."""
        compose_file.check_instance_type(spec.instance_type)
        compose = self.compose
        client_future = ClientFuture()
        self._prepare_image(client_future, spec.image_uri)
        layout = create_job_layout(
            spec.work_dir, spec.instance_count, spec.hyperparameters, spec.channels, spec.instance_type
        )
        for host in layout.host_layouts:
            for channel in spec.channels:
                os.makedirs(host.channel_dir(channel.name), exist_ok=True)
        content = compose_file.training_compose(spec, layout, self.container_config)
        path = compose_file.write_compose_file(content, os.path.join(layout.root, COMPOSE_FILE_NAME))
        project = ComposeProject.for_job(compose, spec.job_name, path, spec.environment)
        logger.debug("Compose file for %s (project %s):\n%s", spec.job_name, project.project,
                    compose_file.dump(compose_file.masked(content)))
        written_to = [layout.root, spec.checkpoint_local_dir or "", spec.code_dir or ""]
        with project_up(project, client_future, lambda client: reclaim_ownership(client, spec.image_uri, written_to)):
            self._wait_for_hosts(spec, layout, project, client_future.get())
        return pack_artifacts(layout, spec.artifacts_dir)

    def _wait_for_hosts(self, spec: TrainingSpec, layout: JobLayout, project: ComposeProject, client) -> None:
        containers = project.containers(client)
        missing = [host for host in layout.hosts if host not in containers]
        if missing:
            raise ComposeError(f"compose project {project.project} has no container for {missing}")
        results: "queue.Queue[Tuple[str, Optional[int], str]]" = queue.Queue()
        pumps = {
            host: _LogPump(host, containers[host].id, prefix=True, stream=self.stream) for host in layout.hosts
        }
        for pump in pumps.values():
            pump.start()
        for host in layout.hosts:
            threading.Thread(
                target=_wait_for_exit, args=(containers[host].id, host, results), name=f"wait-{host}", daemon=True
            ).start()
        remaining = set(layout.hosts)
        failure: Optional[Tuple[str, Optional[int], str]] = None
        while remaining:
            try:
                host, code, note = results.get(timeout=0.5)
            except queue.Empty:
                continue
            remaining.discard(host)
            if code != 0:
                failure = (host, code, note)
                break
        if failure is not None and remaining:
            # fail fast as SageMaker does: the other hosts are stopped, not waited for
            for host in remaining:
                try:
                    containers[host].kill()
                except Exception as error:
                    logger.debug("killing %s: %s", host, error)
        for pump in pumps.values():
            # fit() returns after the last line is printed: the stream ends when the container has
            # exited and the engine has sent everything; the cap only guards against a stuck engine
            pump.join(timeout=LOG_DRAIN_TIMEOUT)
            if pump.is_alive():
                logger.warning("The log of %s was still streaming %ss after it exited; not waiting longer.",
                               pump.host, LOG_DRAIN_TIMEOUT)
        if failure is not None:
            host, code, note = failure
            reason = layout.host(host).read_failure().strip() or note or f"{host} exited with code {code}"
            raise TrainingFailedError(spec.job_name, host, code, reason, pumps[host].tail())

    # ----------------------------------------------------------------- processing

    def process(self, spec: ProcessingSpec) -> None:
        """Run a processing job, one container per instance (see :mod:`.processing_runner`)."""
        from sagemaker_estimators.local.compose.processing_runner import run_processing

        run_processing(self, spec, ClientFuture(), ComposeProject, reclaim_ownership)

    # ----------------------------------------------------------------- serving

    def serve(self, spec: ServingSpec) -> "ComposeEndpoint":
        """Start the endpoint's container and return once ``/ping`` answers 200."""
        compose_file.check_instance_type(spec.instance_type)
        if spec.port is not None and (isinstance(spec.port, bool) or not isinstance(spec.port, int)):
            raise TypeError(f"port must be an int or None, got {spec.port!r}")
        if not os.path.isdir(spec.model_dir):
            raise ValueError(f"model_dir must be an existing directory, got {spec.model_dir!r}")
        compose = self.compose
        client_future = ClientFuture()
        self._prepare_image(client_future, spec.image_uri)
        owns_work_dir = not spec.work_dir
        work_dir = spec.work_dir or tempfile.mkdtemp(prefix="sm-endpoint-")
        os.makedirs(work_dir, exist_ok=True)
        attempts = 1 if spec.port else 3
        try:
            for attempt in range(attempts):
                port = spec.port or free_port()
                content = compose_file.serving_compose(spec, port, self.container_config)
                path = compose_file.write_compose_file(content, os.path.join(work_dir, COMPOSE_FILE_NAME))
                project = ComposeProject.for_job(compose, spec.endpoint_name, path, spec.environment)
                endpoint = ComposeEndpoint(project, client_future, port, work_dir if owns_work_dir else None, spec)
                try:
                    project.up()
                except ComposeError as error:
                    endpoint.stop(remove_work_dir=False)
                    if _PORT_TAKEN.search(str(error)) and attempt + 1 < attempts:
                        logger.info("Port %s was taken meanwhile; trying another", port)
                        continue
                    raise
                try:
                    endpoint.wait_until_ready(self.serve_timeout)
                except BaseException:
                    endpoint.stop(remove_work_dir=False)
                    raise
                return endpoint
            raise AssertionError("unreachable")  # pragma: no cover
        except BaseException:
            if owns_work_dir:
                shutil.rmtree(work_dir, ignore_errors=True)
            raise


#: endpoints not stopped yet; whatever is left is stopped when the interpreter exits
_LIVE_ENDPOINTS: "set[ComposeEndpoint]" = set()
_LIVE_LOCK = threading.Lock()


@atexit.register
def _stop_live_endpoints() -> None:
    with _LIVE_LOCK:
        endpoints = list(_LIVE_ENDPOINTS)
    for endpoint in endpoints:
        endpoint.stop()


class ComposeEndpoint:
    """A running endpoint container (implements ``RunningEndpoint``).

    Endpoints still running when the interpreter exits are stopped then.
    """

    def __init__(
        self,
        project: ComposeProject,
        client_future: ClientFuture,
        port: int,
        owned_work_dir: Optional[str],
        spec: Optional[ServingSpec] = None,
    ):
        self.project = project
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self._client_future = client_future
        self._owned_work_dir = owned_work_dir
        self._spec = spec
        self._stopped = False
        self._lock = threading.Lock()
        with _LIVE_LOCK:
            _LIVE_ENDPOINTS.add(self)

    def ping(self) -> bool:
        """True when ``GET /ping`` answers 200."""
        return ping_endpoint("127.0.0.1", self.port, timeout=2.0)

    def invoke(self, body: bytes, content_type: Optional[str], accept: Optional[str]) -> InvocationResult:
        """POST ``/invocations``; the status of an error answer is returned, not raised."""
        if not isinstance(body, (bytes, bytearray)):
            raise TypeError(f"body must be bytes, got {type(body).__name__}")
        result = post_invocations("127.0.0.1", self.port, bytes(body), content_type, accept, timeout=60.0)
        if result.content_type:
            return result
        return InvocationResult(body=result.body, content_type="application/octet-stream", status=result.status)

    def _container(self):
        containers = self.project.containers(self._client_future.get())
        return containers.get(compose_file.SERVING_HOST)

    def log_tail(self, lines: int = LOG_TAIL_LINES) -> str:
        """The last lines the server printed."""
        container = self._container()
        return _container_log_tail(container, lines) if container is not None else "(container is gone)"

    def wait_until_ready(self, timeout: float) -> None:
        """Poll ``/ping`` until it answers 200; fail early if the container exits."""
        deadline = time.monotonic() + timeout
        delay = 0.02
        container = None
        while True:
            if self.ping():
                return
            if container is None:
                container = self._container()
            if container is not None:
                if not _refresh(container):
                    raise RuntimeError(
                        f"The endpoint container of {self.project.project} was removed before answering /ping"
                    )
                if container.status in ("exited", "dead"):
                    code = container.attrs.get("State", {}).get("ExitCode")
                    raise RuntimeError(
                        f"The endpoint container of {self.project.project} exited (code {code}) before "
                        f"answering /ping; last lines:\n{self.log_tail()}"
                    )
            if time.monotonic() >= deadline:
                raise TimeoutError(
                    f"The endpoint container of {self.project.project} did not answer {self.url}/ping "
                    f"within {timeout:.0f}s; last lines:\n{self.log_tail()}"
                )
            time.sleep(delay)
            delay = min(delay * 1.5, 0.25)

    def stop(self, remove_work_dir: bool = True) -> None:
        """Remove the container and its network (idempotent)."""
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
        with _LIVE_LOCK:
            _LIVE_ENDPOINTS.discard(self)
        client = self._client_future.get_or_none()
        self.project.down(client)
        if client is not None and self._spec is not None:
            # the server may have written (as root) into the mounted model and code dirs
            reclaim_ownership(client, self._spec.image_uri, [self._spec.model_dir, self._spec.code_dir or ""])
        if remove_work_dir and self._owned_work_dir:
            shutil.rmtree(self._owned_work_dir, ignore_errors=True)
