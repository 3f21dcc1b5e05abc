"""``RecordSerializer`` and ``RecordDeserializer``: the built-in algorithms' default request and response codecs.

V2 import paths: ``sagemaker.serializers``, ``sagemaker.deserializers`` and ``sagemaker.amazon.common``.
"""
from __future__ import annotations

import io
from typing import Any, List, Type, TypeVar

from sagemaker_estimators.algorithms.record import Record
from sagemaker_estimators.payloads.deserializers import SimpleBaseDeserializer
from sagemaker_estimators.payloads.serializers import SimpleBaseSerializer

RECORDIO_PROTOBUF = "application/x-recordio-protobuf"


class RecordSerializer(SimpleBaseSerializer):
    """A numpy array as RecordIO-protobuf records, one per row (a 1-D array is one row)."""

    def __init__(self, content_type: str = RECORDIO_PROTOBUF):
        """``content_type`` is sent as the request's ``Content-Type``."""
        super().__init__(content_type=content_type)

    def serialize(self, data: Any) -> io.BytesIO:
        """A buffer holding the records of ``data`` (a list is converted with ``numpy.asarray``)."""
        from sagemaker_estimators.algorithms.numpy_records import write_numpy_to_dense_tensor

        if not hasattr(data, "shape"):
            import numpy as np

            data = np.asarray(data)
        if len(data.shape) == 1:
            data = data.reshape(1, data.shape[0])
        if len(data.shape) != 2:
            raise ValueError(f"Expected a 1D or 2D array, but got a {len(data.shape)}D array instead.")
        buffer = io.BytesIO()
        write_numpy_to_dense_tensor(buffer, data)
        buffer.seek(0)
        return buffer


class RecordDeserializer(SimpleBaseDeserializer):
    """RecordIO-protobuf response bodies as a list of :class:`~sagemaker_estimators.algorithms.record.Record`."""

    def __init__(self, accept: Any = RECORDIO_PROTOBUF):
        """``accept`` is sent as the request's ``Accept``."""
        super().__init__(accept=accept)

    def deserialize(self, stream: Any, content_type: str) -> List[Record]:
        """Read every record of ``stream`` and close it."""
        from sagemaker_estimators.algorithms.numpy_records import read_records

        try:
            if isinstance(stream, (bytes, bytearray)):
                return read_records(io.BytesIO(stream))
            return read_records(stream)
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()


_Renamed = TypeVar("_Renamed")


def _renamed(cls: Type[_Renamed], old_name: str) -> Type[_Renamed]:
    """A V1 name of ``cls`` that logs V2's "has been renamed" message when used."""
    import logging

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        logging.getLogger(__name__).warning(
            "The class %s has been renamed in sagemaker>=2.\nSee: https://sagemaker.readthedocs.io/en/stable/"
            "v2.html for details.", old_name)
        cls.__init__(self, *args, **kwargs)

    return type(old_name, (cls,), {"__init__": __init__, "__module__": __name__,
                                   "__doc__": f"V1 name of :class:`{cls.__name__}` (deprecated)."})


#: SDK v1 names, still importable from ``sagemaker.serializers`` / ``sagemaker.deserializers`` in V2
numpy_to_record_serializer = _renamed(RecordSerializer, "numpy_to_record_serializer")
record_deserializer = _renamed(RecordDeserializer, "record_deserializer")
