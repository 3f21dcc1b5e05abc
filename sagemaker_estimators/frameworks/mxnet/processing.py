"""``MXNetProcessor`` (``sagemaker.mxnet.processing``): processing scripts in the MXNet image."""
from __future__ import annotations

from sagemaker_estimators.frameworks.mxnet.estimator import MXNet
from sagemaker_estimators.processing.framework_processor import VersionedFrameworkProcessor


class MXNetProcessor(VersionedFrameworkProcessor):
    """Runs a processing script bundle in the MXNet training image of ``framework_version``."""

    estimator_cls = MXNet
