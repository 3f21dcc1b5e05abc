"""``PyTorchProcessor`` (``sagemaker.pytorch.processing``): processing scripts in the PyTorch image."""
from __future__ import annotations

from sagemaker_estimators.frameworks.pytorch.estimator import PyTorch
from sagemaker_estimators.processing.framework_processor import VersionedFrameworkProcessor


class PyTorchProcessor(VersionedFrameworkProcessor):
    """Runs a processing script bundle in the PyTorch training image of ``framework_version``."""

    estimator_cls = PyTorch
