"""Record sets: numpy data uploaded as RecordIO shards with a manifest, and the channels they become.

``upload_numpy_to_s3_shards`` splits the rows into one shard per training
instance (equal shards, the last one takes the remainder), writes each as
``matrix_<n>.pbr`` under the key prefix and then a ``.amazon.manifest`` naming
them, as V2 does; if an upload fails, the shards already uploaded are deleted.
"""
from __future__ import annotations

import json
import logging
import tempfile
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

from sagemaker_estimators.inputs import FileSystemInput, TrainingInput

if TYPE_CHECKING:
    from sagemaker_estimators.session_like import SessionLike

logger = logging.getLogger(__name__)

MANIFEST_NAME = ".amazon.manifest"


class RecordSet:
    """Records stored in S3 for a built-in algorithm (V2's ``sagemaker.amazon.amazon_estimator.RecordSet``).

    Args:
        s3_data: the manifest file (``s3_data_type="ManifestFile"``) or S3 prefix ("S3Prefix").
        num_records: number of records (rows).
        feature_dim: length of each record's feature vector.
        s3_data_type: "ManifestFile" (default) or "S3Prefix".
        channel: the training job channel ("train" by default).
        distribution: "ShardedByS3Key" (default) or "FullyReplicated".
    """

    def __init__(self, s3_data: str, num_records: int, feature_dim: int, s3_data_type: str = "ManifestFile",
                 channel: str = "train", distribution: str = "ShardedByS3Key"):
        self.s3_data = s3_data
        self.feature_dim = feature_dim
        self.num_records = num_records
        self.s3_data_type = s3_data_type
        self.channel = channel
        self.distribution = distribution

    def __repr__(self) -> str:
        return str((RecordSet, self.__dict__))

    def data_channel(self) -> Dict[str, TrainingInput]:
        """``{channel: TrainingInput}`` for ``fit()``."""
        return {self.channel: self.records_s3_input()}

    def records_s3_input(self) -> TrainingInput:
        """The S3 channel of these records."""
        return TrainingInput(self.s3_data, distribution=self.distribution, s3_data_type=self.s3_data_type)


class FileSystemRecordSet:
    """Records on EFS or FSx for Lustre (V2's ``FileSystemRecordSet``)."""

    def __init__(self, file_system_id: str, file_system_type: str, directory_path: str, num_records: int,
                 feature_dim: int, file_system_access_mode: str = "ro", channel: str = "train"):
        self.file_system_input = FileSystemInput(file_system_id, file_system_type, directory_path,
                                                 file_system_access_mode)
        self.feature_dim = feature_dim
        self.num_records = num_records
        self.channel = channel

    def __repr__(self) -> str:
        return str((FileSystemRecordSet, self.__dict__))

    def data_channel(self) -> Dict[str, FileSystemInput]:
        """``{channel: FileSystemInput}`` for ``fit()``."""
        return {self.channel: self.file_system_input}


RECORD_SET_TYPES = (RecordSet, FileSystemRecordSet)


def records_channels(records: Any) -> Dict[str, Any]:
    """fit()'s ``records`` (a record set or a list of them) as ``{channel: input}``; ValueError otherwise."""
    if isinstance(records, RECORD_SET_TYPES):
        return records.data_channel()
    if not isinstance(records, (list, tuple)):
        raise TypeError(f"records must be a RecordSet, a FileSystemRecordSet or a list of them (see "
                        f"estimator.record_set()), got {type(records).__name__}.")
    channels: Dict[str, Any] = {}
    for record in records:
        if not isinstance(record, RECORD_SET_TYPES):
            raise ValueError("List compatible only with RecordSets or FileSystemRecordSets.")
        if record.channel in channels:
            raise ValueError(f"Duplicate channels not allowed: {record.channel!r} appears twice in records.")
        channels.update(record.data_channel())
    return channels


def train_record_set(records: Any) -> Any:
    """The record set of the ``train`` channel (ValueError when a list has none)."""
    if isinstance(records, (list, tuple)):
        for record in records:
            if getattr(record, "channel", None) == "train":
                return record
        raise ValueError("Must provide train channel: records has no record set with channel='train'.")
    return records


