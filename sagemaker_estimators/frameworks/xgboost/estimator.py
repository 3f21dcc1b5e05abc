"""``XGBoost``: script-mode training on the AWS XGBoost images (``sagemaker.xgboost.XGBoost``)."""
from __future__ import annotations

from typing import Any, Dict, Optional, Union

from sagemaker_estimators import image_uris
from sagemaker_estimators.estimators.framework import Framework
from sagemaker_estimators.frameworks import common
from sagemaker_estimators.frameworks.xgboost.versions import unsupported_reason


class XGBoost(Framework):
    """Train an XGBoost script; ``framework_version`` is a container version such as ``"1.7-1"``."""

    _framework_name = "xgboost"
    _model_class_path = "sagemaker_estimators.frameworks.xgboost.model.XGBoostModel"

    def __init__(
        self,
        entry_point: str,
        framework_version: str,
        source_dir: Optional[str] = None,
        hyperparameters: Optional[Union[Dict[str, Any], str]] = None,
        py_version: str = "py3",
        image_uri: Optional[str] = None,
        image_uri_region: Optional[str] = None,
        **kwargs: Any,
    ):
        if not isinstance(framework_version, str) or not framework_version:
            raise TypeError(f"framework_version must be a str such as '1.7-1', got {framework_version!r}")
        reason = unsupported_reason(framework_version)
        if reason:
            raise ValueError(f"framework_version={framework_version!r}: {reason}")
        if py_version != "py3":
            raise ValueError(f"py_version={py_version!r}: XGBoost images only support 'py3'.")
        if image_uri is None:
            common.check_versions("xgboost", framework_version, py_version)
        self.framework_version = framework_version
        self.py_version = py_version
        super().__init__(entry_point, source_dir, hyperparameters, image_uri=image_uri, **kwargs)
        if image_uri is None:
            self.image_uri = image_uris.retrieve(
                "xgboost", image_uri_region or self.sagemaker_session.boto_region_name,
                version=framework_version, py_version=py_version,
                instance_type=kwargs.get("instance_type") or kwargs.get("train_instance_type"),
                image_scope="training",
            )
