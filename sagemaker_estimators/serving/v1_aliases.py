"""SDK v1 names that V2 still exports from ``sagemaker.base_predictor`` and ``sagemaker.predictor``.

``csv_serializer``, ``json_serializer``, ``npy_serializer``, ``csv_deserializer``,
``json_deserializer`` and ``numpy_deserializer`` are ready-made (de)serializer
instances that log a "renamed" warning each time they are used;
``RealTimePredictor`` is a Predictor that logs one when it is created.
"""
from __future__ import annotations

import functools
import logging
from typing import Any, Callable

from sagemaker_estimators.payloads.deserializers import CSVDeserializer, JSONDeserializer, NumpyDeserializer
from sagemaker_estimators.serving.predictor import Predictor
from sagemaker_estimators.payloads.serializers import CSVSerializer, JSONSerializer, NumpySerializer

logger = logging.getLogger(__name__)

V2_URL = "https://sagemaker.readthedocs.io/en/stable/v2.html"


def renamed_warning(phrase: str) -> None:
    """Log V2's "<phrase> has been renamed in sagemaker>=2" message."""
    logger.warning("%s has been renamed in sagemaker>=2.\nSee: %s for details.", phrase, V2_URL)


def _warning_on_call(method: Callable[..., Any], name: str) -> Callable[..., Any]:
    @functools.wraps(method)
    def call(*args: Any, **kwargs: Any) -> Any:
        renamed_warning(f"The {name}")
        return method(*args, **kwargs)

    return call


def deprecated_serialize(instance: Any, name: str) -> Any:
    """``instance`` whose ``serialize`` warns that ``name`` was renamed."""
    instance.serialize = _warning_on_call(instance.serialize, name)
    return instance


def deprecated_deserialize(instance: Any, name: str) -> Any:
    """``instance`` whose ``deserialize`` warns that ``name`` was renamed."""
    instance.deserialize = _warning_on_call(instance.deserialize, name)
    return instance


class RealTimePredictor(Predictor):
    """SDK v1 name of :class:`Predictor` (a warning when created)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        renamed_warning("The class RealTimePredictor")
        super().__init__(*args, **kwargs)


csv_serializer = deprecated_serialize(CSVSerializer(), "csv_serializer")
json_serializer = deprecated_serialize(JSONSerializer(), "json_serializer")
npy_serializer = deprecated_serialize(NumpySerializer(), "npy_serializer")
csv_deserializer = deprecated_deserialize(CSVDeserializer(), "csv_deserializer")
json_deserializer = deprecated_deserialize(JSONDeserializer(), "json_deserializer")
numpy_deserializer = deprecated_deserialize(NumpyDeserializer(), "numpy_deserializer")
