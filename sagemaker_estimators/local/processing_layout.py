"""The ``/opt/ml`` tree of one host of a local processing job, shared by both runtimes.

::

    <work_dir>/<host>/config/processingjobconfig.json   the job's description, as SageMaker writes it
    <work_dir>/<host>/config/resourceconfig.json        current_host, hosts, ...
    <work_dir>/<host>/processing/<...>                  the inputs (links) and outputs (empty dirs)

Docker mounts ``config`` at ``/opt/ml/config``, each input at its destination and
each host's output directories at their sources; ``local_process`` shows the whole
host tree at ``/opt/ml`` (:mod:`~sagemaker_estimators.local.process.namespace`).
"""
from __future__ import annotations

import json
import os
import posixpath
import shutil
from typing import Any, Dict, List, Sequence

import attrs

from sagemaker_estimators.local.layout import host_names, remove_tree, resource_config
from sagemaker_estimators.local.runtime import MountSpec, ProcessingSpec

CONTAINER_ROOT = "/opt/ml"
CONTAINER_BASE = "/opt/ml/processing"
CONFIG_DIR = "config"
#: the container writes its exit message (DescribeProcessingJob's ExitMessage) into output/message
OUTPUT_DIR = "output"
MESSAGE_FILE = "message"
JOB_CONFIG_FILE = "processingjobconfig.json"
RESOURCE_CONFIG_FILE = "resourceconfig.json"


def relative_path(container_path: str) -> str:
    """``/opt/ml/processing/input/data/`` -> ``processing/input/data`` (refusing anything outside)."""
    normal = posixpath.normpath(container_path)
    if not normal.startswith(CONTAINER_BASE + "/") or ".." in container_path.split("/"):
        raise ValueError(f"container path {container_path!r} must lie under {CONTAINER_BASE}/")
    return normal[len(CONTAINER_ROOT) + 1:]


@attrs.frozen
class ProcessingHost:
    """One host's tree, rooted at :attr:`root` (what the job sees as ``/opt/ml``)."""

    host: str
    root: str

    @property
    def config_dir(self) -> str:
        return os.path.join(self.root, CONFIG_DIR)

    @property
    def output_dir(self) -> str:
        return os.path.join(self.root, OUTPUT_DIR)

    def read_failure(self, limit: int = 1024) -> str:
        """The exit message the container wrote to ``/opt/ml/output/message`` (SageMaker keeps 1 KB)."""
        try:
            with open(os.path.join(self.output_dir, MESSAGE_FILE), encoding="utf-8", errors="replace") as handle:
                return handle.read(limit).strip()
        except OSError:
            return ""

    def path_of(self, container_path: str) -> str:
        """Where ``container_path`` (under /opt/ml/processing) lies in this host's tree."""
        return os.path.join(self.root, *relative_path(container_path).split("/"))

    def write_config(self, spec: ProcessingSpec, hosts: Sequence[str]) -> None:
        os.makedirs(self.config_dir, exist_ok=True)
        for name, content in ((JOB_CONFIG_FILE, spec.job_config),
                              (RESOURCE_CONFIG_FILE, resource_config(self.host, hosts, spec.instance_type))):
            with open(os.path.join(self.config_dir, name), "w", encoding="utf-8") as handle:
                json.dump(content, handle)

    def create_outputs(self, outputs: Sequence[MountSpec]) -> None:
        for output in outputs:
            os.makedirs(self.path_of(output.container_path), exist_ok=True)

    def link_inputs(self, inputs: Sequence[MountSpec]) -> None:
        """Make each input appear at its destination (outer destinations first)."""
        for item in sorted(inputs, key=lambda mount: posixpath.normpath(mount.container_path)):
            target = self.path_of(item.container_path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            remove_tree(target)
            try:
                os.symlink(os.path.abspath(item.local_dir), target, target_is_directory=True)
            except OSError:
                shutil.copytree(item.local_dir, target, symlinks=True)


def create_hosts(spec: ProcessingSpec) -> List[ProcessingHost]:
    """``<work_dir>/algo-1 .. algo-N`` with their config files and empty output directories."""
    names = host_names(spec.instance_count)
    hosts = [ProcessingHost(name, os.path.join(os.path.abspath(spec.work_dir), name)) for name in names]
    for host in hosts:
        host.write_config(spec, names)
        os.makedirs(host.output_dir, exist_ok=True)
        host.create_outputs(spec.outputs)
    return hosts


def collect_outputs(hosts: Sequence[ProcessingHost], outputs: Sequence[MountSpec]) -> None:
    """Merge every host's output directories into the outputs' ``local_dir`` (the first host wins)."""
    for output in outputs:
        os.makedirs(output.local_dir, exist_ok=True)
        for host in hosts:
            source = host.path_of(output.container_path)
            for folder, dirs, names in os.walk(source):
                dirs.sort()
                relative = os.path.relpath(folder, source)
                target_folder = output.local_dir if relative == "." else os.path.join(output.local_dir, relative)
                os.makedirs(target_folder, exist_ok=True)
                for name in sorted(names):
                    target = os.path.join(target_folder, name)
                    path = os.path.join(folder, name)
                    if not os.path.lexists(target) and os.path.isfile(path):
                        shutil.copyfile(path, target)


def job_config(request: Dict[str, Any], arn: str) -> Dict[str, Any]:
    """``processingjobconfig.json``: the request as the job's description, with its ARN."""
    config = {key: value for key, value in request.items() if key != "Tags"}
    config["ProcessingJobArn"] = arn
    return config
