"""``XGBoostProcessor`` (``sagemaker.xgboost.processing``): processing scripts in the XGBoost image."""
from __future__ import annotations

from sagemaker_estimators.frameworks.xgboost.estimator import XGBoost
from sagemaker_estimators.processing.framework_processor import VersionedFrameworkProcessor


class XGBoostProcessor(VersionedFrameworkProcessor):
    """Runs a processing script bundle in the XGBoost training image of ``framework_version``."""

    estimator_cls = XGBoost
