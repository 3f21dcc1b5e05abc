"""V2 import path ``sagemaker.session``."""
from sagemaker_estimators import _facade
from sagemaker_estimators.inputs import FileSystemInput, ShuffleConfig, TrainingInput
from sagemaker_estimators.session import Session, get_execution_role

_facade.install()

#: V1 name of TrainingInput, still importable from sagemaker.session in V2
s3_input = TrainingInput

__all__ = ["Session", "get_execution_role", "TrainingInput", "FileSystemInput", "ShuffleConfig", "s3_input"]
