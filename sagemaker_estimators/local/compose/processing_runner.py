"""``instance_type="local"`` / ``"local_gpu"`` processing: one container per instance, run with Compose.

Each host ``algo-N`` mounts its ``config`` folder at ``/opt/ml/config``
(``processingjobconfig.json``, ``resourceconfig.json``), its ``output`` folder at
``/opt/ml/output``, every input at its destination and its own output folders at
their sources; the container runs ``ContainerEntrypoint`` with
``ContainerArguments`` (or the image's entrypoint).  Waiting, log streaming,
fail-fast and teardown (also on Ctrl-C) are the compose runtime's, as for training.
"""
from __future__ import annotations

import os
import re
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence

import attrs

from sagemaker_estimators.local.compose import compose_file
from sagemaker_estimators.local.compose.background_teardown import project_up
from sagemaker_estimators.local.processing_layout import (
    CONTAINER_ROOT,
    ProcessingHost,
    collect_outputs,
    create_hosts,
)
from sagemaker_estimators.local.runtime import ProcessingFailedError, ProcessingSpec, TrainingFailedError

COMPOSE_FILE_NAME = "docker-compose.yaml"


def processing_compose(spec: ProcessingSpec, hosts: Sequence[ProcessingHost],
                       container_config: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
    """The compose dict of ``spec``: one service per host (pure: no I/O)."""
    compose_file.check_instance_type(spec.instance_type)
    names = [host.host for host in hosts]
    if len(names) != spec.instance_count:
        raise ValueError(f"{len(names)} hosts for instance_count {spec.instance_count}")
    services: Dict[str, Any] = {}
    for host in hosts:
        service = compose_file._base_service(spec.image_uri, host.host, spec.job_name, spec.environment,
                                             spec.instance_type == compose_file.GPU_INSTANCE_TYPE, container_config)
        volumes: List[Dict[str, Any]] = [
            compose_file._bind(host.config_dir, f"{CONTAINER_ROOT}/config"),
            compose_file._bind(host.output_dir, f"{CONTAINER_ROOT}/output"),
        ]
        volumes += [compose_file._bind(item.local_dir, item.container_path.rstrip("/")) for item in spec.inputs]
        volumes += [compose_file._bind(host.path_of(item.container_path), item.container_path.rstrip("/"))
                    for item in spec.outputs]
        service["volumes"] = volumes
        if spec.entrypoint:
            service["entrypoint"] = list(spec.entrypoint)
            service["command"] = list(spec.arguments or [])
        elif spec.arguments:
            service["command"] = list(spec.arguments)
        services[host.host] = service
    return {"services": services, "networks": compose_file._networks(spec.job_name)}


def _last_error_line(log_tail: str) -> str:
    """The last line of a log that names an error (``RuntimeError: ...``), or ""."""
    for line in reversed((log_tail or "").splitlines()):
        if re.match(r"^\s*[\w.]*(Error|Exception)\b", line):
            return line.strip()
    return ""


@attrs.frozen
class _Hosts:
    """The view of the job's hosts the compose runtime's wait loop reads."""

    hosts: tuple
    by_name: Dict[str, ProcessingHost]

    def host(self, name: str) -> ProcessingHost:
        return self.by_name[name]


def run_processing(runtime: Any, spec: ProcessingSpec, client_future: Any, project_class: Any,
                   reclaim_ownership: Callable[[Any, str, List[str]], None]) -> None:
    """Run ``spec`` with ``runtime`` (a :class:`~sagemaker_estimators.local.compose.compose_runtime.ComposeRuntime`),
    given the runtime's Docker client future, compose project class and ownership reclaimer."""
    compose_file.check_instance_type(spec.instance_type)
    compose = runtime.compose
    runtime._prepare_image(client_future, spec.image_uri)
    hosts = create_hosts(spec)
    content = processing_compose(spec, hosts, runtime.container_config)
    path = compose_file.write_compose_file(content, os.path.join(spec.work_dir, COMPOSE_FILE_NAME))
    project = project_class.for_job(compose, spec.job_name, path, spec.environment)
    view = _Hosts(tuple(host.host for host in hosts), {host.host: host for host in hosts})
    written_to = [spec.work_dir] + [item.local_dir for item in spec.inputs]
    with project_up(project, client_future, lambda client: reclaim_ownership(client, spec.image_uri, written_to)):
        try:
            runtime._wait_for_hosts(spec, view, project, client_future.get())
        except TrainingFailedError as error:
            reason = view.host(error.host).read_failure() or _last_error_line(error.log_tail) or error.reason
            raise ProcessingFailedError(spec.job_name, error.host, error.exit_code, reason, error.log_tail) from None
    collect_outputs(hosts, spec.outputs)
