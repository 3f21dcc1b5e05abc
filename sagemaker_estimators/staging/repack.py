"""Repack a model archive together with its inference code (V2's ``repack_model``).

The new ``model.tar.gz`` holds the original model files at its root and the
code under ``code/``: the whole ``source_dir`` (a local directory or an S3
``sourcedir.tar.gz``), or the entry point alone, plus each dependency under
``code/lib/``.  Framework serving containers find it at
``/opt/ml/model/code``.  Archives are extracted only inside their target
directory: members with absolute paths, ``..`` segments, links that point
outside, or device files are refused.
"""
from __future__ import annotations

import logging
import os
import shutil
import tarfile
import tempfile
from typing import TYPE_CHECKING, Dict, Iterable, Optional

from sagemaker_estimators.s3_paths import parse_s3_url
from sagemaker_estimators import archives
from sagemaker_estimators.archives import ExtractionLimits
from sagemaker_estimators.staging.archive import GZIP_LEVEL, archive_members, collect_entries

if TYPE_CHECKING:
    from sagemaker_estimators.session_like import SessionLike

logger = logging.getLogger(__name__)


def safe_extract(archive_path: str, target: str, limits: Optional[ExtractionLimits] = None) -> None:
    """Extract a (gzip) tar archive into ``target`` (links allowed only inside it), within ``limits``."""
    archives.safe_extract(archive_path, target, limits, allow_links=True)


def _fetch(uri: str, destination: str, session: SessionLike) -> str:
    """Local path of ``uri`` (``s3://`` is downloaded to ``destination``; ``file://`` or a path is used)."""
    if uri.lower().startswith("s3://"):
        bucket, key = parse_s3_url(uri)
        extra = {}
        owner = session._expected_owner(bucket) if hasattr(session, "_expected_owner") else None
        if owner:
            extra["ExpectedBucketOwner"] = owner
        session.s3_client.download_file(bucket, key, destination, ExtraArgs=extra or None)
        return destination
    path = uri[len("file://"):] if uri.startswith("file://") else uri
    if not os.path.isfile(path):
        raise ValueError(f"model_data={uri!r}: no such file")
    return path


def _copy(path: str, target: str) -> None:
    if os.path.isdir(path):
        shutil.copytree(path, target, symlinks=False)
    else:
        shutil.copy2(path, target)


def build_code_dir(model_dir: str, entry_point: str, source_dir: Optional[str], dependencies: Iterable[str],
                   session: SessionLike, workdir: str) -> None:
    """Create ``model_dir/code`` from the source directory (or the entry point) and the dependencies."""
    code_dir = os.path.join(model_dir, "code")
    if source_dir and source_dir.lower().startswith("s3://"):
        archive = _fetch(source_dir, os.path.join(workdir, "local_code.tar.gz"), session)
        safe_extract(archive, code_dir, archives.limits_of(session))
    elif source_dir:
        if not os.path.isdir(source_dir):
            raise ValueError(f"source_dir={source_dir!r} is not a directory.")
        # the copy follows links: none may carry a file from outside source_dir into the upload
        collect_entries(archive_members(entry_point, source_dir, []), source_dir)
        if os.path.lexists(code_dir):
            shutil.rmtree(code_dir)
        shutil.copytree(source_dir, code_dir)
    else:
        os.makedirs(code_dir, exist_ok=True)
        if os.path.isfile(entry_point):
            shutil.copy2(entry_point, code_dir)
        elif not os.path.isfile(os.path.join(code_dir, os.path.basename(entry_point))):
            raise ValueError(
                f"entry_point={entry_point!r} was not found, neither on disk nor in the model "
                "archive's code/ folder."
            )
    dependencies = list(dependencies)
    if dependencies:
        lib_dir = os.path.join(code_dir, "lib")
        os.makedirs(lib_dir, exist_ok=True)
        for dependency in dependencies:
            if not os.path.exists(dependency):
                raise ValueError(f"dependencies: {dependency!r} does not exist.")
            _copy(dependency, os.path.join(lib_dir, os.path.basename(os.path.normpath(dependency))))


def _add_tree(archive: tarfile.TarFile, folder: str, arcname: str) -> None:
    info = archive.gettarinfo(folder, arcname)
    info.name = arcname
    archive.addfile(info)
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        member_name = f"{arcname}/{name}" if arcname else name
        if os.path.isdir(path) and not os.path.islink(path):
            _add_tree(archive, path, member_name)
        else:
            archive.add(path, member_name, recursive=False)


def write_model_archive(model_dir: str, target: str) -> str:
    """Pack ``model_dir`` as a .tar.gz whose root entry is the directory itself (as V2 writes it)."""
    with tarfile.open(target, mode="w:gz", compresslevel=GZIP_LEVEL) as archive:
        _add_tree(archive, model_dir, "")
    return target


def repack_model(inference_script: str, source_directory: Optional[str], dependencies: Iterable[str],
                 model_uri: str, repacked_model_uri: str, sagemaker_session: SessionLike,
                 kms_key: Optional[str] = None) -> str:
    """Write ``repacked_model_uri`` (S3 or local): ``model_uri``'s files plus ``code/``. Returns the URI."""
    settings = getattr(sagemaker_session, "settings", None)
    download_dir = getattr(settings, "local_download_dir", None)
    workdir = tempfile.mkdtemp(prefix="sagemaker-estimators-repack-", dir=download_dir)
    try:
        model_dir = os.path.join(workdir, "model")
        os.mkdir(model_dir)
        safe_extract(_fetch(model_uri, os.path.join(workdir, "tar_file"), sagemaker_session), model_dir,
                     archives.limits_of(sagemaker_session))
        build_code_dir(model_dir, inference_script, source_directory, dependencies or [],
                       sagemaker_session, workdir)
        archive = write_model_archive(model_dir, os.path.join(workdir, "temp-model.tar.gz"))
        if repacked_model_uri.lower().startswith("s3://"):
            extra: Dict[str, str] = {}
            if kms_key:
                extra = {"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": kms_key}
            elif getattr(settings, "encrypt_repacked_artifacts", True):
                extra = {"ServerSideEncryption": "aws:kms"}
            sagemaker_session.upload_file_to_key(archive, repacked_model_uri, extra_args=extra)
        else:
            destination = repacked_model_uri[len("file://"):] if repacked_model_uri.startswith("file://") \
                else repacked_model_uri
            shutil.move(archive, destination)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return repacked_model_uri
