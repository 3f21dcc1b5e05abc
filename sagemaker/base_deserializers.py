"""V2 import path ``sagemaker.base_deserializers`` (the deserializers of ``sagemaker.deserializers``)."""
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

#: V2 re-exports the RecordIO-protobuf codec here; it loads on first use
__getattr__ = _facade.lazy_names(__name__, {
    "read_records": "sagemaker_estimators.algorithms.numpy_records",
    "RecordDeserializer": "sagemaker_estimators.algorithms.record_serializers",
})

__all__ = ["BaseDeserializer", "BytesDeserializer", "CSVDeserializer", "JSONDeserializer", "JSONLinesDeserializer",
           "NumpyDeserializer", "PandasDeserializer", "SimpleBaseDeserializer", "StreamDeserializer",
           "StringDeserializer", "TorchTensorDeserializer", "RecordDeserializer",
           "read_records"]
