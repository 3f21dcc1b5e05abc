"""Argument checks for deploy, predict and batch transform (run before any AWS call)."""
from __future__ import annotations

from typing import Any, Dict, Optional

from sagemaker_estimators import utils
from sagemaker_estimators.validation import (
    check_choice,
    check_instance_type,
    check_positive_int,
    check_s3_uri,
    check_str_mapping,
)

BATCH_STRATEGIES = ("MultiRecord", "SingleRecord")
ASSEMBLE_WITH = ("Line", "None")
DATA_TYPES = ("S3Prefix", "ManifestFile", "AugmentedManifestFile")
SPLIT_TYPES = ("None", "Line", "RecordIO", "TFRecord")
COMPRESSION_TYPES = ("None", "Gzip")
JOIN_SOURCES = ("Input", "None")


def check_model_data(model_data: Any) -> None:
    """``model_data``: None, an ``s3://``/``https://``/``file://`` URI or a local path (what V2 takes),
    or an S3DataSource dict."""
    if model_data is None:
        return
    if isinstance(model_data, dict):
        source = model_data.get("S3DataSource")
        if not isinstance(source, dict) or not isinstance(source.get("S3Uri"), str):
            raise ValueError(
                f"model_data={model_data!r}: a dict model_data must be a ModelDataSource "
                "{'S3DataSource': {'S3Uri': 's3://...', 'S3DataType': ..., 'CompressionType': ...}}."
            )
        return
    if not isinstance(model_data, str):
        raise TypeError(f"model_data must be a str URI or an S3DataSource dict, got {type(model_data).__name__}: "
                        f"{model_data!r}")
    scheme = model_data.split("://", 1)[0].lower() if "://" in model_data else None
    if not model_data or scheme not in (None, "s3", "https", "file") or model_data.lower() in ("s3://", "https://") \
            or model_data[len("s3://"):].startswith("/") and scheme == "s3":
        raise ValueError(
            f"model_data={model_data!r} is not a model archive location: expected 's3://bucket/.../model.tar.gz', "
            "an https:// URL, a local path or 'file://' URI (local mode, or repacked with an entry_point), or an "
            "S3DataSource dict for uncompressed model data."
        )


def check_serializer(name: str, value: Any) -> None:
    """A serializer needs ``serialize(data)`` and ``CONTENT_TYPE``."""
    if value is None:
        return
    if isinstance(value, type) or not callable(getattr(value, "serialize", None)) or \
            not hasattr(value, "CONTENT_TYPE"):
        raise TypeError(
            f"{name}={value!r} is not a serializer instance: use one of sagemaker.serializers (e.g. "
            "CSVSerializer(), JSONSerializer(), NumpySerializer(), IdentitySerializer()) or an object with "
            "serialize(data) and CONTENT_TYPE."
        )


def check_deserializer(name: str, value: Any) -> None:
    """A deserializer needs ``deserialize(stream, content_type)`` and ``ACCEPT``."""
    if value is None:
        return
    if isinstance(value, type) or not callable(getattr(value, "deserialize", None)) or \
            not hasattr(value, "ACCEPT"):
        raise TypeError(
            f"{name}={value!r} is not a deserializer instance: use one of sagemaker.deserializers (e.g. "
            "JSONDeserializer(), CSVDeserializer(), NumpyDeserializer(), BytesDeserializer()) or an object "
            "with deserialize(stream, content_type) and ACCEPT."
        )


def _check_config_object(name: str, value: Any) -> None:
    if value is not None and not callable(getattr(value, "_to_request_dict", None)):
        raise TypeError(f"{name}={value!r} must be a {name.title().replace('_', '')} object "
                        "(it needs _to_request_dict()).")


def check_deploy_arguments(initial_instance_count: Any = None, instance_type: Any = None, serializer: Any = None,
                           deserializer: Any = None, endpoint_name: Any = None,
                           serverless_inference_config: Any = None, async_inference_config: Any = None,
                           data_capture_config: Any = None, explainer_config: Any = None,
                           volume_size: Any = None, require_resources: bool = True) -> None:
    """Everything deploy() can check without AWS; raises TypeError/ValueError naming the argument."""
    check_positive_int("initial_instance_count", initial_instance_count)
    check_instance_type("instance_type", instance_type)
    check_positive_int("volume_size", volume_size)
    if require_resources and serverless_inference_config is None and not (instance_type and initial_instance_count):
        raise ValueError(
            "Must specify instance type and instance count unless using serverless inference "
            f"(got initial_instance_count={initial_instance_count!r}, instance_type={instance_type!r})."
        )
    check_serializer("serializer", serializer)
    check_deserializer("deserializer", deserializer)
    if endpoint_name is not None:
        utils.validate_name(endpoint_name, "endpoint_name")
    _check_config_object("serverless_inference_config", serverless_inference_config)
    _check_config_object("async_inference_config", async_inference_config)
    _check_config_object("data_capture_config", data_capture_config)
    _check_config_object("explainer_config", explainer_config)


def check_transform_resources(instance_count: Any, instance_type: Any, strategy: Optional[str] = None,
                              assemble_with: Optional[str] = None, output_path: Optional[str] = None,
                              env: Optional[Dict[str, str]] = None, max_concurrent_transforms: Any = None,
                              max_payload: Any = None) -> None:
    """Transformer settings: positive instance count, known instance type and choices."""
    if instance_count is None:
        raise ValueError("instance_count is required for batch transform (an int >= 1).")
    check_positive_int("instance_count", instance_count)
    if instance_type is None:
        raise ValueError("instance_type is required for batch transform (e.g. 'ml.m5.xlarge' or 'local').")
    check_instance_type("instance_type", instance_type)
    check_choice("strategy", strategy, BATCH_STRATEGIES)
    check_choice("assemble_with", assemble_with, ASSEMBLE_WITH)
    check_s3_uri("output_path", output_path, allow_file=True)
    check_str_mapping("env", env)
    check_positive_int("max_concurrent_transforms", max_concurrent_transforms)
    check_positive_int("max_payload", max_payload, minimum=0)


def check_transform_input(data: Any, local_mode: bool, data_type: str, content_type: Optional[str],
                          compression_type: Optional[str], split_type: Optional[str],
                          join_source: Optional[str], job_name: Optional[str]) -> None:
    """transform() arguments: S3 data (file:// in local mode) and V2's valid choices."""
    if not isinstance(data, str):
        raise TypeError(f"data must be an S3 URI str, got {type(data).__name__}: {data!r}")
    if local_mode:
        check_s3_uri("data", data, allow_file=True)
    elif not data.startswith("s3://"):
        raise ValueError(f"Invalid S3 URI: {data} (data must start with 's3://'; file:// needs local mode)")
    check_choice("data_type", data_type, DATA_TYPES)
    check_choice("compression_type", compression_type, COMPRESSION_TYPES)
    check_choice("split_type", split_type, SPLIT_TYPES)
    check_choice("join_source", join_source, JOIN_SOURCES)
    if content_type is not None and not isinstance(content_type, str):
        raise TypeError(f"content_type must be a str, got {content_type!r}")
    if job_name is not None:
        utils.validate_name(job_name, "job_name")
