"""The keys a SageMaker defaults config may hold, and their checks.

The key tree and the limits are those of V2's config format (any file V2
accepts is accepted here, any file it refuses is refused), written as a small
tree of check nodes instead of a JSON schema so that no schema library is
needed.  A failed check raises :class:`ConfigValidationError` naming the file
(or other source) and the dotted key.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from sagemaker_estimators.config import keys as k
from sagemaker_estimators.exceptions import SageMakerEstimatorsError


class ConfigValidationError(ValueError, SageMakerEstimatorsError):
    """A SageMaker defaults config that does not follow the format (names the source and the key)."""

    def __init__(self, key: str, problem: str, source: Optional[str] = None):
        self.key = key
        self.problem = problem
        self.source = source
        where = f"{source}: " if source else ""
        super().__init__(f"{where}invalid SageMaker defaults config at key {key or '(top level)'!r}: {problem}")

    def with_source(self, source: str) -> "ConfigValidationError":
        """The same error, naming ``source`` (a file path, an S3 URI or an argument name)."""
        return ConfigValidationError(self.key, self.problem, source)


def _join(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {value}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


class Node:
    """One place in the key tree: checks a value found there."""

    def check(self, value: Any, path: str) -> None:
        raise NotImplementedError

    def json_schema(self) -> Dict[str, Any]:
        """The same rule as a JSON-schema fragment."""
        raise NotImplementedError


class Text(Node):
    """A string; ``pattern`` must be found in it (as a JSON-schema pattern is), lengths in characters."""

    def __init__(self, pattern: Optional[str] = None, min_length: int = 0, max_length: Optional[int] = None,
                 choices: Optional[Sequence[str]] = None, hint: str = ""):
        self.pattern = re.compile(pattern) if pattern else None
        self.min_length = min_length
        self.max_length = max_length
        self.choices = tuple(choices) if choices else None
        self.hint = hint

    def check(self, value: Any, path: str) -> None:
        if not isinstance(value, str):
            quote = " (quote it in YAML)" if isinstance(value, (int, float)) and not isinstance(value, bool) else ""
            raise ConfigValidationError(path, f"expected text{quote}, got {_kind(value)}")
        if self.choices is not None and value not in self.choices:
            raise ConfigValidationError(path, f"{value!r} is not one of {list(self.choices)}")
        if len(value) < self.min_length:
            raise ConfigValidationError(path, f"{value!r} is shorter than {self.min_length} characters")
        if self.max_length is not None and len(value) > self.max_length:
            raise ConfigValidationError(path, f"text longer than {self.max_length} characters")
        if self.pattern is not None and not self.pattern.search(value):
            raise ConfigValidationError(path, f"{value!r} is not {self.hint or 'valid'} "
                                              f"(pattern {self.pattern.pattern!r})")

    def json_schema(self) -> Dict[str, Any]:
        fragment: Dict[str, Any] = {"type": "string"}
        if self.choices is not None:
            fragment["enum"] = list(self.choices)
        if self.min_length:
            fragment["minLength"] = self.min_length
        if self.max_length is not None:
            fragment["maxLength"] = self.max_length
        if self.pattern is not None:
            fragment["pattern"] = self.pattern.pattern
        return fragment


class Flag(Node):
    """true or false."""

    def check(self, value: Any, path: str) -> None:
        if not isinstance(value, bool):
            raise ConfigValidationError(path, f"expected true or false, got {_kind(value)}")

    def json_schema(self) -> Dict[str, Any]:
        return {"type": "boolean"}


class Items(Node):
    """A list of ``item``."""

    def __init__(self, item: Node, min_items: int = 0, max_items: Optional[int] = None):
        self.item = item
        self.min_items = min_items
        self.max_items = max_items

    def check(self, value: Any, path: str) -> None:
        if not isinstance(value, list):
            raise ConfigValidationError(path, f"expected a list, got {_kind(value)}")
        if len(value) < self.min_items:
            raise ConfigValidationError(path, f"expected at least {self.min_items} item(s), got {len(value)}")
        if self.max_items is not None and len(value) > self.max_items:
            raise ConfigValidationError(path, f"expected at most {self.max_items} items, got {len(value)}")
        for index, item in enumerate(value):
            self.item.check(item, f"{path}[{index}]")

    def json_schema(self) -> Dict[str, Any]:
        fragment: Dict[str, Any] = {"type": "array", "items": self.item.json_schema(), "minItems": self.min_items}
        if self.max_items is not None:
            fragment["maxItems"] = self.max_items
        return fragment


class Section(Node):
    """A mapping with named keys; other keys are refused unless ``open``."""

    def __init__(self, fields: Optional[Mapping[str, Node]] = None, required: Sequence[str] = (),
                 open: bool = False):
        self.fields: Dict[str, Node] = dict(fields or {})
        self.required = tuple(required)
        self.open = open

    def check(self, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            raise ConfigValidationError(path, f"expected a mapping of keys, got {_kind(value)}")
        for name in self.required:
            if name not in value:
                raise ConfigValidationError(_join(path, name), "this key is required")
        for name, item in value.items():
            node = self.fields.get(name) if isinstance(name, str) else None
            if node is None:
                if self.open:
                    continue
                raise ConfigValidationError(
                    _join(path, name), f"unknown key; valid keys here: {sorted(self.fields)}")
            node.check(item, _join(path, name))

    def json_schema(self) -> Dict[str, Any]:
        fragment: Dict[str, Any] = {"type": "object", "additionalProperties": self.open}
        if self.fields:
            fragment["properties"] = {name: node.json_schema() for name, node in self.fields.items()}
        if self.required:
            fragment["required"] = list(self.required)
        return fragment


class TextMap(Node):
    """A mapping of names (each must contain a match of ``key_pattern``) to strings (environment, parameters)."""

    def __init__(self, key_pattern: str, max_value_length: Optional[int] = None, max_entries: Optional[int] = None):
        self.key_pattern = re.compile(key_pattern)
        self.value = Text(max_length=max_value_length)
        self.max_entries = max_entries

    def check(self, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            raise ConfigValidationError(path, f"expected a mapping of names to text, got {_kind(value)}")
        if self.max_entries is not None and len(value) > self.max_entries:
            raise ConfigValidationError(path, f"at most {self.max_entries} entries are allowed, got {len(value)}")
        for name, item in value.items():
            if not isinstance(name, str) or not self.key_pattern.search(name):
                raise ConfigValidationError(_join(path, name), "invalid name (letters, digits and '_' expected)")
            self.value.check(item, _join(path, name))

    def json_schema(self) -> Dict[str, Any]:
        fragment: Dict[str, Any] = {"type": "object", "additionalProperties": False,
                                    "patternProperties": {self.key_pattern.pattern: self.value.json_schema()}}
        if self.max_entries is not None:
            fragment["maxProperties"] = self.max_entries
        return fragment


# building blocks (limits are SageMaker's API limits, as in V2's format) ---------------------
def _role() -> Text:
    return Text(r"^arn:aws[a-z\-]*:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+$", 20, 2048, hint="an IAM role ARN")


def _kms() -> Text:
    return Text(max_length=2048)


def _s3_uri() -> Text:
    return Text(r"^(https|s3)://([^/]+)/?(.*)$", max_length=1024, hint="an s3:// URI")


def _vpc() -> Section:
    identifier = Text(r"[-0-9a-zA-Z]+", max_length=32)
    return Section({k.SECURITY_GROUP_IDS: Items(identifier, 1, 5), k.SUBNETS: Items(identifier, 1, 16)})


def _tags() -> Items:
    tag_text = r"^[\w\s\d_.:/=+\-@]*$"
    tag = Section({k.KEY: Text(tag_text, 1, 128, hint="a tag key"),
                   k.VALUE: Text(tag_text, 0, 256, hint="a tag value")}, required=(k.KEY, k.VALUE))
    return Items(tag, 0, 50)


def _env(name_pattern: str, max_value_length: int, max_entries: int) -> TextMap:
    return TextMap(name_pattern, max_value_length, max_entries)


_ENV_NAME = r"([a-zA-Z_][a-zA-Z0-9_]*)"


def _kms_only(name: str = k.KMS_KEY_ID) -> Section:
    return Section({name: _kms()})


def _container() -> Section:
    return Section({k.ENVIRONMENT: _env(_ENV_NAME, 1024, 16)})


def _network(with_isolation: bool = True) -> Section:
    fields: Dict[str, Node] = {k.ENABLE_INTER_CONTAINER_TRAFFIC_ENCRYPTION: Flag(), k.VPC_CONFIG: _vpc()}
    if with_isolation:
        fields[k.ENABLE_NETWORK_ISOLATION] = Flag()
    return Section(fields)


def _transform_definition() -> Section:
    return Section({
        k.ENVIRONMENT: _env(r"[a-zA-Z_][a-zA-Z0-9_]{0,1023}", 10240, 16),
        k.TRANSFORM_OUTPUT: _kms_only(),
        k.TRANSFORM_RESOURCES: _kms_only(k.VOLUME_KMS_KEY_ID),
    })


def _python_sdk_modules() -> Section:
    env_variables = _env(_ENV_NAME, 512, 48)
    return Section({
        k.SESSION: Section({
            k.DEFAULT_S3_BUCKET: Text(r"^[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9]$", 3, 63, hint="an S3 bucket name"),
            k.DEFAULT_S3_OBJECT_KEY_PREFIX: Text(min_length=1, max_length=1024),
        }),
        "ModelTrainer": Section(open=True),
        k.ESTIMATOR: Section({k.DEBUG_HOOK_CONFIG: Flag()}),
        "RemoteFunction": Section({
            "Dependencies": Text(),
            "PreExecutionCommands": Items(Text()),
            "PreExecutionScript": Text(),
            k.ENABLE_INTER_CONTAINER_TRAFFIC_ENCRYPTION: Flag(),
            "EnvironmentVariables": env_variables,
            "ImageUri": Text(),
            "IncludeLocalWorkDir": Flag(),
            "CustomFileFilter": Section({"IgnoreNamePatterns": Items(Text())}),
            "InstanceType": Text(),
            "JobCondaEnvironment": Text(),
            k.ROLE_ARN: _role(),
            "S3KmsKeyId": _kms(),
            "S3RootUri": _s3_uri(),
            k.TAGS: _tags(),
            k.VOLUME_KMS_KEY_ID: _kms(),
            k.VPC_CONFIG: _vpc(),
        }),
        "NotebookJob": Section({
            k.ROLE_ARN: _role(), "S3RootUri": _s3_uri(), "S3KmsKeyId": _kms(),
            k.VOLUME_KMS_KEY_ID: _kms(), k.VPC_CONFIG: _vpc(),
        }),
        "Serve": Section({
            k.ROLE_ARN: _role(), "S3ModelDataUri": _s3_uri(), "InstanceType": Text(),
            "EnvironmentVariables": _env(_ENV_NAME, 512, 48),
        }),
        "TelemetryOptOut": Flag(),
    })


def _processing_input() -> Section:
    return Section({k.DATASET_DEFINITION: Section({
        k.ATHENA_DATASET_DEFINITION: _kms_only(),
        k.REDSHIFT_DATASET_DEFINITION: Section({k.KMS_KEY_ID: _kms(), k.CLUSTER_ROLE_ARN: _role()}),
    })})


def _sagemaker_section() -> Section:
    security = Section({k.ENABLE_INTER_CONTAINER_TRAFFIC_ENCRYPTION: Flag(),
                        k.VOLUME_KMS_KEY_ID: _kms(), k.VPC_CONFIG: _vpc()})
    return Section({
        k.PYTHON_SDK: Section({k.MODULES: _python_sdk_modules()}),
        "FeatureGroup": Section({
            "OfflineStoreConfig": Section({"S3StorageConfig": _kms_only()}),
            "OnlineStoreConfig": Section({"SecurityConfig": _kms_only()}),
            k.ROLE_ARN: _role(),
            k.TAGS: _tags(),
        }),
        "MonitoringSchedule": Section({
            "MonitoringScheduleConfig": Section({"MonitoringJobDefinition": Section({
                k.ENVIRONMENT: _env(_ENV_NAME, 256, 50),
                "MonitoringOutputConfig": _kms_only(),
                "MonitoringResources": Section({k.CLUSTER_CONFIG: _kms_only(k.VOLUME_KMS_KEY_ID)}),
                k.NETWORK_CONFIG: _network(),
                k.ROLE_ARN: _role(),
            })}),
            k.TAGS: _tags(),
        }),
        k.ENDPOINT: Section({k.TAGS: _tags()}),
        k.ENDPOINT_CONFIG: Section({
            k.ASYNC_INFERENCE_CONFIG: Section({k.OUTPUT_CONFIG: _kms_only()}),
            k.DATA_CAPTURE_CONFIG: _kms_only(),
            k.KMS_KEY_ID: _kms(),
            k.PRODUCTION_VARIANTS: Items(Section({k.CORE_DUMP_CONFIG: _kms_only()})),
            k.TAGS: _tags(),
        }),
        "AutoMLJob": Section({
            "AutoMLJobConfig": Section({"SecurityConfig": security}),
            k.OUTPUT_DATA_CONFIG: _kms_only(),
            k.ROLE_ARN: _role(),
            k.TAGS: _tags(),
        }),
        "AutoMLJobV2": Section({
            "SecurityConfig": security,
            k.OUTPUT_DATA_CONFIG: _kms_only(),
            k.ROLE_ARN: _role(),
            k.TAGS: _tags(),
        }),
        k.TRANSFORM_JOB: Section({
            k.DATA_CAPTURE_CONFIG: _kms_only(),
            k.ENVIRONMENT: _env(r"[a-zA-Z_][a-zA-Z0-9_]{0,1023}", 10240, 16),
            k.TRANSFORM_OUTPUT: _kms_only(),
            k.TRANSFORM_RESOURCES: _kms_only(k.VOLUME_KMS_KEY_ID),
            k.TAGS: _tags(),
        }),
        "CompilationJob": Section({
            k.OUTPUT_CONFIG: _kms_only(), k.ROLE_ARN: _role(), k.VPC_CONFIG: _vpc(), k.TAGS: _tags(),
        }),
        "Pipeline": Section({k.ROLE_ARN: _role(), k.TAGS: _tags()}),
        k.MODEL: Section({
            k.CONTAINERS: Items(_container(), 0, 15),
            k.ENABLE_NETWORK_ISOLATION: Flag(),
            k.EXECUTION_ROLE_ARN: _role(),
            k.PRIMARY_CONTAINER: _container(),
            k.VPC_CONFIG: _vpc(),
            k.TAGS: _tags(),
        }),
        "ModelPackage": Section({
            "InferenceSpecification": Section({k.CONTAINERS: Items(_container(), 1, 15)}),
            "ValidationSpecification": Section({
                "ValidationProfiles": Items(Section({"TransformJobDefinition": _transform_definition()}), 1, 1),
                "ValidationRole": _role(),
            }),
        }),
        k.PROCESSING_JOB: Section({
            k.ENVIRONMENT: _env(_ENV_NAME, 256, 100),
            k.NETWORK_CONFIG: _network(),
            k.PROCESSING_INPUTS: Items(_processing_input(), 0, 10),
            k.PROCESSING_OUTPUT_CONFIG: _kms_only(),
            k.PROCESSING_RESOURCES: Section({k.CLUSTER_CONFIG: _kms_only(k.VOLUME_KMS_KEY_ID)}),
            k.ROLE_ARN: _role(),
            k.TAGS: _tags(),
        }),
        k.TRAINING_JOB: Section({
            k.ENABLE_INTER_CONTAINER_TRAFFIC_ENCRYPTION: Flag(),
            k.ENABLE_NETWORK_ISOLATION: Flag(),
            k.ENVIRONMENT: _env(_ENV_NAME, 512, 48),
            k.OUTPUT_DATA_CONFIG: _kms_only(),
            k.RESOURCE_CONFIG: _kms_only(k.VOLUME_KMS_KEY_ID),
            k.PROFILER_CONFIG: Section({k.DISABLE_PROFILER: Flag()}),
            k.ROLE_ARN: _role(),
            k.VPC_CONFIG: _vpc(),
            k.TAGS: _tags(),
        }),
        "EdgePackagingJob": Section({
            k.OUTPUT_CONFIG: _kms_only(), "ResourceKey": _kms(), k.ROLE_ARN: _role(), k.TAGS: _tags(),
        }),
    })


def _document() -> Section:
    return Section({
        k.SCHEMA_VERSION: Text(choices=("1.0",)),
        "CustomParameters": TextMap(r"^[\w\s\d_.:/=+\-@]+$"),
        k.SAGEMAKER: _sagemaker_section(),
    }, required=(k.SCHEMA_VERSION,))


_DOCUMENT: Optional[Section] = None


def validate(config: Any, source: Optional[str] = None) -> None:
    """Raise :class:`ConfigValidationError` (naming ``source`` and the key) unless ``config`` follows the format."""
    global _DOCUMENT
    if _DOCUMENT is None:
        _DOCUMENT = _document()
    try:
        _DOCUMENT.check(config, "")
    except ConfigValidationError as error:
        if source and not error.source:
            raise error.with_source(source) from None
        raise


def json_schema() -> Dict[str, Any]:
    """The format as a JSON schema (draft 2020-12), for tools that validate with a schema library."""
    document = _document().json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **document}


def known_key_paths(node: Optional[Node] = None, path: str = "") -> List[Tuple[str, str]]:
    """Every (dotted key, kind) of the format, for documentation and tests."""
    node = node if node is not None else _document()
    if isinstance(node, Section):
        found: List[Tuple[str, str]] = []
        if node.open:
            found.append((path, "any mapping"))
        for name, child in node.fields.items():
            found.extend(known_key_paths(child, _join(path, name)))
        return found
    if isinstance(node, Items) and isinstance(node.item, Section):
        return [(p, kind) for p, kind in known_key_paths(node.item, path + "[]")]
    return [(path, type(node).__name__)]
