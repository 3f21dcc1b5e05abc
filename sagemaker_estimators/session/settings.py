"""``SessionSettings``: optional settings of a Session (``sagemaker.session_settings``).

``encrypt_repacked_artifacts`` decides whether a model archive repacked with its
inference code is uploaded with ``ServerSideEncryption: aws:kms`` when no KMS key
is given; ``local_download_dir`` is where the repack works (a temporary folder is
made inside it and removed afterwards).  ``include_jumpstart_tags`` is kept for
V2 compatibility (JumpStart is not covered by this package).
"""
from __future__ import annotations

from typing import Optional


class SessionSettings:
    """Settings a ``Session(settings=...)`` applies (V2's parameters and defaults)."""

    def __init__(self, encrypt_repacked_artifacts: bool = True, local_download_dir: Optional[str] = None,
                 include_jumpstart_tags: bool = True) -> None:
        self._encrypt_repacked_artifacts = encrypt_repacked_artifacts
        self._local_download_dir = local_download_dir
        self._include_jumpstart_tags = include_jumpstart_tags

    @property
    def encrypt_repacked_artifacts(self) -> bool:
        """Whether repacked model archives are encrypted at rest with the AWS-managed S3 KMS key."""
        return self._encrypt_repacked_artifacts

    @property
    def local_download_dir(self) -> Optional[str]:
        """The local directory under which artifacts are downloaded (None: the system temp dir)."""
        return self._local_download_dir

    @property
    def include_jumpstart_tags(self) -> bool:
        """Whether JumpStart models get their tags (kept for V2 compatibility)."""
        return self._include_jumpstart_tags

    def __repr__(self) -> str:
        return (f"SessionSettings(encrypt_repacked_artifacts={self._encrypt_repacked_artifacts!r}, "
                f"local_download_dir={self._local_download_dir!r}, "
                f"include_jumpstart_tags={self._include_jumpstart_tags!r})")
