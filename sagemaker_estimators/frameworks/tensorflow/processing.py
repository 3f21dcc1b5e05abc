"""``TensorFlowProcessor`` (``sagemaker.tensorflow.processing``): processing scripts in the TensorFlow image."""
from __future__ import annotations

from sagemaker_estimators.frameworks.tensorflow.estimator import TensorFlow
from sagemaker_estimators.processing.framework_processor import VersionedFrameworkProcessor


class TensorFlowProcessor(VersionedFrameworkProcessor):
    """Runs a processing script bundle in the TensorFlow training image of ``framework_version``."""

    estimator_cls = TensorFlow
