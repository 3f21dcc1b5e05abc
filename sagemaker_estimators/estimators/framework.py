"""``Framework``: the script-mode base of the framework estimators (``sagemaker.estimator.Framework``).

A framework estimator runs the user's ``entry_point`` inside an AWS framework
image.  Its hyperparameters are JSON-encoded, and it adds the ``sagemaker_*``
hyperparameters that tell the image's toolkit where the code is.
"""
from __future__ import annotations

import json
import logging
from typing import Any, Dict, List, Optional, Union

from sagemaker_estimators.estimators.base import EstimatorBase
from sagemaker_estimators.request_builders.training import encode_hyperparameters_json
from sagemaker_estimators.staging.code import UploadedCode

logger = logging.getLogger(__name__)

SCRIPT_PARAM_NAME = "sagemaker_program"
DIR_PARAM_NAME = "sagemaker_submit_directory"
CONTAINER_LOG_LEVEL_PARAM_NAME = "sagemaker_container_log_level"
JOB_NAME_PARAM_NAME = "sagemaker_job_name"
SAGEMAKER_REGION_PARAM_NAME = "sagemaker_region"


class Framework(EstimatorBase):
    """Script mode on a framework image; subclasses pick the image and add framework rules."""

    _framework_name: Optional[str] = None

    def __init__(
        self,
        entry_point: Optional[str] = None,
        source_dir: Optional[str] = None,
        hyperparameters: Optional[Union[Dict[str, Any], str]] = None,
        container_log_level: int = logging.INFO,
        code_location: Optional[str] = None,
        image_uri: Optional[str] = None,
        dependencies: Optional[List[str]] = None,
        enable_network_isolation: Optional[bool] = None,
        git_config: Optional[Dict[str, str]] = None,
        checkpoint_s3_uri: Optional[str] = None,
        checkpoint_local_path: Optional[str] = None,
        enable_sagemaker_metrics: Optional[bool] = None,
        **kwargs: Any,
    ):
        if "image_name" in kwargs:
            logger.warning("image_name has been renamed in sagemaker>=2.\nSee: "
                           "https://sagemaker.readthedocs.io/en/stable/v2.html for details.")
            image_uri = kwargs.pop("image_name")
        if isinstance(entry_point, str) and entry_point.startswith("s3://"):  # V2 refuses this at construction
            raise ValueError(f"Invalid entry point script: {entry_point!r}. Must be a path to a local file.")
        super().__init__(
            enable_network_isolation=enable_network_isolation, source_dir=source_dir,
            git_config=git_config, hyperparameters=hyperparameters, container_log_level=container_log_level,
            code_location=code_location, entry_point=entry_point, dependencies=dependencies,
            checkpoint_s3_uri=checkpoint_s3_uri, checkpoint_local_path=checkpoint_local_path,
            enable_sagemaker_metrics=enable_sagemaker_metrics, **kwargs,
        )
        self.image_uri = image_uri

    def _validate_job_settings(self) -> None:
        if self.image_uri is not None and (not isinstance(self.image_uri, str) or not self.image_uri):
            raise TypeError(f"image_uri must be a non-empty str, got {self.image_uri!r}")
        super()._validate_job_settings()

    # hyperparameters ---------------------------------------------------------------
    def set_hyperparameters(self, **kwargs: Any) -> None:
        """Add or replace hyperparameters (values are checked at fit)."""
        self._hyperparameters.update(kwargs)

    def hyperparameters(self) -> Dict[str, str]:
        """The hyperparameters with every value JSON-encoded, as sent to SageMaker.

        Includes what the framework adds itself (distribution and compiler flags).
        """
        encoded = encode_hyperparameters_json(self._hyperparameters_with_code()) or {}
        encoded.update(encode_hyperparameters_json(self._framework_hyperparameters()) or {})
        return encoded

    def _framework_hyperparameters(self) -> Dict[str, Any]:
        """Hyperparameters the framework adds (subclasses override)."""
        return {}

    # models ----------------------------------------------------------------------------
    #: module and class of the framework's Model (subclasses set them)
    _model_class_path: Optional[str] = None
    #: V2's HuggingFace.create_model does not default the entry point to the training script
    _model_defaults_entry_point = True
    #: V2's SKLearn.create_model passes the estimator's network isolation on
    _model_inherits_network_isolation = False

    def create_model(self, model_server_workers: Optional[int] = None, role: Optional[str] = None,
                     vpc_config_override: Any = "VPC_CONFIG_DEFAULT", entry_point: Optional[str] = None,
                     source_dir: Optional[str] = None, dependencies: Optional[list] = None, **kwargs: Any):
        """The framework's Model for the latest training job (V2's create_model arguments)."""
        if self._model_class_path is None:
            raise NotImplementedError(f"{type(self).__name__} has no model class")
        import importlib

        from sagemaker_estimators.estimators.framework_model import framework_create_model

        module_name, class_name = self._model_class_path.rsplit(".", 1)
        model_class = getattr(importlib.import_module(module_name), class_name)
        return framework_create_model(
            self, model_class, model_server_workers=model_server_workers, role=role,
            vpc_config_override=vpc_config_override, entry_point=entry_point, source_dir=source_dir,
            dependencies=dependencies, default_entry_point=self._model_defaults_entry_point,
            with_network_isolation=self._model_inherits_network_isolation, **kwargs,
        )

    def _script_mode_code_hyperparameters(self, code_dir: str, script: str) -> Dict[str, Any]:
        """The script-mode hyperparameters, as set (hyperparameters() encodes them with the others)."""
        return self._script_mode_hyperparameters(code_dir, script)

    # image ---------------------------------------------------------------------------
    def training_image_uri(self) -> str:
        """``image_uri`` when given, else the framework image from the registry."""
        if self.image_uri:
            return self.image_uri
        return self._default_training_image_uri()

    def _default_training_image_uri(self) -> str:
        """The registry's training image for this framework, version, distribution and instance type."""
        if self._framework_name is None:
            raise ValueError(f"{type(self).__name__} needs image_uri: this framework has no registry entry.")
        from sagemaker_estimators import image_uris

        return image_uris.get_training_image_uri(
            region=self.sagemaker_session.boto_region_name, framework=self._framework_name,
            framework_version=getattr(self, "framework_version", None), py_version=getattr(self, "py_version", None),
            distribution=getattr(self, "distribution", None), compiler_config=getattr(self, "compiler_config", None),
            tensorflow_version=getattr(self, "tensorflow_version", None),
            pytorch_version=getattr(self, "pytorch_version", None), instance_type=self._instance_type_for_image(),
        )

    def _instance_type_for_image(self) -> Optional[str]:
        if self.instance_type is not None:
            return self.instance_type
        return self.instance_groups[0].instance_type if self.instance_groups else None

    def _model_version_kwargs(self) -> Dict[str, Any]:
        """Version arguments the framework's Model class takes (subclasses override)."""
        return {"framework_version": getattr(self, "framework_version", None),
                "py_version": getattr(self, "py_version", None)}

    # debugger --------------------------------------------------------------------------
    def _prepare_debugger_for_training(self) -> None:
        super()._prepare_debugger_for_training()
        if self.checkpoint_s3_uri and self.checkpoint_local_path and self.debugger_hook_config:
            if self._framework_name in {"mxnet", "pytorch", "tensorflow"} and (
                self.instance_count is None or self.instance_count > 1
                or getattr(self, "distribution", None) is not None
            ):
                logger.info("SMDebug does not currently support distributed training jobs with checkpointing "
                            "enabled; the debugger hook is disabled.")
                self.debugger_hook_config = False

    # attach -------------------------------------------------------------------------------
    @classmethod
    def _prepare_init_params_from_job_description(cls, job_details: Dict[str, Any],
                                                  model_channel_name: Optional[str] = None) -> Dict[str, Any]:
        params = super()._prepare_init_params_from_job_description(job_details, model_channel_name)
        raw = params["hyperparameters"]
        for key, name in ((SCRIPT_PARAM_NAME, "entry_point"), (DIR_PARAM_NAME, "source_dir"),
                          (CONTAINER_LOG_LEVEL_PARAM_NAME, "container_log_level")):
            if key in raw:
                params[name] = _json_or_raw(raw[key])
        decoded = {}
        for key, value in raw.items():
            if key == "_tuning_objective_metric":
                decoded[key] = value.strip('"') if value.startswith('"') and value.endswith('"') else value
            else:
                decoded[key] = _json_or_raw(value)
        params["hyperparameters"] = decoded
        return cls._restore_versions(params, job_details)

    @classmethod
    def _restore_versions(cls, params: Dict[str, Any], job_details: Dict[str, Any]) -> Dict[str, Any]:
        """attach(): read framework_version / py_version back from the training image."""
        if cls._framework_name is None:
            return params
        from sagemaker_estimators.estimators.framework_model import restore_framework_versions

        return restore_framework_versions(params, job_details, cls._framework_name)

    def _after_attach(self, description: Dict[str, Any]) -> None:
        if self.source_dir is not None or self.entry_point is not None:
            self.uploaded_code = UploadedCode(s3_prefix=self.source_dir, script_name=self.entry_point)


def _json_or_raw(value: str) -> Any:
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return value
