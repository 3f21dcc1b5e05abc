"""V2's ``ApiObject`` value classes of processing (``sagemaker.dataset_definition.inputs``).

An API object keeps its constructor arguments as snake_case attributes and turns
them into the request's UpperCamelCase dict (``to_boto``; ``None`` values are left
out) or back (``from_boto``), as V2's ``sagemaker.apiutils`` does.
"""
from __future__ import annotations

import re
from typing import Any, Dict, Optional, Tuple, Type, TypeVar

_WORD_BOUNDARY = (re.compile(r"(.)([A-Z][a-z]+)"), re.compile(r"([a-z0-9])([A-Z])"))
_Api = TypeVar("_Api", bound="ApiObject")


def to_camel_case(snake_case: str) -> str:
    """``output_s3_uri`` -> ``OutputS3Uri``."""
    return "".join(part.title() for part in snake_case.split("_"))


def to_snake_case(name: str) -> str:
    """``OutputS3Uri`` -> ``output_s3_uri``."""
    first, second = _WORD_BOUNDARY
    return second.sub(r"\1_\2", first.sub(r"\1_\2", name)).lower()


class ApiObject:
    """A value object mirrored on an API shape (V2's ``sagemaker.apiutils._base_types.ApiObject``)."""

    #: member name -> API name where the plain case conversion is wrong
    _custom_boto_names: Dict[str, str] = {}
    #: member name -> (ApiObject subclass, is a collection)
    _custom_boto_types: Dict[str, Tuple[Type["ApiObject"], bool]] = {}

    def __init__(self, **kwargs: Any):
        self.__dict__.update(kwargs)

    @classmethod
    def from_boto(cls: Type[_Api], boto_dict: Optional[Dict[str, Any]], **kwargs: Any) -> Optional[_Api]:
        """An instance from an API dict (None for None)."""
        if boto_dict is None:
            return None
        api_to_member = {api: member for member, api in cls._custom_boto_names.items()}
        values: Dict[str, Any] = {}
        for api_name, value in boto_dict.items():
            if api_name == "ResponseMetadata":
                continue
            member = api_to_member.get(api_name, to_snake_case(api_name))
            if member in cls._custom_boto_types:
                kind, many = cls._custom_boto_types[member]
                if many and isinstance(value, dict):
                    value = {key: kind.from_boto(item) for key, item in value.items()}
                elif many:
                    value = [kind.from_boto(item) for item in value]
                else:
                    value = kind.from_boto(value)
            values[member] = value
        values.update(kwargs)
        return cls(**values)

    @classmethod
    def to_boto(cls, obj: Any) -> Dict[str, Any]:
        """The API dict of ``obj`` (an instance or a dict of member values); None values are left out."""
        members = obj if isinstance(obj, dict) else vars(obj)
        result: Dict[str, Any] = {}
        for member, value in members.items():
            if value is None:
                continue
            api_name = cls._custom_boto_names.get(member, to_camel_case(member))
            kind, many = cls._custom_boto_types.get(member, (None, False))
            if kind is not None and many and isinstance(value, dict):
                value = {key: kind.to_boto(item) for key, item in value.items()}
            elif kind is not None and many and isinstance(value, list):
                value = [kind.to_boto(item) for item in value]
            elif kind is not None:
                value = kind.to_boto(value)
            result[api_name] = value
        return result

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, type(self)) and vars(self) == vars(other)

    def __hash__(self) -> int:
        return hash(tuple(sorted((key, repr(value)) for key, value in vars(self).items())))

    def __repr__(self) -> str:
        return "{}({})".format(type(self).__name__, ",".join(f"{k}={v!r}" for k, v in vars(self).items()))


