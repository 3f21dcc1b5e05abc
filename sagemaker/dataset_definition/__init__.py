"""V2 import path ``sagemaker.dataset_definition``."""
from sagemaker.dataset_definition.inputs import (  # noqa: F401 - re-exported V2 names
    AthenaDatasetDefinition,
    DatasetDefinition,
    RedshiftDatasetDefinition,
    S3Input,
)
