"""The ``/opt/ml`` directory layout of a local training job, shared by both local runtimes.

A training container sees one tree per host::

    /opt/ml/input/config/{hyperparameters,resourceconfig,inputdataconfig}.json
    /opt/ml/input/data/<channel>/
    /opt/ml/model/  /opt/ml/output/  /opt/ml/output/data/  /opt/ml/code/  /opt/ml/checkpoints/

:func:`create_job_layout` builds that tree for every host under a job's work
dir (``<work_dir>/<host>/`` plays ``/opt/ml``).  The process runtime runs the
script with its paths pointing straight into a host's tree; the compose runtime
mounts the same directories into the containers (:meth:`HostLayout.mounts`).
:func:`pack_artifacts` then turns the hosts' model and output trees into
``model.tar.gz`` and ``output.tar.gz`` as SageMaker does.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import tarfile
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

import attrs

from sagemaker_estimators.local.runtime import ChannelSpec, TrainingResult

logger = logging.getLogger(__name__)

#: where the tree lives inside a container
CONTAINER_ROOT = "/opt/ml"
HYPERPARAMETERS_FILE = "hyperparameters.json"
RESOURCE_CONFIG_FILE = "resourceconfig.json"
INPUT_DATA_CONFIG_FILE = "inputdataconfig.json"
MODEL_ARCHIVE = "model.tar.gz"
OUTPUT_ARCHIVE = "output.tar.gz"
SUCCESS_FILE = "success"
FAILURE_FILE = "failure"
#: the network interface name SageMaker local mode writes into resourceconfig.json
NETWORK_INTERFACE_NAME = "eth0"

# sub-directories of /opt/ml every host gets, relative to the host root
_HOST_SUBDIRS = (
    "input/config",
    "input/data",
    "model",
    "output/data",
    "code",
    "checkpoints",
)


def host_names(instance_count: int) -> List[str]:
    """The host names SageMaker gives ``instance_count`` instances: ``algo-1`` .. ``algo-N``."""
    if isinstance(instance_count, bool) or not isinstance(instance_count, int):
        raise TypeError(f"instance_count must be an int, got {instance_count!r}")
    if instance_count < 1:
        raise ValueError(f"instance_count must be >= 1, got {instance_count!r}")
    return [f"algo-{index}" for index in range(1, instance_count + 1)]


def resource_config(current_host: str, hosts: Sequence[str], instance_type: str = "local") -> Dict[str, Any]:
    """``resourceconfig.json`` as local mode writes it for ``current_host``."""
    return {
        "current_host": current_host,
        "hosts": list(hosts),
        "network_interface_name": NETWORK_INTERFACE_NAME,
        "current_instance_type": instance_type,
    }


def input_data_config(channels: Iterable[ChannelSpec]) -> Dict[str, Dict[str, str]]:
    """``inputdataconfig.json`` as local mode writes it.

    Local mode always presents channels as files (``TrainingInputMode`` ``File``,
    whatever the job asked for) and carries only the channel's ``ContentType``.
    """
    config: Dict[str, Dict[str, str]] = {}
    for channel in channels:
        entry = {"TrainingInputMode": "File"}
        if channel.content_type:
            entry["ContentType"] = channel.content_type
        config[channel.name] = entry
    return config


def _write_json(path: str, content: Any) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(content, handle)


@attrs.frozen
class HostLayout:
    """One host's ``/opt/ml`` tree, rooted at :attr:`root` on the host machine."""

    host: str
    root: str

    @property
    def input_dir(self) -> str:
        return os.path.join(self.root, "input")

    @property
    def config_dir(self) -> str:
        return os.path.join(self.root, "input", "config")

    @property
    def data_dir(self) -> str:
        return os.path.join(self.root, "input", "data")

    @property
    def model_dir(self) -> str:
        return os.path.join(self.root, "model")

    @property
    def output_dir(self) -> str:
        return os.path.join(self.root, "output")

    @property
    def output_data_dir(self) -> str:
        return os.path.join(self.root, "output", "data")

    @property
    def code_dir(self) -> str:
        return os.path.join(self.root, "code")

    @property
    def checkpoints_dir(self) -> str:
        return os.path.join(self.root, "checkpoints")

    @property
    def failure_file(self) -> str:
        return os.path.join(self.output_dir, FAILURE_FILE)

    @property
    def success_file(self) -> str:
        return os.path.join(self.output_dir, SUCCESS_FILE)

    def channel_dir(self, channel: str) -> str:
        """Where channel ``channel`` appears (``/opt/ml/input/data/<channel>``)."""
        _check_channel_name(channel)
        return os.path.join(self.data_dir, channel)

    def config_path(self, name: str) -> str:
        return os.path.join(self.config_dir, name)

    def create(self) -> "HostLayout":
        """Create the empty tree (idempotent) and return self."""
        for subdir in _HOST_SUBDIRS:
            os.makedirs(os.path.join(self.root, subdir), exist_ok=True)
        return self

    def write_config_files(
        self,
        hyperparameters: Mapping[str, str],
        channels: Iterable[ChannelSpec],
        hosts: Sequence[str],
        instance_type: str = "local",
    ) -> None:
        """Write the three config JSONs as local mode writes them for this host."""
        _write_json(self.config_path(HYPERPARAMETERS_FILE), dict(hyperparameters))
        _write_json(self.config_path(RESOURCE_CONFIG_FILE), resource_config(self.host, hosts, instance_type))
        _write_json(self.config_path(INPUT_DATA_CONFIG_FILE), input_data_config(channels))

    def mounts(self) -> List[Tuple[str, str]]:
        """(host dir, container dir) pairs a container runtime mounts for this host.

        ``input`` (config and channel mount points), ``model``, ``output`` and
        ``checkpoints``; channel data and code are mounted from their own
        directories on top of these.
        """
        return [
            (self.input_dir, f"{CONTAINER_ROOT}/input"),
            (self.model_dir, f"{CONTAINER_ROOT}/model"),
            (self.output_dir, f"{CONTAINER_ROOT}/output"),
            (self.checkpoints_dir, f"{CONTAINER_ROOT}/checkpoints"),
        ]

    def write_status(self, succeeded: bool, failure_reason: str = "") -> None:
        """Write ``output/success`` (empty) or ``output/failure`` as the training toolkit does.

        An existing ``failure`` file (written by the script itself) is kept, as the
        toolkit keeps it.
        """
        os.makedirs(self.output_dir, exist_ok=True)
        if succeeded:
            with open(self.success_file, "w", encoding="utf-8"):
                pass
        elif not os.path.exists(self.failure_file):
            with open(self.failure_file, "w", encoding="utf-8") as handle:
                handle.write(failure_reason)

    def read_failure(self, limit: int = 8192) -> str:
        """The contents of ``output/failure`` (at most ``limit`` characters), or ``""``."""
        try:
            with open(self.failure_file, encoding="utf-8", errors="replace") as handle:
                return handle.read(limit)
        except OSError:
            return ""


