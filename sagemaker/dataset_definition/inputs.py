"""V2 import path ``sagemaker.dataset_definition.inputs``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.processing.dataset_definition import (
    ApiObject,
    AthenaDatasetDefinition,
    DatasetDefinition,
    RedshiftDatasetDefinition,
    S3Input,
)

_facade.install()

__all__ = ["ApiObject", "AthenaDatasetDefinition", "DatasetDefinition", "RedshiftDatasetDefinition", "S3Input"]
