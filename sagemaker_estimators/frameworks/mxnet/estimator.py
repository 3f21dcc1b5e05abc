"""``MXNet``: script-mode training on the AWS MXNet images (``sagemaker.mxnet.MXNet``)."""
from __future__ import annotations

import logging
from typing import Any, Dict, Optional, Union

from packaging.version import InvalidVersion, Version

from sagemaker_estimators.estimators.framework import Framework
from sagemaker_estimators.image_uris.parse import framework_name_from_image
from sagemaker_estimators.estimators.framework_model import restore_framework_versions
from sagemaker_estimators.frameworks import common, distribution as dist
from sagemaker_estimators.frameworks.parameter_server import warn_parameter_server_setup

logger = logging.getLogger(__name__)

#: the distribution options an MXNet image understands
MXNET_DISTRIBUTIONS = ("parameter_server", "mpi")
#: distribution needs the script-mode images (MXNet 1.3 and later)
LOWEST_SCRIPT_MODE_VERSION = Version("1.3")
#: V2 turns SageMaker metrics on by default from this version
LOWEST_METRICS_VERSION = Version("1.6")
LATEST_PY2_VERSION = "1.6.0"


def _version(text: Optional[str]) -> Optional[Version]:
    try:
        return Version(text) if text else None
    except InvalidVersion:
        return None


def mxnet_distribution_hyperparameters(distribution: Dict[str, Any]) -> Dict[str, Any]:
    """The hyperparameters V2's MXNet adds: the PS flag; the MPI flag, and with ``processes_per_host``
    the process count and the custom mpirun options."""
    config: Dict[str, Any] = {}
    if "parameter_server" in distribution:
        config[dist.LAUNCH_PS] = distribution["parameter_server"].get("enabled", False)
    if "mpi" in distribution:
        mpi = distribution["mpi"]
        config[dist.LAUNCH_MPI] = mpi.get("enabled", False)
        if mpi.get("processes_per_host"):
            config[dist.MPI_NUM_PROCESSES_PER_HOST] = mpi["processes_per_host"]
            config[dist.MPI_CUSTOM_MPI_OPTIONS] = mpi.get("custom_mpi_options", "")
    return config


class MXNet(Framework):
    """Train an MXNet script (``entry_point``) with ``framework_version`` and ``py_version``.

    ``distribution`` may enable ``parameter_server`` or ``mpi`` (Horovod).
    """

    _framework_name = "mxnet"
    _model_class_path = "sagemaker_estimators.frameworks.mxnet.model.MXNetModel"
    _LOWEST_SCRIPT_MODE_VERSION = ["1", "3"]
    LAUNCH_PS_ENV_NAME = dist.LAUNCH_PS
    LAUNCH_MPI_ENV_NAME = dist.LAUNCH_MPI
    MPI_NUM_PROCESSES_PER_HOST = dist.MPI_NUM_PROCESSES_PER_HOST
    MPI_CUSTOM_MPI_OPTIONS = dist.MPI_CUSTOM_MPI_OPTIONS

    def __init__(
        self,
        entry_point: Optional[str] = None,
        framework_version: Optional[str] = None,
        py_version: Optional[str] = None,
        source_dir: Optional[str] = None,
        hyperparameters: Optional[Union[Dict[str, Any], str]] = None,
        image_uri: Optional[str] = None,
        distribution: Optional[Dict[str, Any]] = None,
        **kwargs: Any,
    ):
        if "distributions" in kwargs:
            logger.warning("distributions has been renamed in sagemaker>=2: use distribution.")
            distribution = kwargs.pop("distributions")
        common.require_script_and_versions("MXNet", entry_point, framework_version, py_version, image_uri)
        if py_version == "py2":
            logger.warning("py2 images are deprecated (the last MXNet with them is %s): use a py3 version.",
                           LATEST_PY2_VERSION)
        self.framework_version = framework_version
        self.py_version = py_version
        if image_uri is None:
            common.check_versions("mxnet", framework_version, py_version)
        current = _version(framework_version)
        if "enable_sagemaker_metrics" not in kwargs and current is not None and current >= LOWEST_METRICS_VERSION:
            kwargs["enable_sagemaker_metrics"] = True
        super().__init__(entry_point, source_dir, hyperparameters, image_uri=image_uri, **kwargs)
        if distribution is not None:
            if not isinstance(distribution, dict):
                raise TypeError(f"distribution must be a dict such as {{'parameter_server': {{'enabled': True}}}}, "
                                f"got {distribution!r}")
            for key, value in distribution.items():
                if key not in MXNET_DISTRIBUTIONS:
                    raise ValueError(f"distribution option {key!r} is not supported by MXNet; valid options: "
                                     f"{', '.join(MXNET_DISTRIBUTIONS)}.")
                if not isinstance(value, dict):
                    raise TypeError(f"distribution[{key!r}] must be a dict, got {value!r}")
            if current is not None and current < LOWEST_SCRIPT_MODE_VERSION:
                raise ValueError(f"distribution is valid for MXNet {LOWEST_SCRIPT_MODE_VERSION} and higher only, "
                                 f"got framework_version={framework_version!r}.")
            warn_parameter_server_setup(distribution, self.instance_type, self.instance_count)
        # V2's MXNet keeps no ``distribution`` attribute (so its Debugger/checkpoint rule ignores it)
        self._distribution = dict(distribution) if distribution is not None else None

    def _framework_hyperparameters(self) -> Dict[str, Any]:
        return mxnet_distribution_hyperparameters(self._distribution or {})

    def create_model(self, model_server_workers: Optional[int] = None, role: Optional[str] = None,
                     vpc_config_override: Any = "VPC_CONFIG_DEFAULT", entry_point: Optional[str] = None,
                     source_dir: Optional[str] = None, dependencies: Optional[list] = None,
                     image_uri: Optional[str] = None, **kwargs: Any):
        """An :class:`MXNetModel` of the latest training job.

        Without ``entry_point`` the training script serves (model-server images,
        MXNet >= 1.4, get it repacked into the model; older ones the uploaded code).
        """
        from sagemaker_estimators.estimators.framework_model import model_entry_point, model_source_dir
        from sagemaker_estimators.frameworks.mxnet.model import MXNetModel

        kwargs.setdefault("image_uri", image_uri or self.image_uri)
        kwargs["name"] = self._get_or_create_name(kwargs.get("name"))
        model = MXNetModel(
            self.model_data, role or self.role, entry_point, framework_version=self.framework_version,
            py_version=self.py_version, source_dir=source_dir or model_source_dir(self),
            container_log_level=self.container_log_level, code_location=self.code_location,
            model_server_workers=model_server_workers, sagemaker_session=self.sagemaker_session,
            vpc_config=self.get_vpc_config(vpc_config_override), dependencies=dependencies or self.dependencies,
            **kwargs,
        )
        if entry_point is None:
            model.entry_point = self.entry_point if model._is_mms_version() else model_entry_point(self)
        return model

    @classmethod
    def _restore_versions(cls, params: Dict[str, Any], job_details: Dict[str, Any]) -> Dict[str, Any]:
        """attach(): versions from the image (the legacy ``1.0`` tag is MXNet 0.12, as in V2)."""
        image_uri = params.get("image_uri")
        _, _, tag, _ = framework_name_from_image(image_uri)
        params = restore_framework_versions(params, job_details, cls._framework_name)
        if tag == "1.0":
            params["framework_version"] = "0.12"
        return params
