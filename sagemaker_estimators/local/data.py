"""Local mode's data movement: ``file://`` and ``s3://`` in, ``file://`` and ``s3://`` out.

Inputs become local directories a runtime can mount or link: a ``file://``
directory is used where it is (no copy), a ``file://`` file is hard-linked (or
copied) into a directory of its own, an ``s3://`` prefix or object is
downloaded into the job's scratch dir.  Outputs (the packed artifacts of a
training job, the ``.out`` files of a transform job) are copied to a
``file://`` directory or uploaded to an ``s3://`` prefix.  Archives are
extracted only inside their target directory.

S3 is touched only when a URI says ``s3://``, through the session's S3 client.
"""
from __future__ import annotations

import logging
import os
import shutil
import tarfile
import tempfile
from typing import TYPE_CHECKING, Any, List, Optional, Tuple
from urllib.parse import unquote, urlparse

from sagemaker_estimators.archives import ExtractionLimits, limits_of, safe_extract
from sagemaker_estimators.local.layout import remove_tree
from sagemaker_estimators.s3_paths import parse_s3_url, s3_path_join

if TYPE_CHECKING:
    from sagemaker_estimators.session_like import SessionLike

logger = logging.getLogger(__name__)

#: where a local path may never be read from or mounted (V2 refuses the same places)
SENSITIVE_PATHS = tuple(
    os.path.realpath(os.path.expanduser(path))
    for path in ("~/.aws", "~/.ssh", "~/.kube", "~/.docker", "~/.config", "~/.credentials",
                 "/etc", "/root", "/var/lib", "/opt/ml/metadata")
)
SCHEMES = ("file://", "s3://")


def scheme_of(uri: Any, parameter: str) -> str:
    """``"file"`` or ``"s3"``; ValueError naming ``parameter`` for anything else."""
    if isinstance(uri, str):
        if uri.startswith("file://"):
            return "file"
        if uri.startswith("s3://") and len(uri) > 5:
            return "s3"
    raise ValueError(f"{parameter}={uri!r} must be a file:// or s3:// URI")


def file_uri_path(uri: str) -> str:
    """The absolute local path of a ``file://`` URI (``file:///abs``, ``file://rel/dir``)."""
    parsed = urlparse(uri)
    return os.path.abspath(unquote(parsed.netloc + parsed.path))


def local_path_from_uri(uri: str, parameter: str) -> str:
    """The existing local path a ``file://`` URI names, refusing sensitive system paths."""
    path = file_uri_path(uri)
    real = os.path.realpath(path)
    for sensitive in SENSITIVE_PATHS:
        if real == sensitive or real.startswith(sensitive + os.sep):
            raise ValueError(f"{parameter}={uri!r}: local mode does not read from or mount {sensitive}")
    if not os.path.exists(path):
        raise ValueError(f"{parameter}={uri!r}: {path} does not exist")
    return path


def make_scratch_dir(container_root: Optional[str], prefix: str) -> str:
    """A new private directory under ``container_root`` (default: the system temp dir)."""
    root = os.path.abspath(os.path.expanduser(container_root)) if container_root else None
    if root:
        os.makedirs(root, exist_ok=True)
    # realpath: on macOS /var is a link to /private/var, which Docker Desktop mounts only by its real name
    return os.path.realpath(tempfile.mkdtemp(prefix=prefix, dir=root))


# --------------------------------------------------------------------------- inputs


def _single_file_dir(path: str, target_dir: str) -> str:
    os.makedirs(target_dir, exist_ok=True)
    destination = os.path.join(target_dir, os.path.basename(path))
    try:
        os.link(path, destination)
    except OSError:
        shutil.copy2(path, destination)
    return target_dir


def download_s3(uri: str, target_dir: str, session: SessionLike) -> List[str]:
    """Download the object ``uri``, or every object under the "folder" ``uri/``, into ``target_dir``.

    An object whose key equals the URI's key lands as ``target_dir/<basename>``;
    objects under ``<key>/`` keep their path relative to it.  Keys that would
    land outside ``target_dir`` are refused.
    """
    bucket, key = parse_s3_url(uri)
    client = session.s3_client
    root = os.path.realpath(target_dir)
    os.makedirs(root, exist_ok=True)
    folder = key if (not key or key.endswith("/")) else key + "/"
    wanted: List[Tuple[str, str]] = []
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=key):
        for item in page.get("Contents", []):
            name = item["Key"]
            if name == key and not key.endswith("/"):
                wanted.append((name, os.path.basename(name)))
            elif name.startswith(folder) and not name.endswith("/"):
                wanted.append((name, name[len(folder):]))
    if not wanted:
        raise ValueError(f"{uri} is empty: no S3 object has that key or lies under {folder!r}")
    files = []
    for name, relative in wanted:
        destination = os.path.realpath(os.path.join(root, relative))
        if not destination.startswith(root + os.sep):
            raise ValueError(f"S3 key {name!r} of {uri} would be written outside {target_dir}; refusing")
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        client.download_file(bucket, name, destination)
        files.append(destination)
    return files


