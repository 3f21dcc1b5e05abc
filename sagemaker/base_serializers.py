"""V2 import path ``sagemaker.base_serializers`` (the serializers of ``sagemaker.serializers``)."""
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

#: V2 re-exports the RecordIO-protobuf codec here; it loads on first use
__getattr__ = _facade.lazy_names(__name__, {
    "write_numpy_to_dense_tensor": "sagemaker_estimators.algorithms.numpy_records",
    "RecordSerializer": "sagemaker_estimators.algorithms.record_serializers",
})

__all__ = ["BaseSerializer", "CSVSerializer", "DataSerializer", "IdentitySerializer", "JSONLinesSerializer",
           "JSONSerializer", "LibSVMSerializer", "NumpySerializer", "SimpleBaseSerializer", "SparseMatrixSerializer",
           "StringSerializer", "TorchTensorSerializer", "RecordSerializer",
           "write_numpy_to_dense_tensor"]
