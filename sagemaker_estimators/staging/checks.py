"""Checks of script-mode code arguments (``entry_point``, ``source_dir``, ``dependencies``) on disk.

Training and framework processing call :func:`validate_code_arguments` before
the first upload or Create call.
"""
from __future__ import annotations

import os
from typing import Iterable, Optional

from sagemaker_estimators.staging.archive import inside_tree


def validate_code_arguments(entry_point: Optional[str], source_dir: Optional[str],
                            dependencies: Iterable[str], required: bool = True) -> None:
    """Check entry_point, source_dir and dependencies on disk; raise ValueError naming the bad one.

    With a local ``source_dir``, ``entry_point`` must be a relative path inside it (the
    container runs it from there): an absolute path or one that climbs out with ``..``
    is refused, as is an entry point (or a link) that resolves outside the folder.
    """
    if entry_point is None:
        if required:
            raise ValueError("entry_point is required: the path of the training script (e.g. 'train.py').")
        return
    if not isinstance(entry_point, str) or not entry_point:
        raise TypeError(f"entry_point must be a non-empty str, got {entry_point!r}")
    if entry_point.startswith("s3://"):
        raise ValueError(f"entry_point={entry_point!r}: must be a path to a local file, not an S3 URI.")
    if source_dir is not None:
        if not isinstance(source_dir, str):
            raise TypeError(f"source_dir must be a str, got {source_dir!r}")
        if source_dir.startswith("s3://"):
            if not source_dir.endswith(".tar.gz"):
                raise ValueError(f"source_dir={source_dir!r}: an S3 source_dir must be a .tar.gz archive.")
        else:
            if not os.path.isdir(source_dir):
                raise ValueError(f"source_dir={source_dir!r} is not a directory.")
            _check_entry_point_inside(entry_point, source_dir)
            if not os.path.isfile(os.path.join(source_dir, entry_point)):
                raise ValueError(
                    f"entry_point={entry_point!r}: no file named {entry_point!r} was found in "
                    f"source_dir {source_dir!r}."
                )
    elif not os.path.isfile(entry_point):
        raise ValueError(f"entry_point={entry_point!r} does not exist or is not a file.")
    for dependency in dependencies:
        if not isinstance(dependency, str) or not os.path.exists(dependency):
            raise ValueError(f"dependencies: {dependency!r} does not exist.")


def _check_entry_point_inside(entry_point: str, source_dir: str) -> None:
    parts = entry_point.replace("\\", "/").split("/")
    if os.path.isabs(entry_point) or ".." in parts:
        raise ValueError(
            f"entry_point={entry_point!r} must be a path relative to source_dir={source_dir!r} that stays "
            "inside it (no absolute path, no '..'): only source_dir is packed, so the script could never run."
        )
    root = os.path.realpath(source_dir)
    real = os.path.realpath(os.path.join(source_dir, entry_point))
    if not inside_tree(root, real):
        raise ValueError(
            f"entry_point={entry_point!r} is a symbolic link to {real!r}, outside source_dir={source_dir!r}; "
            "copy the script into source_dir."
        )
