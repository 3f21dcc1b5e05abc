"""Code staging: put a job's script-mode code where its container will find it, and say where that is.

One routine, :func:`stage_code`, serves every job kind that runs user code:

- training (``fit()``): the code is packed as ``sourcedir.tar.gz`` and uploaded
  (:func:`training_code_destination` picks the S3 key as V2 does), or, in local
  mode, left where it is and named by a ``file://`` URI;
- hosting (``Model.deploy()``): the same archive, or the code repacked into the
  model's ``model.tar.gz`` under ``code/``;
- framework processing (``FrameworkProcessor.run()``): the archive uploaded to
  S3, or written into a private local folder.

It returns a :class:`PreparedCode` and changes nothing else: the caller keeps
the value and derives its request fields (``sagemaker_submit_directory`` /
``sagemaker_program``, ``SAGEMAKER_SUBMIT_DIRECTORY`` / ``SAGEMAKER_PROGRAM``,
the ``code`` channel or input) from it.  This module takes the session, the
paths and the names as arguments and imports no job kind.
"""
from __future__ import annotations

import logging
import os
from typing import Any, Callable, Iterable, Optional, Tuple

import attrs

from sagemaker_estimators.s3_paths import parse_s3_url, s3_path_join
from sagemaker_estimators.staging.archive import (
    SOURCE_ARCHIVE_NAME,
    archive_members,
    create_source_archive,
    upload_source_archive,
)

logger = logging.getLogger(__name__)

#: the repacked model archive's name
MODEL_ARCHIVE_NAME = "model.tar.gz"
#: where framework serving containers find code that was repacked into the model archive
REPACKED_CODE_DIR = "/opt/ml/model/code"


@attrs.frozen
class UploadedCode:
    """Where the code archive is (``s3_prefix`` is the archive's URI) and the script's name in it (V2's type)."""

    s3_prefix: str
    script_name: str


def _paths(values: Optional[Iterable[str]]) -> Tuple[str, ...]:
    return tuple(values or ())


@attrs.frozen
class CodeSource:
    """The code as the user gave it: the script, the folder it is in (a local folder or an S3
    ``sourcedir.tar.gz``; None for a lone script) and the extra files packed beside it."""

    entry_point: str
    source_dir: Optional[str] = None
    dependencies: Tuple[str, ...] = attrs.field(default=(), converter=_paths)

    @property
    def source_dir_in_s3(self) -> bool:
        return bool(self.source_dir) and str(self.source_dir).lower().startswith("s3://")


@attrs.frozen
class CodeDestination:
    """Where an archive is written: ``s3://bucket/prefix`` (encrypted with ``kms_key`` when given) or a
    local folder."""

    location: str
    kms_key: Optional[str] = None

    @classmethod
    def in_s3(cls, bucket: str, key_prefix: Optional[str], kms_key: Optional[str] = None) -> "CodeDestination":
        return cls("s3://" + "/".join(part for part in (bucket, key_prefix) if part), kms_key)

    @classmethod
    def in_folder(cls, folder: str) -> "CodeDestination":
        return cls(folder)

    @property
    def is_s3(self) -> bool:
        return self.location.startswith("s3://")

    def uri_of(self, name: str) -> str:
        """The URI of the file ``name`` here (``s3://...`` or ``file://...``)."""
        if self.is_s3:
            return f"{self.location}/{name}"
        return "file://" + os.path.join(self.location, name)

    def upload_extra_args(self) -> dict:
        """The S3 upload arguments: always SSE-KMS, with this destination's key when it has one."""
        extra = {"ServerSideEncryption": "aws:kms"}
        if self.kms_key:
            extra["SSEKMSKeyId"] = self.kms_key
        return extra


@attrs.frozen
class PreparedCode:
    """What staging did with the code, and what the job's container is told about it.

    ``entry_point`` and ``source_dir`` are the code as the job runs it (a lone
    script left in place becomes its folder and its name, as V2 shows it after
    a local ``fit()``); ``script_name`` is ``sagemaker_program``;
    ``submit_directory`` is ``sagemaker_submit_directory``; ``archive_uri`` is
    where the packed code is (the uploaded ``sourcedir.tar.gz``, an S3
    ``source_dir`` used as it is, the repacked ``model.tar.gz`` or a local
    archive), None when the code was left in place; ``code_channel_uri`` is the
    ``code`` channel's URI when the code reaches the container through it;
    ``repacked_model_data`` is the repacked model archive.
    """

    entry_point: str
    source_dir: Optional[str]
    script_name: str
    submit_directory: str
    archive_uri: Optional[str] = None
    code_channel_uri: Optional[str] = None
    repacked_model_data: Optional[str] = None

    @property
    def uploaded_code(self) -> Optional[UploadedCode]:
        """V2's ``uploaded_code`` for this code (None when nothing was packed)."""
        if self.archive_uri is None:
            return None
        return UploadedCode(s3_prefix=self.archive_uri, script_name=self.script_name)

    def packed_archive_uri(self) -> str:
        """``archive_uri`` of code that was packed or repacked (ValueError for code left in place)."""
        if self.archive_uri is None:
            raise ValueError(f"the code {self.entry_point!r} was left in place: it has no archive")
        return self.archive_uri

    def through_code_channel(self, container_path: str) -> "PreparedCode":
        """The same code sent as the ``code`` channel and read at ``container_path`` (network isolation)."""
        return attrs.evolve(self, submit_directory=container_path, code_channel_uri=self.archive_uri)


