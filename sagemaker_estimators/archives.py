"""The one routine that extracts tar archives (model.tar.gz, sourcedir.tar.gz, repacks).

:func:`safe_extract` refuses, before writing anything:

- members that would land outside the target (absolute names, ``..``), devices
  and fifos, and links (unless ``allow_links``, and then only links that stay inside);
- a decompression bomb: an archive whose files add up to more than both
  ``max_bytes`` (1 GiB) and ``max_ratio`` (100) times the archive's own size;
- an archive that would leave the disk with less than ``min_free_bytes`` free.

Standard library only: the model server runs it under the user's interpreter.
The free space is checked again before each file, so an archive that races
another writer for the disk stops in time.  When a limit is hit it stops,
removes every file and folder it created, and raises
:class:`ArchiveLimitError` naming the archive and the limit.  The limits come
from ``LocalSession.config["local"]`` (``extraction_max_bytes``,
``extraction_max_ratio``, ``extraction_min_free_bytes``).
"""
from __future__ import annotations

import logging
import os
import shutil
import tarfile
from typing import Any, List, Mapping, NamedTuple, Optional

from sagemaker_estimators.exceptions import SageMakerEstimatorsError

logger = logging.getLogger(__name__)

GIB = 1024 ** 3
#: LocalSession.config["local"] keys -> ExtractionLimits fields
CONFIG_KEYS = {
    "extraction_max_bytes": "max_bytes",
    "extraction_max_ratio": "max_ratio",
    "extraction_min_free_bytes": "min_free_bytes",
}


class ArchiveLimitError(ValueError, SageMakerEstimatorsError):
    """An archive was refused (or its extraction stopped) by a safety limit."""


class ExtractionLimits(NamedTuple):
    """Limits for :func:`safe_extract` (a bomb must exceed both ``max_bytes`` and ``max_ratio``).

    A NamedTuple, not attrs: the model server imports this under the user's interpreter.
    """

    max_bytes: int = GIB
    max_ratio: float = 100.0
    min_free_bytes: int = 256 * 1024 * 1024


def limits_from_config(config: Optional[Mapping[str, Any]]) -> ExtractionLimits:
    """The limits a LocalSession ``config`` sets (defaults for what it does not say)."""
    local = ((config or {}).get("local") or {}) if isinstance(config, Mapping) else {}
    values = {field: local[key] for key, field in CONFIG_KEYS.items() if local.get(key) is not None}
    return ExtractionLimits(**values)


def limits_of(session: object) -> ExtractionLimits:
    """The limits of ``session`` (its local config when it has one)."""
    return limits_from_config(getattr(session, "config", None))


def _inside(root: str, path: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _check_member(archive_path: str, root: str, member: tarfile.TarInfo, allow_links: bool) -> None:
    destination = os.path.realpath(os.path.join(root, member.name))
    if not _inside(root, destination):
        raise ValueError(f"refusing to extract {archive_path}: member {member.name!r} would land outside the target")
    if member.issym() or member.islnk():
        base = root if member.islnk() else os.path.dirname(destination)
        if not allow_links or not _inside(root, os.path.realpath(os.path.join(base, member.linkname))):
            raise ValueError(f"refusing to extract {archive_path}: link {member.name!r} -> {member.linkname!r} "
                             "is not allowed here (links may only point inside the archive's own tree)")
    elif not (member.isfile() or member.isdir()):
        raise ValueError(f"refusing to extract {archive_path}: member {member.name!r} is a device or fifo")


def _free_bytes(path: str) -> int:
    return shutil.disk_usage(path).free


def _remove_created(created: List[str]) -> None:
    for path in reversed(created):
        try:
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path, ignore_errors=True)
            elif os.path.lexists(path):
                os.remove(path)
        except OSError as error:  # pragma: no cover - best effort
            logger.warning("Could not remove %s after a refused extraction: %s", path, error)


def _first_new_ancestor(root: str, path: str) -> Optional[str]:
    """The outermost folder between ``root`` and ``path`` that does not exist yet (or ``path``)."""
    relative = os.path.relpath(path, root)
    current = root
    for part in relative.split(os.sep):
        current = os.path.join(current, part)
        if not os.path.lexists(current):
            return current
    return None


def safe_extract(archive_path: str, target: str, limits: Optional[ExtractionLimits] = None,
                 allow_links: bool = False) -> str:
    """Extract the (gzip) tar ``archive_path`` into ``target`` within ``limits``; return ``target``.

    Raises:
        ValueError: a member would land outside ``target``, or is a device, fifo or
            (unless ``allow_links``) a link.
        ArchiveLimitError: the archive is a decompression bomb or the disk would run low
            (nothing it wrote is left behind).
    """
    limits = limits or ExtractionLimits()
    target_existed = os.path.isdir(target)
    os.makedirs(target, exist_ok=True)
    root = os.path.realpath(target)
    archive_size = os.path.getsize(archive_path)
    created: List[str] = []
    try:
        with tarfile.open(archive_path, mode="r:*") as archive:
            members = archive.getmembers()
            for member in members:
                _check_member(archive_path, root, member, allow_links)
            expanded = sum(member.size for member in members if member.isfile())
            ratio_limit = limits.max_ratio * max(archive_size, 1)
            if expanded > limits.max_bytes and expanded > ratio_limit:
                raise ArchiveLimitError(
                    f"refusing to extract {archive_path}: it expands to {expanded:,} bytes, past both the "
                    f"extraction_max_bytes limit ({limits.max_bytes:,} bytes) and extraction_max_ratio "
                    f"({limits.max_ratio:g} x its own {archive_size:,} bytes): a decompression bomb? Raise the "
                    "limits in LocalSession.config['local'] if this archive is genuine."
                )
            remaining = expanded
            for member in members:
                free = _free_bytes(root)
                if member.isfile() and free - remaining < limits.min_free_bytes:
                    raise ArchiveLimitError(
                        f"stopped extracting {archive_path}: the {remaining:,} bytes still to write would leave "
                        f"{max(free - remaining, 0):,} bytes free on the disk of {target}, below the "
                        f"extraction_min_free_bytes safety margin ({limits.min_free_bytes:,} bytes)."
                    )
                destination = os.path.join(root, member.name)
                new = _first_new_ancestor(root, os.path.normpath(destination))
                if new is not None:
                    created.append(new)
                if hasattr(tarfile, "data_filter"):
                    archive.extract(member, root, set_attrs=not member.isdir(), filter="data")
                else:  # pragma: no cover - Python without extraction filters; every member checked above
                    archive.extract(member, root, set_attrs=not member.isdir())  # noqa: S202
                if member.isfile():
                    remaining -= member.size
    except BaseException:
        if target_existed:
            _remove_created(created)
        else:
            shutil.rmtree(target, ignore_errors=True)
        raise
    return target
