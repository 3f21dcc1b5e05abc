"""V2 import path ``sagemaker.base_predictor``: Predictor, PredictorBase and the SDK v1 aliases."""
import logging

from sagemaker_estimators import _facade

_facade.install()

from sagemaker_estimators.payloads.deserializers import (  # noqa: E402
    BytesDeserializer,
    CSVDeserializer,
    JSONDeserializer,
    NumpyDeserializer,
    StreamDeserializer,
    StringDeserializer,
)
from sagemaker_estimators.serving.inference_configs import DataCaptureConfig  # noqa: E402
from sagemaker_estimators.serving.predictor import Predictor, PredictorBase  # noqa: E402
from sagemaker_estimators.request_builders.hosting import production_variant  # noqa: E402
from sagemaker_estimators.payloads.serializers import (  # noqa: E402
    CSVSerializer,
    IdentitySerializer,
    JSONSerializer,
    NumpySerializer,
)
from sagemaker_estimators.serving.v1_aliases import (  # noqa: E402
    RealTimePredictor,
    csv_deserializer,
    csv_serializer,
    deprecated_deserialize,
    deprecated_serialize,
    json_deserializer,
    json_serializer,
    npy_serializer,
    numpy_deserializer,
    renamed_warning,
)
from sagemaker_estimators.session import Session  # noqa: E402
from sagemaker_estimators.utils import name_from_base  # noqa: E402
from sagemaker_estimators.validation import format_tags  # noqa: E402

#: V2's name of the model-monitor analyzer image repository
DEFAULT_REPOSITORY_NAME = "sagemaker-model-monitor-analyzer"
LOGGER = logging.getLogger("sagemaker")

__all__ = ["Predictor", "PredictorBase", "RealTimePredictor", "csv_serializer", "json_serializer", "npy_serializer",
           "csv_deserializer", "json_deserializer", "numpy_deserializer", "CSVSerializer", "IdentitySerializer",
           "JSONSerializer", "NumpySerializer", "BytesDeserializer", "CSVDeserializer", "JSONDeserializer",
           "NumpyDeserializer", "StreamDeserializer", "StringDeserializer", "DataCaptureConfig", "Session",
           "production_variant", "name_from_base", "format_tags", "deprecated_serialize", "deprecated_deserialize",
           "renamed_warning", "DEFAULT_REPOSITORY_NAME", "LOGGER"]
