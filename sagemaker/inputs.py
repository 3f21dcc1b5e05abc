"""V2 import path ``sagemaker.inputs``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.inputs import (
    BatchDataCaptureConfig,
    CreateModelInput,
    FileSystemInput,
    ShuffleConfig,
    TrainingInput,
    TransformInput,
)

_facade.install()

__all__ = ["TrainingInput", "FileSystemInput", "ShuffleConfig", "TransformInput", "CreateModelInput",
           "BatchDataCaptureConfig"]
