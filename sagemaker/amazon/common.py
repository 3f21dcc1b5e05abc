"""V2 import path ``sagemaker.amazon.common``: RecordIO-protobuf helpers and the record (de)serializers."""
from sagemaker_estimators import _facade
from sagemaker_estimators.algorithms.numpy_records import (
    read_records,
    write_numpy_to_dense_tensor,
    write_spmatrix_to_sparse_tensor,
)
from sagemaker_estimators.algorithms.record_serializers import RecordDeserializer, RecordSerializer
from sagemaker_estimators.algorithms.recordio import read_recordio
from sagemaker_estimators.algorithms.recordio import write_recordio as _write_recordio

_facade.install()

__all__ = [
    "RecordDeserializer",
    "RecordSerializer",
    "read_recordio",
    "read_records",
    "write_numpy_to_dense_tensor",
    "write_spmatrix_to_sparse_tensor",
]
