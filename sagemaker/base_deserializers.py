"""V2 import path ``sagemaker.base_deserializers`` (the deserializers of ``sagemaker.deserializers``)."""
from sagemaker_estimators import _facade

_facade.install()

from sagemaker_estimators.serving.deserializers import (  # noqa: E402
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

__all__ = ["BaseDeserializer", "BytesDeserializer", "CSVDeserializer", "JSONDeserializer", "JSONLinesDeserializer",
           "NumpyDeserializer", "PandasDeserializer", "SimpleBaseDeserializer", "StreamDeserializer",
           "StringDeserializer", "TorchTensorDeserializer"]
