"""V2 import path ``sagemaker.base_serializers`` (the serializers of ``sagemaker.serializers``)."""
from sagemaker_estimators import _facade

_facade.install()

from sagemaker_estimators.serving.serializers import (  # noqa: E402
    BaseSerializer,
    CSVSerializer,
    DataSerializer,
    IdentitySerializer,
    JSONLinesSerializer,
    JSONSerializer,
    LibSVMSerializer,
    NumpySerializer,
    SimpleBaseSerializer,
    SparseMatrixSerializer,
    StringSerializer,
    TorchTensorSerializer,
)

__all__ = ["BaseSerializer", "CSVSerializer", "DataSerializer", "IdentitySerializer", "JSONLinesSerializer",
           "JSONSerializer", "LibSVMSerializer", "NumpySerializer", "SimpleBaseSerializer", "SparseMatrixSerializer",
           "StringSerializer", "TorchTensorSerializer"]
