"""Compose files for local training jobs and endpoints, built as plain dicts.

The functions here are pure: they turn a :class:`TrainingSpec` / :class:`ServingSpec`
(plus the job's directory layout and the chosen host port) into the dict that
:func:`write_compose_file` dumps as YAML.  The dialect is the common ground of
docker-compose 1.29 and the Compose Specification: no top-level ``version`` (the
specification declares it obsolete and 1.27+ read such files as the specification),
long-syntax bind mounts (host paths may contain ``:``), one private bridge network per
project, GPU access through ``deploy.resources.reservations.devices``.

Training::

    services:
      algo-1:                       # one service per host, algo-1 .. algo-N
        image: <image>
        hostname: algo-1
        command: train              # or entrypoint: [...] for container_entry_point
        tty: true
        environment: {...}
        volumes: [<host tree>/input -> /opt/ml/input, model, output, checkpoints,
                  channel dirs -> /opt/ml/input/data/<name>, code -> /opt/ml/code,
                  <job>/shared -> /opt/ml/shared]
        networks: {sagemaker-local: {aliases: [algo-1]}}
        deploy: ...                 # local_gpu only
    networks: {sagemaker-local: {driver: bridge, labels: {<job label>: <job name>}}}

The network is named per project by Compose (``<project>_sagemaker-local``), so two
jobs never share one.  Serving adds ``ports: ["127.0.0.1:<port>:8080"]``: loopback
only, a port per endpoint.
"""
from __future__ import annotations

import copy
import os
import re
import secrets
from typing import Any, Dict, List, Mapping, Optional

import yaml

from sagemaker_estimators.local.layout import CONTAINER_ROOT, JobLayout
from sagemaker_estimators.local.runtime import ServingSpec, TrainingSpec

NETWORK = "sagemaker-local"
CONTAINER_PORT = 8080
SERVING_HOST = "algo-1"
LABEL_JOB = "org.sagemaker-estimators.job"
LABEL_HOST = "org.sagemaker-estimators.host"
GPU_INSTANCE_TYPE = "local_gpu"
VALID_INSTANCE_TYPES = ("local", "local_gpu")

_PROJECT_UNSAFE = re.compile(r"[^a-z0-9_-]+")


def project_name(job_name: str, suffix: Optional[str] = None) -> str:
    """A Compose project name unique to one run of ``job_name``.

    Lower-case letters, digits, ``-`` and ``_`` only (what Compose v2 accepts), starting
    with ``sm-``, ending with a random suffix so two runs of one job never collide.
    """
    if not isinstance(job_name, str) or not job_name:
        raise ValueError(f"job_name must be a non-empty string, got {job_name!r}")
    # whole names (SageMaker caps them at 63): a job's timestamp tail tells it from its siblings
    stem = _PROJECT_UNSAFE.sub("-", job_name.lower()).strip("-_")[:63] or "job"
    return f"sm-{stem}-{suffix or secrets.token_hex(4)}"


def _bind(source: str, target: str, read_only: bool = False) -> Dict[str, Any]:
    mount: Dict[str, Any] = {"type": "bind", "source": source, "target": target}
    if read_only:
        mount["read_only"] = True
    return mount


def _gpu_reservation() -> Dict[str, Any]:
    return {"resources": {"reservations": {"devices": [{"driver": "nvidia", "count": "all", "capabilities": ["gpu"]}]}}}


def check_instance_type(instance_type: str) -> None:
    """ValueError naming the choices unless ``instance_type`` is ``local`` or ``local_gpu``."""
    if instance_type not in VALID_INSTANCE_TYPES:
        raise ValueError(
            f"instance_type must be one of {list(VALID_INSTANCE_TYPES)} for the compose runtime, got {instance_type!r}"
        )


#: names the compose process itself depends on: their values reach containers through an alias
_COMPOSE_OWN_NAMES = frozenset({"PATH", "HOME", "PWD", "SHELL", "USER", "TMPDIR", "TMP", "TEMP", "LANG",
                                "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY"})
_COMPOSE_OWN_PREFIXES = ("DOCKER_", "COMPOSE_", "XDG_", "LD_", "PYTHON", "SSL_", "LC_")
_ALIAS_PREFIX = "SAGEMAKER_LOCAL_ENV_"


def _check_environment(environment: Mapping[str, str]) -> None:
    for key, value in environment.items():
        if not isinstance(key, str) or not key or "=" in key:
            raise ValueError(f"environment keys must be non-empty strings without '=', got {key!r}")
        if not isinstance(value, str):
            raise TypeError(f"environment[{key!r}] must be a str, got {type(value).__name__}")


def _alias(key: str) -> Optional[str]:
    """The private variable carrying ``key``'s value when ``key`` matters to compose itself."""
    upper = key.upper()
    if upper in _COMPOSE_OWN_NAMES or upper.startswith(_COMPOSE_OWN_PREFIXES):
        return _ALIAS_PREFIX + key.encode("utf-8").hex()
    return None


def _environment(environment: Mapping[str, str]) -> List[str]:
    """The service's ``environment:`` list: names only (values come from the compose
    process's environment, see :func:`process_environment`), so no file holds a value."""
    _check_environment(environment)
    entries = []
    for key in environment:
        alias = _alias(key)
        entries.append(f"{key}=${{{alias}}}" if alias else key)
    return entries