def shard_bounds(num_shards: int, num_rows: int) -> List[Tuple[int, int]]:
    """(start, end) of each shard: ``num_rows // num_shards`` rows each, the last takes the rest."""
    if num_shards < 1:
        raise ValueError(f"num_shards must be >= 1, got {num_shards}")
    size = num_rows // num_shards
    if size == 0:
        raise ValueError(f"Array length is less than num shards: {num_rows} rows cannot fill {num_shards} shards "
                         "(one per training instance).")
    bounds = [(index * size, index * size + size) for index in range(num_shards - 1)]
    bounds.append(((num_shards - 1) * size, num_rows))
    return bounds


def shard_names(num_shards: int) -> List[str]:
    """``matrix_<index>.pbr``, the index zero-padded to the width of the shard count."""
    width = len(str(num_shards))
    return [f"matrix_{str(index).zfill(width)}.pbr" for index in range(num_shards)]


def manifest_body(bucket: str, key_prefix: str, names: List[str]) -> bytes:
    """The manifest: the prefix, then each shard's name relative to it."""
    return json.dumps([{"prefix": f"s3://{bucket}/{key_prefix}"}] + names).encode("utf-8")


def upload_numpy_to_s3_shards(num_shards: int, s3: Any, bucket: str, key_prefix: str, array: Any,
                              labels: Any = None, encrypt: bool = False,
                              sagemaker_session: Optional[SessionLike] = None) -> str:
    """Upload ``array`` (and ``labels``) as ``num_shards`` RecordIO files and a manifest; return the manifest's URI.

    ``s3`` is a boto3 S3 resource (or client).  ``encrypt`` asks for SSE AES256;
    with ``sagemaker_session``, uploads to its default bucket send
    ``ExpectedBucketOwner``.
    """
    from sagemaker_estimators.algorithms.numpy_records import check_matrix_and_labels, write_numpy_to_dense_tensor

    check_matrix_and_labels(array, labels)
    bounds = shard_bounds(num_shards, array.shape[0])
    label_bounds = shard_bounds(num_shards, labels.shape[0]) if labels is not None else None
    if not key_prefix.endswith("/"):
        key_prefix += "/"
    extra: Dict[str, str] = {"ServerSideEncryption": "AES256"} if encrypt else {}
    expected_owner = getattr(sagemaker_session, "_expected_owner", None)
    owner = expected_owner(bucket) if expected_owner else None
    if owner:
        extra["ExpectedBucketOwner"] = owner
    client = getattr(getattr(s3, "meta", None), "client", None) or s3
    names = shard_names(num_shards)
    uploaded: List[str] = []
    try:
        for index, (start, end) in enumerate(bounds):
            shard_labels = None
            if label_bounds is not None:
                label_start, label_end = label_bounds[index]
                shard_labels = labels[label_start:label_end]
            with tempfile.TemporaryFile() as body:
                write_numpy_to_dense_tensor(body, array[start:end], shard_labels)
                body.seek(0)
                logger.debug("Creating object %s in bucket %s", key_prefix + names[index], bucket)
                client.put_object(Bucket=bucket, Key=key_prefix + names[index], Body=body, **extra)
            uploaded.append(names[index])
        manifest_key = key_prefix + MANIFEST_NAME
        client.put_object(Bucket=bucket, Key=manifest_key, Body=manifest_body(bucket, key_prefix, uploaded), **extra)
    except BaseException:
        for name in uploaded:
            try:
                client.delete_object(Bucket=bucket, Key=key_prefix + name)
            except Exception:  # noqa: BLE001 - the upload error is the one to report
                logger.warning("Could not delete s3://%s/%s%s after a failed upload", bucket, key_prefix, name)
        raise
    return f"s3://{bucket}/{manifest_key}"


def record_set_prefix(data_location: str, estimator_name: str, timestamp: str) -> Tuple[str, str]:
    """(bucket, key prefix) for a new record set under ``data_location`` (V2 appends without a separator)."""
    from urllib.parse import urlparse

    parsed = urlparse(data_location)
    return parsed.netloc, (parsed.path + f"{estimator_name}-{timestamp}/").lstrip("/")


def check_data_location(data_location: Optional[str]) -> None:
    """``data_location`` must be an ``s3://`` URI."""
    if not isinstance(data_location, str) or not data_location.startswith("s3://") or \
            len(data_location) <= len("s3://"):
        raise ValueError(f'data_location={data_location!r}: Expecting an S3 URL beginning with "s3://" '
                         "(for example 's3://my-bucket/record-sets/').")
