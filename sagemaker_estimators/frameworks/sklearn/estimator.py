"""``SKLearn``: script-mode training on the AWS scikit-learn images (``sagemaker.sklearn.SKLearn``)."""
from __future__ import annotations

from typing import Any, Dict, Optional, Union

from sagemaker_estimators import image_uris
from sagemaker_estimators.estimators.base import renamed_kwargs
from sagemaker_estimators.estimators.framework import Framework
from sagemaker_estimators.frameworks import common
from sagemaker_estimators.validation import UnsupportedSettingError


class SKLearn(Framework):
    """Train a scikit-learn script on one CPU instance (scikit-learn has no distributed training)."""

    _framework_name = "sklearn"
    _model_class_path = "sagemaker_estimators.frameworks.sklearn.model.SKLearnModel"
    _model_inherits_network_isolation = True

    def __init__(
        self,
        entry_point: str,
        framework_version: Optional[str] = None,
        py_version: str = "py3",
        source_dir: Optional[str] = None,
        hyperparameters: Optional[Union[Dict[str, Any], str]] = None,
        image_uri: Optional[str] = None,
        image_uri_region: Optional[str] = None,
        **kwargs: Any,
    ):
        renamed: Dict[str, Any] = {}
        renamed_kwargs(kwargs, renamed)
        kwargs.update(renamed)
        common.require_versions("SKLearn", framework_version, py_version, image_uri)
        if py_version and py_version != "py3":
            raise UnsupportedSettingError(f"py_version={py_version!r}: the scikit-learn image only supports 'py3'.")
        instance_type = kwargs.get("instance_type")
        if common.is_gpu_instance(instance_type):
            raise ValueError(f"instance_type={instance_type!r}: GPU instances are not supported by scikit-learn; "
                             "use a CPU instance type such as 'ml.m5.xlarge'.")
        instance_count = kwargs.get("instance_count")
        if instance_count not in (None, 1):
            raise UnsupportedSettingError(
                f"instance_count={instance_count!r}: Scikit-Learn does not support distributed training. "
                "Please remove the 'instance_count' argument or set 'instance_count=1' when initializing SKLearn."
            )
        if image_uri is None:
            common.check_versions("sklearn", framework_version, py_version)
        self.framework_version = framework_version
        self.py_version = py_version
        kwargs["instance_count"] = 1
        super().__init__(entry_point, source_dir, hyperparameters, image_uri=image_uri, **kwargs)
        if image_uri is None:
            self.image_uri = image_uris.retrieve(
                "sklearn", image_uri_region or self.sagemaker_session.boto_region_name,
                version=framework_version, py_version=py_version, instance_type=instance_type,
            )