def _check_channel_name(channel: str) -> None:
    if not isinstance(channel, str) or not channel or channel in (".", "..") or "/" in channel or "\\" in channel:
        raise ValueError(f"channel name must be a plain directory name, got {channel!r}")


@attrs.frozen
class JobLayout:
    """The trees of all hosts of one job under :attr:`root` (the job's work dir)."""

    root: str
    hosts: Tuple[str, ...]

    def host(self, name: str) -> HostLayout:
        if name not in self.hosts:
            raise ValueError(f"host must be one of {list(self.hosts)}, got {name!r}")
        return HostLayout(name, os.path.join(self.root, name))

    @property
    def host_layouts(self) -> List[HostLayout]:
        return [self.host(name) for name in self.hosts]

    @property
    def shared_dir(self) -> str:
        """A directory every host sees (``/opt/ml/shared`` in V2's compose files)."""
        return os.path.join(self.root, "shared")


def create_job_layout(
    work_dir: str,
    instance_count: int,
    hyperparameters: Optional[Mapping[str, str]] = None,
    channels: Sequence[ChannelSpec] = (),
    instance_type: str = "local",
) -> JobLayout:
    """Create ``<work_dir>/algo-1 .. algo-N`` and, when ``hyperparameters`` is given, their config files.

    ``instance_type`` is what ``resourceconfig.json`` reports as
    ``current_instance_type`` (``local`` or ``local_gpu`` in V2's local mode).
    """
    for channel in channels:
        _check_channel_name(channel.name)
    hosts = host_names(instance_count)
    layout = JobLayout(os.path.abspath(work_dir), tuple(hosts))
    os.makedirs(layout.shared_dir, exist_ok=True)
    for host_layout in layout.host_layouts:
        host_layout.create()
        if hyperparameters is not None:
            host_layout.write_config_files(hyperparameters, channels, hosts, instance_type)
    return layout


