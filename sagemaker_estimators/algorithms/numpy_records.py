"""numpy / scipy matrices <-> RecordIO-protobuf (``sagemaker.amazon.common``, ``sagemaker.serializer_utils``).

Each row becomes one :class:`~sagemaker_estimators.algorithms.record.Record` whose
feature ``"values"`` holds the row (sparse rows add ``keys`` and ``shape``) and,
with labels, whose label ``"values"`` holds the row's label; the tensor type
follows the dtype (float32 -> Float32Tensor, float64 -> Float64Tensor, integers ->
Int32Tensor).  The bytes equal V2's for every input V2 accepts.  numpy and scipy
are imported only when a function here runs.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, BinaryIO, Dict, List, Optional, Type

from sagemaker_estimators.algorithms.record import Float32Tensor, Float64Tensor, Int32Tensor, Record, Value
from sagemaker_estimators.algorithms.recordio import read_recordio, write_recordio

if TYPE_CHECKING:
    from sagemaker_estimators.algorithms.record import _Tensor

__all__ = ["write_numpy_to_dense_tensor", "write_spmatrix_to_sparse_tensor", "read_records", "read_recordio"]

_MEMBER: Dict[Type[_Tensor], str] = {Float32Tensor: "float32_tensor", Float64Tensor: "float64_tensor", Int32Tensor: "int32_tensor"}


def tensor_type(dtype: Any, parameter: str) -> Type[_Tensor]:
    """The tensor class for a numpy dtype; ValueError naming ``parameter`` for other dtypes."""
    import numpy as np

    dtype = np.dtype(dtype)
    if dtype == np.float32:
        return Float32Tensor
    if dtype == np.float64:
        return Float64Tensor
    if np.issubdtype(dtype, np.integer):
        return Int32Tensor  # V2 takes int64 only; smaller integer types fit as well
    raise ValueError(f"Unsupported dtype {dtype} on {parameter}: use float32, float64 or an integer dtype "
                     "(integers are written as int32).")


def check_matrix_and_labels(array: Any, labels: Any) -> None:
    """V2's shape rules: ``array`` 2-D, ``labels`` 1-D with one label per row (ValueError otherwise)."""
    shape = getattr(array, "shape", None)
    if shape is None or len(shape) != 2:
        raise ValueError(f"Array must be a Matrix: array must be 2-D (rows x features), got shape {shape}.")
    if labels is None:
        return
    label_shape = getattr(labels, "shape", None)
    if label_shape is None or len(label_shape) != 1:
        raise ValueError(f"Labels must be a Vector: labels must be 1-D, got shape {label_shape}.")
    # V2 accepts a label vector as long as either dimension of the array; a shorter one than the
    # number of rows would fail half-way through writing, so it is refused here, before any byte.
    if label_shape[0] not in shape or label_shape[0] < shape[0]:
        raise ValueError(f"Label shape {label_shape} not compatible with array shape {shape}: "
                         "labels needs one value per row of array.")


def _label_value(tensor: Type[_Tensor], label: Any) -> Value:
    return Value(**{_MEMBER[tensor]: tensor(values=[label.item() if hasattr(label, "item") else label])})


def write_numpy_to_dense_tensor(file: BinaryIO, array: Any, labels: Any = None) -> None:
    """Write each row of the 2-D ndarray ``array`` (and its label) to ``file`` as a RecordIO Record."""
    check_matrix_and_labels(array, labels)
    label_tensor = tensor_type(labels.dtype, "labels") if labels is not None else None
    tensor = tensor_type(array.dtype, "array")
    member = _MEMBER[tensor]
    for index in range(array.shape[0]):
        record = Record(features={"values": Value(**{member: tensor(values=array[index])})})
        if label_tensor is not None:
            record.label["values"] = _label_value(label_tensor, labels[index])
        write_recordio(file, record.SerializeToString())


def write_spmatrix_to_sparse_tensor(file: BinaryIO, array: Any, labels: Any = None) -> None:
    """Write each row of the scipy sparse matrix ``array`` to ``file`` as a sparse RecordIO Record.

    A row's stored entries go to ``values`` and their column indices to ``keys``
    (in CSR order); ``shape`` is the number of columns.
    """
    try:
        from scipy import sparse
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("write_spmatrix_to_sparse_tensor needs scipy: pip install scipy") from error
    if not sparse.issparse(array):
        raise TypeError(f"Array must be sparse: array must be a scipy.sparse matrix, got {type(array).__name__}.")
    check_matrix_and_labels(array, labels)
    label_tensor = tensor_type(labels.dtype, "labels") if labels is not None else None
    tensor = tensor_type(array.dtype, "array")
    member = _MEMBER[tensor]
    csr = array.tocsr()
    n_rows, n_cols = csr.shape
    for row in range(n_rows):
        start, end = csr.indptr[row], csr.indptr[row + 1]
        values = tensor(values=csr.data[start:end], keys=csr.indices[start:end], shape=[n_cols])
        record = Record(features={"values": Value(**{member: values})})
        if label_tensor is not None:
            record.label["values"] = _label_value(label_tensor, labels[row])
        write_recordio(file, record.SerializeToString())


def read_records(file: BinaryIO) -> List[Record]:
    """Every Record in the RecordIO stream ``file``."""
    return [Record.FromString(payload) for payload in read_recordio(file)]


def records_to_bytes(array: Any, labels: Optional[Any] = None) -> bytes:
    """The RecordIO bytes of a dense ndarray (what the record-set uploader and the serializer send)."""
    import io

    buffer = io.BytesIO()
    write_numpy_to_dense_tensor(buffer, array, labels)
    return buffer.getvalue()
