"""Script-mode code: validation, ``sourcedir.tar.gz`` packaging and its upload.

The archive holds, at its root, every entry of ``source_dir`` (or the entry
point alone when there is no ``source_dir``) plus each dependency under its
base name, exactly as V2 lays it out.  Symbolic links are followed (V2 does the
same); a broken link, a link cycle or an unreadable file is a ValueError that
names the path.  The archive is uploaded to
``s3://<code_location or output bucket>/<prefix>/<job>/source/sourcedir.tar.gz``
with ``ServerSideEncryption: aws:kms``.
"""
from __future__ import annotations

import logging
import os
import shutil
import stat
import tarfile
import tempfile
from typing import TYPE_CHECKING, Iterable, List, Optional, Tuple

import attrs

from sagemaker_estimators.s3 import parse_s3_url, s3_path_join

if TYPE_CHECKING:  # pragma: no cover
    from sagemaker_estimators.estimators.base import EstimatorBase

logger = logging.getLogger(__name__)

SOURCE_ARCHIVE_NAME = "sourcedir.tar.gz"
#: gzip level: 6 packs almost as small as V2's 9 in a fraction of the time
GZIP_LEVEL = 6


@attrs.frozen
class UploadedCode:
    """Where the code archive is (``s3_prefix`` is the archive's URI) and the script's name in it."""

    s3_prefix: str
    script_name: str


def validate_code_arguments(entry_point: Optional[str], source_dir: Optional[str],
                            dependencies: Iterable[str], required: bool = True) -> None:
    """Check entry_point, source_dir and dependencies on disk; raise ValueError naming the bad one."""
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


def archive_members(entry_point: str, source_dir: Optional[str], dependencies: Iterable[str]) -> List[Tuple[str, str]]:
    """(local path, name at the archive root) pairs, in a stable order."""
    if source_dir is None:
        roots = [(entry_point, os.path.basename(entry_point))]
    else:
        roots = [(os.path.join(source_dir, name), name) for name in sorted(os.listdir(source_dir))]
    roots.extend((dep, os.path.basename(os.path.normpath(dep))) for dep in dependencies)
    return roots


def _add(archive: tarfile.TarFile, path: str, arcname: str, seen: Tuple[str, ...]) -> None:
    if os.path.islink(path) and not os.path.exists(path):
        raise ValueError(f"source code: {path!r} is a broken symbolic link; remove it or fix its target.")
    real = os.path.realpath(path)
    if real in seen:
        raise ValueError(f"source code: {path!r} is a symbolic link that loops back to {real!r}.")
    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        member = archive.gettarinfo(real, arcname)
        member.type = tarfile.DIRTYPE
        archive.addfile(member)
        for name in sorted(os.listdir(path)):
            _add(archive, os.path.join(path, name), f"{arcname}/{name}", seen + (real,))
        return
    if not stat.S_ISREG(info.st_mode):
        raise ValueError(f"source code: {path!r} is not a regular file or directory (sockets, fifos and "
                         "devices cannot be packed).")
    try:
        handle = open(real, "rb")
    except OSError as error:
        raise ValueError(f"source code: {path!r} cannot be read ({error.strerror}).") from error
    with handle:
        member = archive.gettarinfo(real, arcname, fileobj=handle)
        member.type = tarfile.REGTYPE
        archive.addfile(member, handle)


def create_source_archive(members: Iterable[Tuple[str, str]], target: str) -> str:
    """Write ``target`` (a .tar.gz) holding ``members``; a failure leaves no partial file."""
    partial = target + ".partial"
    try:
        with tarfile.open(partial, mode="w:gz", compresslevel=GZIP_LEVEL) as archive:
            for path, arcname in members:
                _add(archive, path, arcname, ())
        os.replace(partial, target)
    finally:
        if os.path.exists(partial):
            os.remove(partial)
    return target


def _code_destination(estimator: "EstimatorBase") -> Tuple[str, str, Optional[str]]:
    """(bucket, key prefix, kms key) for the code archive, following V2's rules."""
    session = estimator.sagemaker_session
    job = estimator._current_job_name
    if estimator.code_location is not None:
        bucket, prefix = parse_s3_url(estimator.code_location)
        kms_key = None
        if estimator.output_path and estimator.output_path.startswith("s3://"):
            output_bucket, _ = parse_s3_url(estimator.output_path)
            kms_key = estimator.output_kms_key if bucket == output_bucket else None
        return bucket, s3_path_join(prefix, job, "source"), kms_key
    if not estimator.output_path or not estimator.output_path.startswith("s3://"):
        return session.default_bucket(), s3_path_join(session.default_bucket_prefix, job, "source"), None
    bucket, output_prefix = parse_s3_url(estimator.output_path)
    prefix = output_prefix if getattr(estimator, "_output_path_from_default_bucket", False) else ""
    return bucket, s3_path_join(prefix, job, "source"), estimator.output_kms_key


def stage_code_in_s3(estimator: "EstimatorBase") -> UploadedCode:
    """Pack the estimator's code and upload it (an S3 ``source_dir`` is used as it is)."""
    entry_point, source_dir = estimator.entry_point, estimator.source_dir
    if source_dir and source_dir.startswith("s3://"):
        return UploadedCode(s3_prefix=source_dir, script_name=entry_point)
    script_name = entry_point if source_dir else os.path.basename(entry_point)
    bucket, prefix, kms_key = _code_destination(estimator)
    uri = f"s3://{bucket}/{prefix}/{SOURCE_ARCHIVE_NAME}"
    extra = {"ServerSideEncryption": "aws:kms"}
    if kms_key:
        extra["SSEKMSKeyId"] = kms_key
    workdir = tempfile.mkdtemp(prefix="sagemaker-estimators-code-")
    try:
        archive = create_source_archive(
            archive_members(entry_point, source_dir, estimator.dependencies),
            os.path.join(workdir, SOURCE_ARCHIVE_NAME),
        )
        estimator.sagemaker_session.upload_file_to_key(archive, uri, extra_args=extra)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return UploadedCode(s3_prefix=uri, script_name=script_name)


def prepare_code(estimator: "EstimatorBase") -> None:
    """Validate, then stage the code (S3 upload, or a local directory in local mode) and
    record ``sagemaker_program`` / ``sagemaker_submit_directory`` and friends."""
    validate_code_arguments(estimator.entry_point, estimator.source_dir, estimator.dependencies)
    session = estimator.sagemaker_session
    if session.local_mode and not (estimator.code_location or "").startswith("s3://") \
            and not (estimator.source_dir or "").startswith("s3://"):
        if estimator.source_dir is None:
            estimator.source_dir = os.path.dirname(os.path.abspath(estimator.entry_point))
            estimator.entry_point = os.path.basename(estimator.entry_point)
        code_dir = "file://" + os.path.abspath(estimator.source_dir)
        script = estimator.entry_point
    elif estimator.enable_network_isolation() and estimator.entry_point:
        estimator.uploaded_code = stage_code_in_s3(estimator)
        code_dir = estimator.CONTAINER_CODE_CHANNEL_SOURCEDIR_PATH
        script = estimator.uploaded_code.script_name
        estimator.code_uri = estimator.uploaded_code.s3_prefix
    else:
        estimator.uploaded_code = stage_code_in_s3(estimator)
        code_dir = estimator.uploaded_code.s3_prefix
        script = estimator.uploaded_code.script_name
    estimator._script_mode_hyperparam_update(code_dir, script)
