"""V2 import path ``sagemaker.amazon.record_pb2``: the Record message classes (no protobuf runtime needed).

They have the attributes and methods of the generated protobuf classes that
code uses (``Record().ParseFromString(data)``, ``record.features["values"]``,
``SerializeToString()``); see :mod:`sagemaker_estimators.algorithms.record`.
"""
from sagemaker_estimators import _facade
from sagemaker_estimators.algorithms.record import Bytes, Float32Tensor, Float64Tensor, Int32Tensor, Record, Value

_facade.install()

__all__ = ["Bytes", "Float32Tensor", "Float64Tensor", "Int32Tensor", "Record", "Value"]