def materialize_dir(uri: str, target_dir: str, session: SessionLike, parameter: str) -> str:
    """A local directory with the contents of ``uri``.

    A ``file://`` directory is returned as it is (nothing copied); a ``file://``
    file is linked into ``target_dir``; ``s3://`` is downloaded into ``target_dir``.
    """
    if scheme_of(uri, parameter) == "file":
        path = local_path_from_uri(uri, parameter)
        if os.path.isdir(path):
            return path
        return _single_file_dir(path, target_dir)
    download_s3(uri, target_dir, session)
    return target_dir


def materialize_file(uri: str, target_dir: str, session: SessionLike, parameter: str) -> str:
    """A local path for the single object or file ``uri`` (downloaded into ``target_dir`` if remote)."""
    if scheme_of(uri, parameter) == "file":
        return local_path_from_uri(uri, parameter)
    bucket, key = parse_s3_url(uri)
    os.makedirs(target_dir, exist_ok=True)
    destination = os.path.join(target_dir, os.path.basename(key) or "object")
    session.s3_client.download_file(bucket, key, destination)
    return destination


def extract_archive(archive: str, target_dir: str, limits: Optional[ExtractionLimits] = None) -> str:
    """Extract a (gzip) tar into ``target_dir`` within ``limits``; refuse members that are not plain
    files or directories inside it (links, devices, ``..`` or absolute names)."""
    return safe_extract(archive, target_dir, limits)


def materialize_model(model_data: Any, target_dir: str, session: SessionLike) -> str:
    """A local directory holding the model: ``model.tar.gz`` extracted, or a model directory.

    ``model_data`` is a ``ModelDataUrl`` string (``file://`` or ``s3://``, a
    ``.tar.gz`` or a prefix) or a ``ModelDataSource``-style ``{"S3DataSource": ...}`` dict
    of an uncompressed model.
    """
    if isinstance(model_data, dict):
        source = model_data.get("S3DataSource") or {}
        uri = source.get("S3Uri")
        compressed = source.get("CompressionType", "None") != "None"
        if not uri:
            raise ValueError(f"ModelDataSource={model_data!r} needs S3DataSource.S3Uri")
    else:
        uri, compressed = model_data, None
    scheme = scheme_of(uri, "ModelDataUrl")
    model_dir = os.path.join(target_dir, "model")
    if scheme == "file":
        path = local_path_from_uri(uri, "ModelDataUrl")
        if os.path.isdir(path):
            shutil.copytree(path, model_dir, symlinks=False)
            return model_dir
        archive = path
    elif compressed is False or (compressed is None and uri.endswith("/")):
        download_s3(uri, model_dir, session)
        return model_dir
    else:
        archive = materialize_file(uri, os.path.join(target_dir, "download"), session, "ModelDataUrl")
    if not tarfile.is_tarfile(archive):
        raise ValueError(f"ModelDataUrl={uri!r} is not a tar archive (model.tar.gz) or a directory")
    extract_archive(archive, model_dir, limits_of(session))
    return model_dir


# --------------------------------------------------------------------------- outputs


def copy_tree_into(source_dir: str, destination_dir: str) -> List[str]:
    """Copy every file under ``source_dir`` into ``destination_dir`` (merging); return the new paths."""
    written = []
    for folder, _, names in os.walk(source_dir):
        relative = os.path.relpath(folder, source_dir)
        target_folder = destination_dir if relative == "." else os.path.join(destination_dir, relative)
        os.makedirs(target_folder, exist_ok=True)
        for name in sorted(names):
            target = os.path.join(target_folder, name)
            shutil.copyfile(os.path.join(folder, name), target)
            written.append(target)
    return written


def deliver(source_dir: str, destination_uri: str, session: SessionLike, parameter: str) -> str:
    """Copy (``file://``) or upload (``s3://``) every file of ``source_dir`` to ``destination_uri``.

    Returns the destination as a URI without a trailing slash.
    """
    if scheme_of(destination_uri, parameter) == "file":
        path = file_uri_path(destination_uri)
        os.makedirs(path, exist_ok=True)
        copy_tree_into(source_dir, path)
        return "file://" + path
    bucket, prefix = parse_s3_url(destination_uri)
    prefix = prefix.strip("/")
    for folder, _, names in os.walk(source_dir):
        relative = os.path.relpath(folder, source_dir)
        for name in sorted(names):
            key_parts = [prefix] + ([] if relative == "." else relative.split(os.sep)) + [name]
            key = "/".join(part for part in key_parts if part)
            session.s3_client.upload_file(os.path.join(folder, name), bucket, key)
    return s3_path_join("s3://", bucket, prefix)


def training_output_location(output_path: str, job_name: str) -> Tuple[str, str]:
    """(scheme, URI of the folder receiving ``model.tar.gz``/``output.tar.gz``) for one job.

    ``s3://`` keeps SageMaker's layout ``<output_path>/<job>/output/``; ``file://``
    gets ``<output_path>/<job>/`` (V2 wrote straight into ``output_path``, so two jobs
    overwrote each other).
    """
    scheme = scheme_of(output_path, "OutputDataConfig.S3OutputPath")
    if scheme == "s3":
        return scheme, s3_path_join(output_path, job_name, "output")
    return scheme, "file://" + os.path.join(file_uri_path(output_path), job_name)


def remove_dirs(paths: List[Optional[str]]) -> None:
    """Remove every path in ``paths`` that exists (best effort, logged)."""
    for path in paths:
        if path:
            remove_tree(path)
