"""``ProcessingInput``, ``ProcessingOutput`` and ``RunArgs`` (``sagemaker.processing``).

They keep V2's attributes (code reads and even mutates ``source``/``destination``)
and produce V2's request dicts; :mod:`.validation` checks them before a run.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional

import attrs

from sagemaker_estimators.processing.dataset_definition import DatasetDefinition, FeatureStoreOutput, S3Input


class ProcessingInput:
    """An input of a processing job: an S3 (or local, uploaded by ``run()``) source copied to
    ``destination`` under ``/opt/ml/processing``, or a ``dataset_definition`` query.

    Args:
        source: ``s3://`` URI, or a local path (``run()`` uploads it; kept local in local mode).
        destination: where the job sees it, under ``/opt/ml/processing``.
        input_name: the input's name (``input-<n>`` when not given).
        s3_data_type: ``S3Prefix`` or ``ManifestFile``.
        s3_input_mode: ``File``, ``Pipe`` or ``FastFile``.
        s3_data_distribution_type: ``FullyReplicated`` or ``ShardedByS3Key``.
        s3_compression_type: ``None`` or ``Gzip`` (Pipe mode only).
        s3_input: an :class:`S3Input` instead of the ``s3_*`` arguments (its values win).
        dataset_definition: a :class:`DatasetDefinition` (Athena or Redshift) input.
        app_managed: whether the application manages the input.
    """

    def __init__(
        self,
        source: Optional[str] = None,
        destination: Optional[str] = None,
        input_name: Optional[str] = None,
        s3_data_type: str = "S3Prefix",
        s3_input_mode: str = "File",
        s3_data_distribution_type: str = "FullyReplicated",
        s3_compression_type: str = "None",
        s3_input: Optional[S3Input] = None,
        dataset_definition: Optional[DatasetDefinition] = None,
        app_managed: bool = False,
    ):
        self.source = source
        self.destination = destination
        self.input_name = input_name
        self.s3_data_type = s3_data_type
        self.s3_input_mode = s3_input_mode
        self.s3_data_distribution_type = s3_data_distribution_type
        self.s3_compression_type = s3_compression_type
        self.s3_input = s3_input
        self.dataset_definition = dataset_definition
        self.app_managed = app_managed
        if s3_input is not None:
            # the S3Input is the truth; the flat attributes mirror it (V2 code reads them)
            self.source = s3_input.s3_uri
            self.destination = s3_input.local_path
            self.s3_data_type = s3_input.s3_data_type
            self.s3_input_mode = s3_input.s3_input_mode
            self.s3_data_distribution_type = s3_input.s3_data_distribution_type
        elif source is not None and destination is not None:
            self.s3_input = S3Input(
                s3_uri=source,
                local_path=destination,
                s3_data_type=s3_data_type,
                s3_input_mode=s3_input_mode,
                s3_data_distribution_type=s3_data_distribution_type,
                s3_compression_type=s3_compression_type,
            )

    @property
    def container_path(self) -> Optional[str]:
        """Where the job sees this input (the S3 input's or the dataset definition's local path)."""
        if self.s3_input is not None:
            return self.s3_input.local_path
        if self.dataset_definition is not None:
            return self.dataset_definition.local_path
        return self.destination

    def _to_request_dict(self) -> Dict[str, Any]:
        """The ``ProcessingInputs`` entry."""
        request: Dict[str, Any] = {"InputName": self.input_name, "AppManaged": self.app_managed}
        if self.s3_input:
            if self.s3_input.s3_compression_type == "Gzip" and self.s3_input.s3_input_mode != "Pipe":
                raise ValueError("Data can only be gzipped when the input mode is Pipe.")
            request["S3Input"] = S3Input.to_boto(self.s3_input)
        if self.dataset_definition is not None:
            request["DatasetDefinition"] = DatasetDefinition.to_boto(self.dataset_definition)
        return request

    def __repr__(self) -> str:
        return (f"ProcessingInput(input_name={self.input_name!r}, source={self.source!r}, "
                f"destination={self.destination!r})")


class ProcessingOutput:
    """An output of a processing job: ``source`` (under ``/opt/ml/processing``) copied to ``destination``.

    Args:
        source: the directory the job writes, under ``/opt/ml/processing``.
        destination: ``s3://`` URI (``s3://<default bucket>/<job>/output/<name>`` when not given;
            ``file://`` in local mode).
        output_name: the output's name (``output-<n>`` when not given).
        s3_upload_mode: ``EndOfJob`` or ``Continuous``.
        app_managed: whether the application manages the output.
        feature_store_output: a :class:`FeatureStoreOutput` instead of an S3 output.
    """

    def __init__(
        self,
        source: Optional[str] = None,
        destination: Optional[str] = None,
        output_name: Optional[str] = None,
        s3_upload_mode: str = "EndOfJob",
        app_managed: bool = False,
        feature_store_output: Optional[FeatureStoreOutput] = None,
    ):
        self.source = source
        self.destination = destination
        self.output_name = output_name
        self.s3_upload_mode = s3_upload_mode
        self.app_managed = app_managed
        self.feature_store_output = feature_store_output

    def _to_request_dict(self) -> Dict[str, Any]:
        """The ``ProcessingOutputConfig.Outputs`` entry."""
        request: Dict[str, Any] = {"OutputName": self.output_name, "AppManaged": self.app_managed}
        if self.source is not None:
            request["S3Output"] = {"S3Uri": self.destination, "LocalPath": self.source,
                                   "S3UploadMode": self.s3_upload_mode}
        if self.feature_store_output is not None:
            request["FeatureStoreOutput"] = FeatureStoreOutput.to_boto(self.feature_store_output)
        return request

    def __repr__(self) -> str:
        return (f"ProcessingOutput(output_name={self.output_name!r}, source={self.source!r}, "
                f"destination={self.destination!r})")


@attrs.define
class RunArgs:
    """What ``get_run_args()`` returns: the normalised ``run()`` arguments of a script processor."""

    code: str
    inputs: Optional[List[ProcessingInput]] = None
    outputs: Optional[List[ProcessingOutput]] = None
    arguments: Optional[List[str]] = None
