"""V2 import path ``sagemaker.deserializers``: re-exports :mod:`sagemaker_estimators.payloads.deserializers`."""
from sagemaker_estimators import _facade

_facade.install()

from sagemaker_estimators.payloads.deserializers import (  # noqa: E402
    BaseDeserializer,
    BytesDeserializer,
    CSVDeserializer,
    JSONDeserializer,
    JSONLinesDeserializer,
    NumpyDeserializer,
    PandasDeserializer,
    SimpleBaseDeserializer,
    StreamDeserializer,
    StringDeserializer,
    TorchTensorDeserializer,
)
from sagemaker_estimators.algorithms.record_serializers import (  # noqa: E402
    RecordDeserializer,
    record_deserializer,
)

__all__ = [
    "BaseDeserializer",
    "BytesDeserializer",
    "CSVDeserializer",
    "JSONDeserializer",
    "JSONLinesDeserializer",
    "NumpyDeserializer",
    "PandasDeserializer",
    "SimpleBaseDeserializer",
    "StreamDeserializer",
    "StringDeserializer",
    "TorchTensorDeserializer",
    "RecordDeserializer",
    "record_deserializer",
]
