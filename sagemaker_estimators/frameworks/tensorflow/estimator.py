"""``TensorFlow``: script-mode training on the AWS TensorFlow images (``sagemaker.tensorflow.TensorFlow``).

What V2 adds for TensorFlow and this class reproduces:

* ``model_dir``: a ``--model_dir`` hyperparameter for the script, by default
  ``<output_path>/<job>/model`` (``/opt/ml/model`` under MPI, and
  ``/opt/ml/shared/model`` in local mode with local code); ``model_dir=False``
  sends none.
* ``distribution``: ``parameter_server``, ``mpi`` (Horovod),
  ``multi_worker_mirrored_strategy`` and ``smdistributed`` (data/model parallel)
  become the ``sagemaker_*`` hyperparameters the TensorFlow container's toolkit
  reads; Debugger is switched off for parameter-server jobs.
* ``create_model()`` gives a TF Serving :class:`TensorFlowModel` without an
  inference entry point unless one is passed.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, Optional

from packaging.version import InvalidVersion, Version

from sagemaker_estimators.estimators.framework import Framework
from sagemaker_estimators.exceptions import SageMakerEstimatorsError
from sagemaker_estimators.image_uris.parse import framework_name_from_image, framework_version_from_tag
from sagemaker_estimators.frameworks import common, distribution as dist
from sagemaker_estimators.frameworks.compiler import TrainingCompilerConfig
from sagemaker_estimators.frameworks.parameter_server import parameter_server_enabled, warn_parameter_server_setup

logger = logging.getLogger(__name__)

#: the distribution options a TensorFlow image understands
TENSORFLOW_DISTRIBUTIONS = ("parameter_server", "mpi", "smdistributed", "multi_worker_mirrored_strategy",
                            "instance_groups")
#: TensorFlow versions up to this one only had the legacy (non script-mode) images
HIGHEST_LEGACY_MODE_ONLY_VERSION = Version("1.10.0")
#: the last TensorFlow with py2 images
LATEST_PY2_VERSION = "2.1.1"
#: multi_worker_mirrored_strategy needs the TensorFlow 2.9 images or later
LOWEST_MWMS_VERSION = Version("2.9")
#: V2 turns SageMaker metrics on by default from this version
LOWEST_METRICS_VERSION = Version("1.15")
MODEL_DIR_HYPERPARAMETER = "model_dir"


class UnsupportedPythonVersionError(ValueError, AttributeError, SageMakerEstimatorsError):
    """py2 asked of a TensorFlow without py2 images (V2 raises AttributeError: this is both)."""


def _version(text: Optional[str]) -> Optional[Version]:
    try:
        return Version(text) if text else None
    except InvalidVersion:
        return None


def check_multi_worker_mirrored_strategy(distribution: Dict[str, Any], framework_version: Optional[str],
                                         image_uri: Optional[str]) -> None:
    """V2's rules for ``multi_worker_mirrored_strategy``: TensorFlow >= 2.9, alone."""
    option = distribution.get("multi_worker_mirrored_strategy")
    if not (isinstance(option, dict) and option.get("enabled", False)):
        return
    current = _version(framework_version)
    if image_uri is None and current is not None and current < LOWEST_MWMS_VERSION:
        raise ValueError(f"distribution multi_worker_mirrored_strategy needs framework_version >= "
                         f"{LOWEST_MWMS_VERSION}, got {framework_version!r}.")
    clashing = [key for key in ("smdistributed", "parameter_server") if key in distribution]
    if clashing:
        raise ValueError(f"distribution multi_worker_mirrored_strategy cannot be combined with {clashing}; "
                         "use one strategy.")


