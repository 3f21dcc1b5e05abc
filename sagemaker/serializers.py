"""V2 import path ``sagemaker.serializers``: re-exports :mod:`sagemaker_estimators.payloads.serializers`."""
from sagemaker_estimators import _facade

_facade.install()

from sagemaker_estimators.payloads.serializers import (  # noqa: E402
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
from sagemaker_estimators.algorithms.record_serializers import (  # noqa: E402
    RecordSerializer,
    numpy_to_record_serializer,
)

__all__ = [
    "BaseSerializer",
    "CSVSerializer",
    "DataSerializer",
    "IdentitySerializer",
    "JSONLinesSerializer",
    "JSONSerializer",
    "LibSVMSerializer",
    "NumpySerializer",
    "SimpleBaseSerializer",
    "SparseMatrixSerializer",
    "StringSerializer",
    "TorchTensorSerializer",
    "RecordSerializer",
    "numpy_to_record_serializer",
]