def stage_code(session: Any, source: CodeSource, destination: Optional[Callable[[], CodeDestination]],
               repack_model_data: Optional[str] = None) -> PreparedCode:
    """Stage ``source`` and return what was prepared.

    ``destination`` None leaves local code where it is (local mode reads it through a
    ``file://`` URI); otherwise it is called, only when something must be written, for
    where the archive goes.  An S3 ``source_dir`` is used as it is.  With
    ``repack_model_data`` (the model archive's URI) the code is repacked into a copy of
    that archive under ``code/`` instead of packed on its own.
    """
    if destination is None:
        return _left_in_place(source)
    if repack_model_data is not None:
        return _repacked(session, source, destination(), repack_model_data)
    if source.source_dir_in_s3:
        assert source.source_dir is not None
        return PreparedCode(entry_point=source.entry_point, source_dir=source.source_dir,
                            script_name=source.entry_point, submit_directory=source.source_dir,
                            archive_uri=source.source_dir)
    if source.source_dir is None and not os.path.isfile(source.entry_point):
        raise ValueError(f"entry_point={source.entry_point!r} does not exist or is not a file.")
    target = destination()
    uri = target.uri_of(SOURCE_ARCHIVE_NAME)
    if target.is_s3:
        upload_source_archive(session, source.entry_point, source.source_dir, source.dependencies, uri,
                              target.upload_extra_args())
    else:
        create_source_archive(archive_members(source.entry_point, source.source_dir, source.dependencies),
                              uri[len("file://"):])
    script_name = source.entry_point if source.source_dir else os.path.basename(source.entry_point)
    return PreparedCode(entry_point=source.entry_point, source_dir=source.source_dir, script_name=script_name,
                        submit_directory=uri, archive_uri=uri)


def _left_in_place(source: CodeSource) -> PreparedCode:
    """Local mode: the code stays on disk; a lone script is named by its folder and its name."""
    entry_point, source_dir = source.entry_point, source.source_dir
    if source_dir is None:
        source_dir = os.path.dirname(os.path.abspath(entry_point))
        entry_point = os.path.basename(entry_point)
    submit_directory = source_dir if source_dir.startswith("s3://") else "file://" + os.path.abspath(source_dir)
    return PreparedCode(entry_point=entry_point, source_dir=source_dir, script_name=entry_point,
                        submit_directory=submit_directory)


def _repacked(session: Any, source: CodeSource, target: CodeDestination, model_data: str) -> PreparedCode:
    from sagemaker_estimators.staging.repack import repack_model  # tempfile and extraction: loaded on first use

    repacked = target.uri_of(MODEL_ARCHIVE_NAME)
    logger.info("Repacking model artifact (%s), script artifact (%s), and dependencies (%s) into single "
                "tar.gz file located at %s.", model_data, source.source_dir, list(source.dependencies), repacked)
    repack_model(source.entry_point, source.source_dir, source.dependencies, model_data, repacked, session,
                 kms_key=target.kms_key)
    return PreparedCode(entry_point=source.entry_point, source_dir=source.source_dir,
                        script_name=os.path.basename(source.entry_point), submit_directory=REPACKED_CODE_DIR,
                        archive_uri=repacked, repacked_model_data=repacked)


def training_code_destination(session: Any, job_name: str, code_location: Optional[str],
                              output_path: Optional[str], output_kms_key: Optional[str],
                              output_path_is_default: bool) -> CodeDestination:
    """Where a training (or framework processing) job's ``sourcedir.tar.gz`` goes, by V2's rules.

    ``code_location`` wins (encrypted with ``output_kms_key`` only when it is in the
    output path's bucket); without an S3 ``output_path`` the session's default
    bucket and prefix; else the output bucket, under its prefix only when the output
    path is the session's default (``output_path_is_default``).
    """
    if code_location is not None:
        bucket, prefix = parse_s3_url(code_location)
        kms_key = None
        if output_path and output_path.startswith("s3://"):
            output_bucket, _ = parse_s3_url(output_path)
            kms_key = output_kms_key if bucket == output_bucket else None
        return CodeDestination.in_s3(bucket, s3_path_join(prefix, job_name, "source"), kms_key)
    if not output_path or not output_path.startswith("s3://"):
        return CodeDestination.in_s3(session.default_bucket(),
                                     s3_path_join(session.default_bucket_prefix, job_name, "source"))
    bucket, output_prefix = parse_s3_url(output_path)
    prefix = output_prefix if output_path_is_default else ""
    return CodeDestination.in_s3(bucket, s3_path_join(prefix, job_name, "source"), output_kms_key)


def default_output_path(session: Any) -> str:
    """The output path a job without one uses: the session's default bucket and prefix (V2's rule)."""
    return s3_path_join("s3://", session.default_bucket(), session.default_bucket_prefix, with_end_slash=True)


def local_code_enabled(session: Any) -> bool:
    """Whether ``session`` is a local session whose config says ``local: {local_code: true}``."""
    config = getattr(session, "config", None) or {}
    return bool(getattr(session, "local_mode", False) and config.get("local", {}).get("local_code"))