def process_environment(environment: Mapping[str, str]) -> Dict[str, str]:
    """Variables to add to the compose process's environment so the services see ``environment``."""
    _check_environment(environment)
    return {(_alias(key) or key): value for key, value in environment.items()}


def check_container_config(container_config: Optional[Mapping[str, Any]]) -> Dict[str, Any]:
    """A copy of ``container_config`` ({} for None); TypeError unless it maps str keys."""
    if container_config is None:
        return {}
    if not isinstance(container_config, Mapping) or not all(isinstance(key, str) for key in container_config):
        raise TypeError(f"container_config must be a mapping of compose service keys, got {container_config!r}")
    return copy.deepcopy(dict(container_config))


def _base_service(
    image: str,
    host: str,
    job: str,
    environment: Mapping[str, str],
    gpu: bool,
    container_config: Optional[Mapping[str, Any]] = None,
) -> Dict[str, Any]:
    # V2's local.container_config: extra service keys; the keys local mode needs win
    service: Dict[str, Any] = check_container_config(container_config)
    service.update({
        "image": image,
        "hostname": host,
        "tty": True,
        "environment": _environment(environment),
        "labels": {LABEL_JOB: job, LABEL_HOST: host},
        "networks": {NETWORK: {"aliases": [host]}},
    })
    if gpu:
        service["deploy"] = _gpu_reservation()
    return service


def _networks(job: str) -> Dict[str, Any]:
    return {NETWORK: {"driver": "bridge", "labels": {LABEL_JOB: job}}}


def training_compose(
    spec: TrainingSpec, layout: JobLayout, container_config: Optional[Mapping[str, Any]] = None
) -> Dict[str, Any]:
    """The compose dict for ``spec``, one ``algo-N`` service per host of ``layout``.

    ``container_config`` (V2's ``local.container_config``) adds compose keys to every
    service (``shm_size``, ``ulimits`` ...); the keys below take precedence.

    Every host mounts its own ``input``/``model``/``output``/``checkpoints`` trees
    (from ``layout``), every channel directory at ``/opt/ml/input/data/<name>``, the
    job's shared dir at ``/opt/ml/shared`` and ``spec.code_dir`` at ``/opt/ml/code``.
    """
    check_instance_type(spec.instance_type)
    if len(layout.hosts) != spec.instance_count:
        raise ValueError(f"layout has {len(layout.hosts)} hosts but instance_count is {spec.instance_count}")
    services: Dict[str, Any] = {}
    for host in layout.host_layouts:
        service = _base_service(
            spec.image_uri, host.host, spec.job_name, spec.environment, spec.instance_type == GPU_INSTANCE_TYPE,
            container_config,
        )
        volumes: List[Dict[str, Any]] = []
        for source, target in host.mounts():
            if target == f"{CONTAINER_ROOT}/checkpoints" and spec.checkpoint_local_dir:
                source = spec.checkpoint_local_dir
            volumes.append(_bind(source, target))
        for channel in spec.channels:
            volumes.append(_bind(channel.local_dir, f"{CONTAINER_ROOT}/input/data/{channel.name}"))
        volumes.append(_bind(layout.shared_dir, f"{CONTAINER_ROOT}/shared"))
        if spec.code_dir:
            volumes.append(_bind(spec.code_dir, f"{CONTAINER_ROOT}/code"))
        service["volumes"] = volumes
        if spec.container_entry_point:
            service["entrypoint"] = list(spec.container_entry_point) + list(spec.container_arguments or [])
        else:
            service["command"] = ["train"] + list(spec.container_arguments or [])
        services[host.host] = service
    return {"services": services, "networks": _networks(spec.job_name)}


def serving_compose(
    spec: ServingSpec, port: int, container_config: Optional[Mapping[str, Any]] = None
) -> Dict[str, Any]:
    """The compose dict for one endpoint container, published on ``127.0.0.1:port``."""
    check_instance_type(spec.instance_type)
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
        raise ValueError(f"port must be an int between 1 and 65535, got {port!r}")
    service = _base_service(
        spec.image_uri, SERVING_HOST, spec.endpoint_name, spec.environment, spec.instance_type == GPU_INSTANCE_TYPE,
        container_config,
    )
    volumes = [_bind(spec.model_dir, f"{CONTAINER_ROOT}/model")]
    if spec.code_dir:
        volumes.append(_bind(spec.code_dir, f"{CONTAINER_ROOT}/code"))
    service["volumes"] = volumes
    service["command"] = ["serve"]
    service["ports"] = [f"127.0.0.1:{port}:{CONTAINER_PORT}"]
    return {"services": {SERVING_HOST: service}, "networks": _networks(spec.endpoint_name)}


def masked(content: Mapping[str, Any]) -> Dict[str, Any]:
    """A copy of a compose dict with every environment value replaced, for logging (files written
    here hold names only; a dict environment comes from ``container_config``)."""
    copied = copy.deepcopy(dict(content))
    for service in copied.get("services", {}).values():
        if isinstance(service.get("environment"), dict):
            service["environment"] = {key: "****" for key in service["environment"]}
    return copied


def dump(content: Mapping[str, Any]) -> str:
    """YAML text of a compose dict (block style, keys in insertion order)."""
    return yaml.safe_dump(dict(content), default_flow_style=False, sort_keys=False)


def write_compose_file(content: Mapping[str, Any], path: str) -> str:
    """Write ``content`` as YAML to ``path`` (mode 0600: it may hold secrets) and return ``path``."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(dump(content))
    return path