class RedshiftDatasetDefinition(ApiObject):
    """A Redshift query whose result a processing job reads as an input."""

    # the members (set by ApiObject.__init__; declared for type checkers, no class attributes)
    cluster_id: Optional[str]
    database: Optional[str]
    db_user: Optional[str]
    query_string: Optional[str]
    cluster_role_arn: Optional[str]
    output_s3_uri: Optional[str]
    kms_key_id: Optional[str]
    output_format: Optional[str]
    output_compression: Optional[str]

    def __init__(self, cluster_id: Optional[str] = None, database: Optional[str] = None,
                 db_user: Optional[str] = None, query_string: Optional[str] = None,
                 cluster_role_arn: Optional[str] = None, output_s3_uri: Optional[str] = None,
                 kms_key_id: Optional[str] = None, output_format: Optional[str] = None,
                 output_compression: Optional[str] = None):
        super().__init__(cluster_id=cluster_id, database=database, db_user=db_user, query_string=query_string,
                         cluster_role_arn=cluster_role_arn, output_s3_uri=output_s3_uri, kms_key_id=kms_key_id,
                         output_format=output_format, output_compression=output_compression)


class AthenaDatasetDefinition(ApiObject):
    """An Athena query whose result a processing job reads as an input."""

    # the members (set by ApiObject.__init__; declared for type checkers, no class attributes)
    catalog: Optional[str]
    database: Optional[str]
    query_string: Optional[str]
    output_s3_uri: Optional[str]
    work_group: Optional[str]
    kms_key_id: Optional[str]
    output_format: Optional[str]
    output_compression: Optional[str]

    def __init__(self, catalog: Optional[str] = None, database: Optional[str] = None,
                 query_string: Optional[str] = None, output_s3_uri: Optional[str] = None,
                 work_group: Optional[str] = None, kms_key_id: Optional[str] = None,
                 output_format: Optional[str] = None, output_compression: Optional[str] = None):
        super().__init__(catalog=catalog, database=database, query_string=query_string,
                         output_s3_uri=output_s3_uri, work_group=work_group, kms_key_id=kms_key_id,
                         output_format=output_format, output_compression=output_compression)


class DatasetDefinition(ApiObject):
    """A processing input that comes from an Athena or Redshift query."""

    # the members (set by ApiObject.__init__; declared for type checkers, no class attributes)
    data_distribution_type: str
    input_mode: str
    local_path: Optional[str]
    redshift_dataset_definition: Optional[RedshiftDatasetDefinition]
    athena_dataset_definition: Optional[AthenaDatasetDefinition]

    _custom_boto_types = {
        "redshift_dataset_definition": (RedshiftDatasetDefinition, False),
        "athena_dataset_definition": (AthenaDatasetDefinition, False),
    }

    def __init__(self, data_distribution_type: str = "ShardedByS3Key", input_mode: str = "File",
                 local_path: Optional[str] = None,
                 redshift_dataset_definition: Optional[RedshiftDatasetDefinition] = None,
                 athena_dataset_definition: Optional[AthenaDatasetDefinition] = None):
        super().__init__(data_distribution_type=data_distribution_type, input_mode=input_mode,
                         local_path=local_path, redshift_dataset_definition=redshift_dataset_definition,
                         athena_dataset_definition=athena_dataset_definition)


class S3Input(ApiObject):
    """An S3 input of a processing job (the ``S3Input`` request shape)."""

    # the members (set by ApiObject.__init__; declared for type checkers, no class attributes)
    s3_uri: Optional[str]
    local_path: Optional[str]
    s3_data_type: str
    s3_input_mode: str
    s3_data_distribution_type: str
    s3_compression_type: Optional[str]

    def __init__(self, s3_uri: Optional[str] = None, local_path: Optional[str] = None,
                 s3_data_type: str = "S3Prefix", s3_input_mode: str = "File",
                 s3_data_distribution_type: str = "FullyReplicated", s3_compression_type: Optional[str] = None):
        super().__init__(s3_uri=s3_uri, local_path=local_path, s3_data_type=s3_data_type,
                         s3_input_mode=s3_input_mode, s3_data_distribution_type=s3_data_distribution_type,
                         s3_compression_type=s3_compression_type)


class FeatureStoreOutput(ApiObject):
    """A processing output written to a SageMaker Feature Store feature group (``feature_group_name``)."""

    feature_group_name: Optional[str] = None
