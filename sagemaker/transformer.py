"""V2 import path ``sagemaker.transformer`` (implemented in ``sagemaker_estimators.serving.transformer``)."""
from sagemaker_estimators import _facade
from sagemaker_estimators.serving.transformer import Transformer, _TransformJob

_facade.install()

__all__ = ["Transformer", "_TransformJob"]