class TensorFlow(Framework):
    """Train a TensorFlow script (``entry_point``) with ``framework_version`` and ``py_version``.

    Parameters are V2's; ``distribution`` is checked against the version and
    instance type before anything is uploaded.
    """

    _framework_name = "tensorflow"
    _model_class_path = "sagemaker_estimators.frameworks.tensorflow.model.TensorFlowModel"
    LAUNCH_PS_ENV_NAME = dist.LAUNCH_PS
    LAUNCH_MPI_ENV_NAME = dist.LAUNCH_MPI
    LAUNCH_SM_DDP_ENV_NAME = dist.LAUNCH_SM_DDP
    LAUNCH_MWMS_ENV_NAME = dist.LAUNCH_MWMS
    INSTANCE_TYPE = dist.INSTANCE_TYPE
    MPI_NUM_PROCESSES_PER_HOST = dist.MPI_NUM_PROCESSES_PER_HOST
    MPI_CUSTOM_MPI_OPTIONS = dist.MPI_CUSTOM_MPI_OPTIONS
    SM_DDP_CUSTOM_MPI_OPTIONS = dist.SM_DDP_CUSTOM_MPI_OPTIONS

    def __init__(
        self,
        py_version: Optional[str] = None,
        framework_version: Optional[str] = None,
        model_dir: Any = None,
        image_uri: Optional[str] = None,
        distribution: Optional[Dict[str, Any]] = None,
        compiler_config: Optional[TrainingCompilerConfig] = None,
        **kwargs: Any,
    ):
        if "distributions" in kwargs:
            logger.warning("distributions has been renamed in sagemaker>=2: use distribution.")
            distribution = kwargs.pop("distributions")
        if "image_name" in kwargs and image_uri is None:
            logger.warning("image_name has been renamed in sagemaker>=2: use image_uri.")
            image_uri = kwargs.pop("image_name")
        common.require_script_and_versions("TensorFlow", kwargs.get("entry_point"), framework_version, py_version, image_uri)
        if model_dir is not None and model_dir is not False and not isinstance(model_dir, str):
            raise TypeError(f"model_dir must be a str (an S3 URI or a container path) or False, got {model_dir!r}")
        self.framework_version = framework_version
        self.py_version = py_version
        self._full_version: Optional[str] = None
        if py_version == "py2":
            logger.warning("py2 images are deprecated (the last TensorFlow with them is %s): use a py3 version.",
                           LATEST_PY2_VERSION)
        current = _version(framework_version)
        if image_uri is None:
            self._check_legacy_versions(framework_version, py_version, current)
            self._full_version = common.check_versions("tensorflow", framework_version, py_version)
        if "enable_sagemaker_metrics" not in kwargs and current is not None and current >= LOWEST_METRICS_VERSION:
            kwargs["enable_sagemaker_metrics"] = True
        super().__init__(image_uri=image_uri, **kwargs)
        if distribution is not None:
            distribution = dist.validate_distribution(
                distribution, "tensorflow", self._full_version, py_version, self.instance_type, image_uri,
                self.entry_point, allowed=TENSORFLOW_DISTRIBUTIONS)
            check_multi_worker_mirrored_strategy(distribution, framework_version, image_uri)
            distribution = dist.resolve_instance_groups(distribution, self.instance_groups)
            warn_parameter_server_setup(distribution, self.instance_type, self.instance_count)
        self.distribution = distribution or {}
        self.model_dir = model_dir
        self._model_dir_is_default = False
        if compiler_config is not None and not isinstance(compiler_config, TrainingCompilerConfig):
            raise TypeError(f"compiler_config must be a TrainingCompilerConfig, got {type(compiler_config).__name__}")
        self.compiler_config = compiler_config

    @staticmethod
    def _check_legacy_versions(framework_version: Optional[str], py_version: Optional[str],
                               current: Optional[Version]) -> None:
        if current is None:
            return
        if py_version == "py2" and current > Version(LATEST_PY2_VERSION):
            raise UnsupportedPythonVersionError(
                f"py_version='py2': Python 2 images exist only for TensorFlow {LATEST_PY2_VERSION} and lower, "
                f"not {framework_version}; use a Python 3 py_version.")
        if current <= HIGHEST_LEGACY_MODE_ONLY_VERSION:
            raise ValueError(
                f"framework_version={framework_version!r}: TensorFlow {framework_version} has only legacy-mode "
                "images, which run no training script. Pass the legacy image with image_uri=... and "
                "model_dir=False, and give legacy parameters (training_steps, evaluation_steps, "
                "checkpoint_path, requirements_file) as hyperparameters.")

    # hyperparameters -----------------------------------------------------------------------------
    def _framework_hyperparameters(self) -> Dict[str, Any]:
        """Distribution flags, ``model_dir`` and compiler flags, in V2's order."""
        extra = dist.generic_hyperparameters(self.distribution, self.instance_type, self.image_uri)
        if self.model_dir is not False:
            if self.model_dir is None or self._model_dir_is_default:
                # like V2, the attribute shows the job's model_dir; unlike V2, the next job gets its own
                default = self._default_model_dir(mpi=bool(extra.get(dist.LAUNCH_MPI, False)))
                if default is not None:
                    self.model_dir, self._model_dir_is_default = default, True
            extra[MODEL_DIR_HYPERPARAMETER] = self.model_dir
        if self.compiler_config:
            extra.update(self.compiler_config._to_hyperparameter_dict())
        return extra

    def _default_model_dir(self, mpi: bool = False) -> Optional[str]:
        """Where the script saves checkpoints by default (V2's ``_default_s3_path("model")``)."""
        if self._local_code():
            return "/opt/ml/shared/model"
        if mpi:
            return "/opt/ml/model"
        if self._current_job_name:
            from sagemaker_estimators.s3_paths import s3_path_join

            return s3_path_join(self.output_path, self._current_job_name, "model")
        return None

    # debugger ----------------------------------------------------------------------------------------
    def _prepare_debugger_for_training(self) -> None:
        super()._prepare_debugger_for_training()
        if parameter_server_enabled(self.distribution):
            if self.debugger_hook_config:
                logger.info("Amazon SageMaker Debugger does not support parameter-server distribution: "
                            "the debugger hook is switched off for this job.")
            self.debugger_hook_config = None

    # models --------------------------------------------------------------------------------------------
    # V2's TensorFlow.create_model has no model_server_workers (Framework.create_model takes it first)
    def create_model(  # type: ignore[override]
            self, role: Optional[str] = None, vpc_config_override: Any = "VPC_CONFIG_DEFAULT",
            entry_point: Optional[str] = None, source_dir: Optional[str] = None,
            dependencies: Optional[list] = None, **kwargs: Any):
        """A TF Serving :class:`TensorFlowModel` of the latest training job.

        Unlike the other frameworks, the training script is not the inference
        script: pass ``entry_point`` (an ``inference.py`` with
        ``input_handler``/``output_handler``) to have it repacked into the model.
        """
        from sagemaker_estimators.frameworks.tensorflow.model import TensorFlowModel

        if kwargs.get("model_server_workers") is None:
            kwargs.pop("model_server_workers", None)  # V2's TensorFlow.create_model has no such parameter
        kwargs["name"] = self._get_or_create_name(kwargs.get("name"))
        kwargs.setdefault("image_uri", self.image_uri)
        kwargs.setdefault("enable_network_isolation", self.enable_network_isolation())
        return TensorFlowModel(
            model_data=self.model_data, role=role or self.role, container_log_level=self.container_log_level,
            framework_version=self.framework_version, sagemaker_session=self.sagemaker_session,
            vpc_config=self.get_vpc_config(vpc_config_override), entry_point=entry_point, source_dir=source_dir,
            dependencies=dependencies, **kwargs,
        )

    # V2's TensorFlow.transformer takes entry_point before vpc_config_override, unlike EstimatorBase's
    def transformer(  # type: ignore[override]
            self, instance_count: int, instance_type: str, strategy: Optional[str] = None,
            assemble_with: Optional[str] = None, output_path: Optional[str] = None,
            output_kms_key: Optional[str] = None, accept: Optional[str] = None,
            env: Optional[Dict[str, str]] = None, max_concurrent_transforms: Optional[int] = None,
            max_payload: Optional[int] = None, tags: Any = None, role: Optional[str] = None,
            volume_kms_key: Optional[str] = None, entry_point: Optional[str] = None,
            vpc_config_override: Any = "VPC_CONFIG_DEFAULT", enable_network_isolation: Optional[bool] = None,
            model_name: Optional[str] = None):
        """A Transformer for batch transform with the TF Serving model of the latest job.

        The TF Serving container gets only ``env`` (not the model's environment), as in V2.
        """
        from sagemaker_estimators.serving.transformer import Transformer
        from sagemaker_estimators.serving.validation import check_transform_resources
        from sagemaker_estimators.validation import format_tags

        check_transform_resources(instance_count, instance_type, strategy=strategy, assemble_with=assemble_with,
                                  output_path=output_path, env=env)
        model_name = self._get_or_create_name(model_name)
        if self.latest_training_job is None:
            logger.warning("No finished training job found associated with this estimator. Please make sure "
                           "this estimator is only used for building workflow config")
            return Transformer(
                model_name, instance_count, instance_type, strategy=strategy, assemble_with=assemble_with,
                output_path=output_path, output_kms_key=output_kms_key, accept=accept,
                max_concurrent_transforms=max_concurrent_transforms, max_payload=max_payload, env=env or {},
                tags=format_tags(tags), base_transform_job_name=self.base_job_name, volume_kms_key=volume_kms_key,
                sagemaker_session=self.sagemaker_session,
            )
        if enable_network_isolation is None:
            enable_network_isolation = self.enable_network_isolation()
        model = self.create_model(role=role or self.role, vpc_config_override=vpc_config_override,
                                  entry_point=entry_point, enable_network_isolation=enable_network_isolation,
                                  name=model_name)
        return model.transformer(
            instance_count, instance_type, strategy=strategy, assemble_with=assemble_with, output_path=output_path,
            output_kms_key=output_kms_key, accept=accept, env=env, max_concurrent_transforms=max_concurrent_transforms,
            max_payload=max_payload, tags=format_tags(tags), volume_kms_key=volume_kms_key,
        )

    # attach ------------------------------------------------------------------------------------------
    @classmethod
    def _restore_versions(cls, params: Dict[str, Any], job_details: Dict[str, Any]) -> Dict[str, Any]:
        """attach(): versions from the image; ``model_dir`` from the hyperparameters (V2's rules)."""
        image_uri = params.pop("image_uri")
        framework, py_version, tag, script_mode = framework_name_from_image(image_uri)
        if not framework:
            params["image_uri"] = image_uri
            return params
        model_dir = params["hyperparameters"].pop(MODEL_DIR_HYPERPARAMETER, None)
        if model_dir:
            params["model_dir"] = model_dir
        elif script_mode is None:
            params["model_dir"] = False
        params["py_version"] = py_version
        params["framework_version"] = "1.4" if tag == "1.0" else framework_version_from_tag(tag)
        if not script_mode:
            params["image_uri"] = image_uri
        if framework != cls._framework_name:
            raise ValueError(f"Training job {job_details['TrainingJobName']} didn't use an image of the requested "
                             f"framework ({cls._framework_name}): its image is {image_uri}")
        return params
