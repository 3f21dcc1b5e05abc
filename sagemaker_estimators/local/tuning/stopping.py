"""Stop a running local training job from another thread: its host processes (``local_process``,
found by the ``TRAINING_JOB_NAME`` in their environment, Linux /proc) or its containers (Docker,
found by the job's compose project label).  The job then ends through its runtime's normal
failure path, which removes its scratch dirs."""
from __future__ import annotations

import logging
import os
import signal
from typing import List

logger = logging.getLogger(__name__)

PROCESS_INSTANCE_TYPE = "local_process"


def processes_of_job(job_name: str, proc: str = "/proc") -> List[int]:
    """Process ids of this user's processes whose environment says ``TRAINING_JOB_NAME=job_name``."""
    wanted = f"TRAINING_JOB_NAME={job_name}".encode()
    found: List[int] = []
    try:
        entries = os.listdir(proc)
    except OSError:
        return found
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(os.path.join(proc, entry, "environ"), "rb") as handle:
                environ = handle.read()
        except OSError:
            continue  # gone, or another user's
        if wanted in environ.split(b"\0"):
            found.append(int(entry))
    return found


def _stop_processes(job_name: str) -> int:
    pids = processes_of_job(job_name)
    for pid in pids:
        try:
            os.killpg(pid, signal.SIGTERM)  # hosts lead their own process group
        except (ProcessLookupError, PermissionError):
            try:
                os.kill(pid, signal.SIGTERM)
            except (ProcessLookupError, PermissionError):
                pass
    return len(pids)


def _stop_containers(job_name: str) -> int:
    from sagemaker_estimators.local.compose import compose_file
    from sagemaker_estimators.local.compose.compose_runtime import PROJECT_LABEL

    import docker

    prefix = compose_file.project_name(job_name, suffix="x")[:-1]  # "sm-<job>-", before the random suffix
    stopped = 0
    client = docker.from_env()
    try:
        for container in client.containers.list(filters={"label": PROJECT_LABEL}):
            if container.labels.get(PROJECT_LABEL, "").startswith(prefix):
                try:
                    container.kill()
                    stopped += 1
                except Exception as error:  # noqa: BLE001 - it may have exited meanwhile
                    logger.debug("could not stop container %s: %s", container.name, error)
    finally:
        client.close()
    return stopped


def stop_training_job(job_name: str, instance_type: str) -> int:
    """Stop what runs the job; returns how many processes/containers were signalled."""
    try:
        if instance_type == PROCESS_INSTANCE_TYPE:
            return _stop_processes(job_name)
        return _stop_containers(job_name)
    except Exception as error:  # noqa: BLE001 - stopping is best effort; the caller waits for the job anyway
        logger.warning("Could not stop local training job %s: %s", job_name, error)
        return 0