# --------------------------------------------------------------------------- archives


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root + os.sep)


def _collect_members(source_root: str) -> List[Tuple[str, str, bool]]:
    """(archive name, real path, is_dir) for everything under ``source_root``, sorted.

    Symbolic links are followed only when they resolve inside ``source_root``
    (a link to ``/etc/passwd`` in a model dir is skipped with a warning); link
    cycles are cut; sockets, FIFOs and devices are skipped.
    """
    real_root = os.path.realpath(source_root)
    members: List[Tuple[str, str, bool]] = []
    if not os.path.isdir(real_root):
        return members

    def walk(real_dir: str, prefix: str, seen: frozenset) -> None:
        try:
            entries = sorted(os.scandir(real_dir), key=lambda entry: entry.name)
        except OSError as error:
            logger.warning("Skipping unreadable directory %s: %s", real_dir, error)
            return
        for entry in entries:
            name = f"{prefix}{entry.name}"
            if entry.is_symlink():
                target = os.path.realpath(entry.path)
                if not _inside(target, real_root):
                    logger.warning("Not archiving %s: symbolic link to %s is outside %s", name, target, source_root)
                    continue
            else:
                target = entry.path
            if os.path.isdir(target):
                if target in seen:
                    logger.warning("Not archiving %s: symbolic link cycle", name)
                    continue
                members.append((name, target, True))
                walk(target, name + "/", seen | {target})
            elif os.path.isfile(target):
                members.append((name, target, False))
            else:
                logger.warning("Not archiving %s: not a regular file or directory", name)

    walk(real_root, "", frozenset({real_root}))
    return members


def merge_members(source_roots: Sequence[str]) -> List[Tuple[str, str, bool]]:
    """Members of several trees merged by name; earlier roots win on a clash, sorted by name."""
    chosen: Dict[str, Tuple[str, bool]] = {}
    for root in source_roots:
        for name, path, is_dir in _collect_members(root):
            if name in chosen:
                continue
            parent = name.rsplit("/", 1)[0] if "/" in name else ""
            if parent and not chosen.get(parent, ("", False))[1]:
                continue  # its directory was shadowed by a file of a higher-precedence host
            chosen[name] = (path, is_dir)
    return [(name, chosen[name][0], chosen[name][1]) for name in sorted(chosen)]


def create_tar(source_roots: Sequence[str], target: str) -> str:
    """Write a gzip tar of the merged contents of ``source_roots`` to ``target``.

    Members are named relative to the roots (``model.joblib``, ``data/metrics.json``),
    without a leading ``./``, in sorted order.  The archive is written to a
    temporary name and renamed, so a reader never sees half an archive.
    """
    partial = target + ".partial"
    try:
        with tarfile.open(partial, mode="w:gz") as archive:
            for name, path, is_dir in merge_members(source_roots):
                info = archive.gettarinfo(path, arcname=name)
                if is_dir:
                    archive.addfile(info)
                else:
                    with open(path, "rb") as handle:
                        archive.addfile(info, handle)
        os.replace(partial, target)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return target


def pack_artifacts(layout: JobLayout, artifacts_dir: str) -> TrainingResult:
    """Pack ``model.tar.gz`` and ``output.tar.gz`` of a finished job into ``artifacts_dir``.

    As in SageMaker, the model and output trees of all hosts go into one archive
    each; when two hosts wrote the same name the first host (``algo-1``, the
    master) wins, so the result does not depend on which host finished last.
    """
    os.makedirs(artifacts_dir, exist_ok=True)
    hosts = layout.host_layouts
    model = create_tar([host.model_dir for host in hosts], os.path.join(artifacts_dir, MODEL_ARCHIVE))
    output = create_tar([host.output_dir for host in hosts], os.path.join(artifacts_dir, OUTPUT_ARCHIVE))
    return TrainingResult(model_artifacts=model, output_artifacts=output)


def remove_tree(path: str) -> None:
    """Remove ``path`` (a directory, file or link) if it exists; log instead of raising."""
    try:
        if os.path.islink(path) or os.path.isfile(path):
            os.unlink(path)
        elif os.path.isdir(path):
            shutil.rmtree(path)
    except OSError as error:
        logger.warning("Could not remove %s: %s", path, error)
