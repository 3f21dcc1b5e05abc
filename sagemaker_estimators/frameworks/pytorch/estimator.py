"""``PyTorch``: script-mode training on the AWS PyTorch images (``sagemaker.pytorch.PyTorch``)."""
from __future__ import annotations

import logging
from typing import Any, Dict, Optional, Union

from packaging.version import InvalidVersion, Version

from sagemaker_estimators.estimators.framework import Framework
from sagemaker_estimators.frameworks import common, distribution as dist
from sagemaker_estimators.frameworks.compiler import TrainingCompilerConfig

logger = logging.getLogger(__name__)


class PyTorch(dist.TorchLaunchHyperparameters, Framework):
    """Train a PyTorch script (``entry_point``) with ``framework_version`` and ``py_version``.

    ``distribution`` may enable ``torch_distributed``, ``pytorchddp`` (sent as
    smdistributed data parallel, as V2 does), ``smdistributed`` (dataparallel /
    modelparallel), ``mpi`` or ``pytorchxla``; it is checked against the
    framework version and instance type before anything is created.
    """

    _framework_name = "pytorch"
    _model_class_path = "sagemaker_estimators.frameworks.pytorch.model.PyTorchModel"
    LAUNCH_PYTORCH_DDP_ENV_NAME = dist.LAUNCH_PYTORCH_DDP
    LAUNCH_TORCH_DISTRIBUTED_ENV_NAME = dist.LAUNCH_TORCH_DISTRIBUTED
    INSTANCE_TYPE_ENV_NAME = dist.INSTANCE_TYPE

    def __init__(
        self,
        entry_point: Optional[str] = None,
        framework_version: Optional[str] = None,
        py_version: Optional[str] = None,
        source_dir: Optional[str] = None,
        hyperparameters: Optional[Union[Dict[str, Any], str]] = None,
        image_uri: Optional[str] = None,
        distribution: Optional[Dict[str, Any]] = None,
        compiler_config: Optional[TrainingCompilerConfig] = None,
        training_recipe: Optional[str] = None,
        recipe_overrides: Optional[Dict[str, Any]] = None,
        **kwargs: Any,
    ):
        if training_recipe is not None or recipe_overrides is not None:
            raise NotImplementedError(
                "training_recipe/recipe_overrides (SageMaker HyperPod recipes) are not supported by "
                "sagemaker-estimators; pass entry_point and hyperparameters instead."
            )
        common.require_script_and_versions("PyTorch", entry_point, framework_version, py_version, image_uri)
        common.warn_if_py2("pytorch", py_version)
        self.framework_version = framework_version
        self.py_version = py_version
        # V2 checks the versions against the registry when it first needs the image (fit)
        self._full_version = None
        if image_uri is None:
            self._full_version = common.resolve_version_leniently("pytorch", framework_version)
        if "enable_sagemaker_metrics" not in kwargs and framework_version:
            try:
                if Version(framework_version) >= Version("1.3"):
                    kwargs["enable_sagemaker_metrics"] = True
            except InvalidVersion:
                pass
        super().__init__(entry_point, source_dir, hyperparameters, image_uri=image_uri, **kwargs)
        if isinstance(distribution, dict):
            dist.warn_ignored_strategies(distribution)
        if distribution is not None and "pytorchddp" in distribution:
            # V2 sends pytorchddp as smdistributed data parallel
            if "smdistributed" in distribution:
                raise ValueError("distribution: pytorchddp and smdistributed cannot be combined.")
            distribution = dict(distribution)
            distribution["smdistributed"] = {"dataparallel": distribution.pop("pytorchddp")}
        self._set_launch_options(distribution, "pytorch", self._full_version, py_version, image_uri, entry_point,
                                 compiler_config)

    def _validate_job_settings(self) -> None:
        super()._validate_job_settings()
        if self.image_uri is None:
            common.check_versions("pytorch", self.framework_version, self.py_version)

