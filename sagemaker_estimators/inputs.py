"""Training and transform inputs (``sagemaker.inputs``): value objects that render request fragments.

Each object keeps the arguments it was built with and exposes V2's ``config``
attribute: the channel (or input) dict as sent in the API request.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional

import attrs

from sagemaker_estimators.exceptions import SageMakerEstimatorsError

FILE_SYSTEM_TYPES = ("FSxLustre", "EFS")
FILE_SYSTEM_ACCESS_MODES = ("ro", "rw")
S3_DATA_TYPES = ("ManifestFile", "S3Prefix", "AugmentedManifestFile", "Converse")
DISTRIBUTIONS = ("FullyReplicated", "ShardedByS3Key")
INPUT_MODES = ("File", "Pipe", "FastFile")
COMPRESSION_TYPES = ("None", "Gzip")
RECORD_WRAPPINGS = ("None", "RecordIO")


def _one_of(parameter: str, choices: tuple):
    def check(_instance, _attribute, value):
        if value is not None and value not in choices:
            raise ValueError(f"{parameter}={value!r} is not valid; valid values: {', '.join(choices)}.")

    return check


def _optional_str(parameter: str):
    def check(_instance, _attribute, value):
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{parameter} must be a str, got {type(value).__name__}: {value!r}")

    return check


class ShuffleConfigTypeError(TypeError, AttributeError, SageMakerEstimatorsError):
    """``shuffle_config`` is not a ShuffleConfig (V2 raised AttributeError for it: both catch it)."""


def _str_list(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value)


@attrs.define
class ShuffleConfig:
    """Shuffle seed for a channel in Pipe mode."""

    seed: int


@attrs.define
class TrainingInput:
    """An S3 data channel for a training job.

    Args mirror V2: ``s3_data`` (an ``s3://`` URI, or a ``file://`` URI in local
    mode), ``distribution`` (FullyReplicated | ShardedByS3Key), ``compression``
    (None | Gzip), ``content_type``, ``record_wrapping`` (None | RecordIO),
    ``s3_data_type`` (S3Prefix | ManifestFile | AugmentedManifestFile),
    ``instance_groups``, ``input_mode`` (File | Pipe | FastFile, overrides the
    estimator's), ``attribute_names``, ``target_attribute_name``,
    ``shuffle_config``, ``hub_access_config``, ``model_access_config``.
    """

    s3_data: str = attrs.field(validator=_optional_str("s3_data"))
    distribution: Optional[str] = attrs.field(default=None, validator=_one_of("distribution", DISTRIBUTIONS))
    compression: Optional[str] = attrs.field(default=None, validator=_one_of("compression", COMPRESSION_TYPES))
    content_type: Optional[str] = attrs.field(default=None, validator=_optional_str("content_type"))
    record_wrapping: Optional[str] = attrs.field(
        default=None, validator=_one_of("record_wrapping", RECORD_WRAPPINGS)
    )
    s3_data_type: str = attrs.field(default="S3Prefix", validator=_one_of("s3_data_type", S3_DATA_TYPES))
    instance_groups: Optional[List[str]] = None
    input_mode: Optional[str] = attrs.field(default=None, validator=_one_of("input_mode", INPUT_MODES))
    attribute_names: Optional[List[str]] = None
    target_attribute_name: Optional[str] = None
    shuffle_config: Optional[ShuffleConfig] = None
    hub_access_config: Optional[Dict[str, Any]] = None
    model_access_config: Optional[Dict[str, Any]] = None
    #: the Channel dict sent in CreateTrainingJob (without ChannelName)
    config: Dict[str, Any] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        source: Dict[str, Any] = {"S3DataType": self.s3_data_type, "S3Uri": self.s3_data}
        self.config = {"DataSource": {"S3DataSource": source}}
        distribution = self.distribution
        if distribution is None and not self.target_attribute_name:
            distribution = "FullyReplicated"
        if distribution is not None:
            source["S3DataDistributionType"] = distribution
        if self.compression is not None:
            self.config["CompressionType"] = self.compression
        if self.content_type is not None:
            self.config["ContentType"] = self.content_type
        if self.record_wrapping is not None:
            self.config["RecordWrapperType"] = self.record_wrapping
        if self.instance_groups is not None:
            source["InstanceGroupNames"] = self.instance_groups
        if self.input_mode is not None:
            self.config["InputMode"] = self.input_mode
        if self.attribute_names is not None:
            source["AttributeNames"] = self.attribute_names
        if self.target_attribute_name is not None:
            self.config["TargetAttributeName"] = self.target_attribute_name
        if self.shuffle_config is not None:
            if not hasattr(self.shuffle_config, "seed"):
                raise ShuffleConfigTypeError(
                    f"shuffle_config must be a ShuffleConfig (e.g. ShuffleConfig(seed=1)), got "
                    f"{type(self.shuffle_config).__name__}: {self.shuffle_config!r}"
                )
            self.config["ShuffleConfig"] = {"Seed": self.shuffle_config.seed}
        self.add_hub_access_config(self.hub_access_config)
        self.add_model_access_config(self.model_access_config)

    def check_request_fields(self, where: str = "TrainingInput") -> None:
        """Raise TypeError for values V2 accepts here but the CreateTrainingJob request never could
        (called by ``fit()`` before anything is uploaded)."""
        for parameter in ("attribute_names", "instance_groups"):
            value = getattr(self, parameter)
            if value is not None and not _str_list(value):
                raise TypeError(
                    f"{where}: TrainingInput({parameter}={value!r}) must be a list of str, e.g. "
                    f"{[part.strip() for part in value.split(',')] if isinstance(value, str) else ['name']!r}"
                )

    def add_hub_access_config(self, hub_access_config: Optional[Dict[str, Any]] = None) -> None:
        """Attach a JumpStart hub access config to the S3 data source."""
        if hub_access_config is not None:
            self.config["DataSource"]["S3DataSource"]["HubAccessConfig"] = hub_access_config

    def add_model_access_config(self, model_access_config: Optional[Dict[str, Any]] = None) -> None:
        """Attach a model access config (EULA acceptance) to the S3 data source."""
        if model_access_config is not None:
            self.config["DataSource"]["S3DataSource"]["ModelAccessConfig"] = model_access_config


@attrs.define
class FileSystemInput:
    """An EFS or FSx for Lustre data channel."""

    file_system_id: str
    file_system_type: str = attrs.field(validator=_one_of("file_system_type", FILE_SYSTEM_TYPES))
    directory_path: str
    file_system_access_mode: str = attrs.field(
        default="ro", validator=_one_of("file_system_access_mode", FILE_SYSTEM_ACCESS_MODES)
    )
    content_type: Optional[str] = None
    config: Dict[str, Any] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        self.config = {
            "DataSource": {
                "FileSystemDataSource": {
                    "FileSystemId": self.file_system_id,
                    "FileSystemType": self.file_system_type,
                    "DirectoryPath": self.directory_path,
                    "FileSystemAccessMode": self.file_system_access_mode,
                }
            }
        }
        if self.content_type:
            self.config["ContentType"] = self.content_type


@attrs.define
class TransformInput:
    """Arguments of a batch transform's input, as V2's ``sagemaker.inputs.TransformInput``."""

    data: str
    data_type: str = "S3Prefix"
    content_type: Optional[str] = None
    compression_type: Optional[str] = None
    split_type: Optional[str] = None
    input_filter: Optional[str] = None
    output_filter: Optional[str] = None
    join_source: Optional[str] = None
    model_client_config: Optional[Dict[str, Any]] = None
    batch_data_capture_config: Optional[Dict[str, Any]] = None


@attrs.define
class CreateModelInput:
    """Arguments of CreateModel steps (kept for V2 import compatibility)."""

    instance_type: Optional[str] = None
    accelerator_type: Optional[str] = None


@attrs.define
class BatchDataCaptureConfig:
    """Where a transform job captures its inputs and outputs."""

    destination_s3_uri: str
    kms_key_id: Optional[str] = None
    generate_inference_id: Optional[bool] = None

    def _to_request_dict(self) -> Dict[str, Any]:
        request: Dict[str, Any] = {"DestinationS3Uri": self.destination_s3_uri}
        if self.kms_key_id is not None:
            request["KmsKeyId"] = self.kms_key_id
        if self.generate_inference_id is not None:
            request["GenerateInferenceId"] = self.generate_inference_id
        return request


@attrs.define
class LocalFileInput:
    """A ``file://`` channel (local mode only), V2's ``sagemaker.local.local_session.file_input``."""

    fileUri: str  # noqa: N815 - V2's attribute name
    content_type: Optional[str] = None
    config: Dict[str, Any] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        self.config = {
            "DataSource": {
                "FileDataSource": {"FileDataDistributionType": "FullyReplicated", "FileUri": self.fileUri}
            }
        }
        if self.content_type is not None:
            self.config["ContentType"] = self.content_type
