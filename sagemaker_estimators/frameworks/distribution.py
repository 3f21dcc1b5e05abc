"""Distributed-training options: validation and the hyperparameters each option adds (V2's rules).

The version lists are facts carried over from V2.  Unlike V2, versions are
compared after resolving aliases, so ``framework_version="2.1"`` (an alias of
2.1.0) is accepted where V2 wrongly refused it.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Mapping, Optional, Tuple

from sagemaker_estimators.frameworks.common import is_gpu_instance, is_trainium_instance

logger = logging.getLogger(__name__)

logger = logging.getLogger(__name__)

LAUNCH_PT_XLA = "sagemaker_pytorch_xla_multi_worker_enabled"
LAUNCH_PS = "sagemaker_parameter_server_enabled"
LAUNCH_MPI = "sagemaker_mpi_enabled"
LAUNCH_SM_DDP = "sagemaker_distributed_dataparallel_enabled"
LAUNCH_MWMS = "sagemaker_multi_worker_mirrored_strategy_enabled"
LAUNCH_PYTORCH_DDP = "sagemaker_pytorch_ddp_enabled"
LAUNCH_TORCH_DISTRIBUTED = "sagemaker_torch_distributed_enabled"
INSTANCE_TYPE = "sagemaker_instance_type"
MPI_NUM_PROCESSES_PER_HOST = "sagemaker_mpi_num_of_processes_per_host"
MPI_CUSTOM_MPI_OPTIONS = "sagemaker_mpi_custom_mpi_options"
SM_DDP_CUSTOM_MPI_OPTIONS = "sagemaker_distributed_dataparallel_custom_mpi_options"

KNOWN_OPTIONS = ("torch_distributed", "pytorchddp", "smdistributed", "mpi", "parameter_server",
                 "pytorchxla", "multi_worker_mirrored_strategy", "instance_groups")
SMDISTRIBUTED_STRATEGIES = ("dataparallel", "modelparallel")
TORCH_DISTRIBUTED_GPU_VERSIONS: Tuple[str, ...] = ("1.13.1", "2.0.0", "2.0.1", "2.1.0", "2.1.2", "2.2.0", "2.3.0",
                                                   "2.3.1", "2.4.1", "2.5.1", "2.6.0", "2.7.1", "2.8.0")
TORCH_DISTRIBUTED_TRAINIUM_VERSIONS: Tuple[str, ...] = ("1.11.0", "1.12.0", "1.12.1", "1.13.1", "2.0.0")
SM_DATAPARALLEL_VERSIONS = {
    "pytorch": ("1.6.0", "1.7.1", "1.8.0", "1.8.1", "1.9.0", "1.9.1", "1.10.0", "1.10.2", "1.11.0",
                "1.12.0", "1.12.1", "1.13.1", "2.0.0", "2.0.1", "2.1.0", "2.1.2", "2.2.0"),
    "tensorflow": ("2.3.0", "2.3.1", "2.3.2", "2.4.1", "2.4.3", "2.5.0", "2.5.1", "2.6.0", "2.6.2",
                   "2.6.3", "2.7.1", "2.8.0", "2.9.1", "2.9.2", "2.10.1", "2.11.0"),
}
UNSUPPORTED_SM_PARALLELISM_IMAGES = ("2.0.1-gpu-py310-cu121",)


def _enabled(distribution: Mapping[str, Any], key: str) -> bool:
    option = distribution.get(key)
    return bool(isinstance(option, Mapping) and option.get("enabled", False))


def validate_distribution(
    distribution: Any,
    framework: str,
    full_version: Optional[str],
    py_version: Optional[str],
    instance_type: Optional[str],
    image_uri: Optional[str],
    entry_point: Optional[str],
    allowed: tuple = KNOWN_OPTIONS,
) -> Dict[str, Any]:
    """Check a ``distribution`` dict; return a copy. ValueError names the bad option and the choices."""
    if not isinstance(distribution, Mapping):
        raise TypeError(f"distribution must be a dict such as {{'torch_distributed': {{'enabled': True}}}}, "
                        f"got {distribution!r}")
    for key, value in distribution.items():
        if key not in allowed:
            raise ValueError(f"distribution option {key!r} is not supported by {framework}; "
                             f"valid options: {', '.join(allowed)}.")
        if key != "instance_groups" and not isinstance(value, Mapping):
            raise TypeError(f"distribution[{key!r}] must be a dict, got {value!r}")
    if is_trainium_instance(instance_type):
        strategies = [key for key in distribution if key != "instance_groups"]
        if strategies and strategies != ["torch_distributed"]:
            raise ValueError(f"distribution {strategies} is not supported on Trainium ({instance_type}); "
                             "valid: torch_distributed.")
    if "smdistributed" in distribution:
        smd = distribution["smdistributed"]
        if len(smd) > 1 or any(key not in SMDISTRIBUTED_STRATEGIES for key in smd):
            raise ValueError(f"distribution['smdistributed']={dict(smd)!r}: use exactly one of "
                             f"{', '.join(SMDISTRIBUTED_STRATEGIES)}.")
        if _enabled(smd, "dataparallel") and not image_uri:
            supported = SM_DATAPARALLEL_VERSIONS.get(framework, ())
            if full_version not in supported:
                raise ValueError(f"framework_version {full_version!r} is not supported by smdistributed "
                                 f"dataparallel; supported: {', '.join(supported)}.")
            if not instance_type:
                raise ValueError("smdistributed dataparallel needs instance_type.")
    if framework == "pytorch" and _enabled(distribution, "torch_distributed"):
        if not image_uri:
            if py_version and "py3" not in py_version:
                raise ValueError(f"py_version={py_version!r} is not supported by torch_distributed.")
            if is_gpu_instance(instance_type):
                choices = TORCH_DISTRIBUTED_GPU_VERSIONS
            elif is_trainium_instance(instance_type):
                choices = TORCH_DISTRIBUTED_TRAINIUM_VERSIONS
            else:
                raise ValueError(
                    f"distribution torch_distributed needs a GPU or Trainium instance_type, got "
                    f"{instance_type!r} (e.g. 'ml.g5.12xlarge', 'ml.p4d.24xlarge', 'ml.trn1.32xlarge')."
                )
            if full_version not in choices:
                raise ValueError(f"framework_version {full_version!r} is not supported by torch_distributed "
                                 f"on {instance_type}; supported: {', '.join(choices)}.")
        if entry_point is not None and not entry_point.endswith(".py"):
            raise ValueError(f"entry_point={entry_point!r}: torch_distributed runs Python scripts (.py) only.")
    return dict(distribution)


def generic_hyperparameters(distribution: Mapping[str, Any], instance_type: Optional[str],
                            image_uri: Optional[str]) -> Dict[str, Any]:
    """Hyperparameters for mpi, parameter_server, pytorchxla, smdistributed and MWMS (V2's order)."""
    config: Dict[str, Any] = {}
    if "instance_groups" in distribution:
        config["sagemaker_distribution_instance_groups"] = distribution["instance_groups"]
    if "pytorchxla" in distribution:
        config[LAUNCH_PT_XLA] = distribution["pytorchxla"].get("enabled", False)
    if "parameter_server" in distribution:
        config[LAUNCH_PS] = distribution["parameter_server"].get("enabled", False)
    mpi_enabled = False
    if "mpi" in distribution:
        mpi = distribution["mpi"]
        mpi_enabled = mpi.get("enabled", False)
        config[LAUNCH_MPI] = mpi_enabled
        if mpi.get("processes_per_host"):
            config[MPI_NUM_PROCESSES_PER_HOST] = mpi["processes_per_host"]
        config[MPI_CUSTOM_MPI_OPTIONS] = mpi.get("custom_mpi_options", "")
    ddp_enabled = False
    if "smdistributed" in distribution:
        smd = distribution["smdistributed"]
        modelparallel = smd.get("modelparallel", {})
        if modelparallel.get("enabled", False) is True:
            config["mp_parameters"] = dict(modelparallel.get("parameters", {}))
        torch_distributed = _enabled(distribution, "torch_distributed")
        ddp_enabled = smd.get("dataparallel", {}).get("enabled", False)
        if any(image in (image_uri or "") for image in UNSUPPORTED_SM_PARALLELISM_IMAGES) and not torch_distributed:
            raise ValueError(f"SMDistributed is currently incompatible with DLC image: {image_uri}.")
        if not torch_distributed and "p5.48xlarge" in (instance_type or ""):
            raise ValueError("SMModelParallel and SMDataParallel currently do not support p5 instances.")
        config[LAUNCH_SM_DDP] = ddp_enabled
        config[INSTANCE_TYPE] = instance_type
        if ddp_enabled:
            config[SM_DDP_CUSTOM_MPI_OPTIONS] = smd["dataparallel"].get("custom_mpi_options", "")
    if "multi_worker_mirrored_strategy" in distribution:
        config[LAUNCH_MWMS] = distribution["multi_worker_mirrored_strategy"].get("enabled", False)
    if not (mpi_enabled or ddp_enabled) and config.get("sagemaker_distribution_instance_groups") not in (None, []):
        raise ValueError("Don't set training instance groups while no distribution strategies enabled!")
    return config


def torch_hyperparameters(distribution: Mapping[str, Any], instance_type: Optional[str],
                          image_uri: Optional[str], smdistributed_with_torch: bool = True) -> Dict[str, Any]:
    """PyTorch/HuggingFace: pytorchddp and torch_distributed flags, else the generic ones."""
    if "pytorchddp" in distribution and _enabled(distribution, "pytorchddp"):
        config: Dict[str, Any] = {LAUNCH_PYTORCH_DDP: True}
        if instance_type is not None:
            config[INSTANCE_TYPE] = instance_type
        return config
    if "pytorchddp" not in distribution and _enabled(distribution, "torch_distributed"):
        config = {}
        if smdistributed_with_torch and "smdistributed" in distribution:
            config = generic_hyperparameters(distribution, instance_type, image_uri)
        config[LAUNCH_TORCH_DISTRIBUTED] = True
        if instance_type is not None:
            config[INSTANCE_TYPE] = instance_type
        return config
    return generic_hyperparameters(distribution, instance_type, image_uri)


def warn_ignored_strategies(distribution: Mapping[str, Any]) -> None:
    """One warning when ``torch_distributed`` is enabled with ``pytorchddp`` or ``mpi``.

    V2 accepts both combinations and silently keeps one launcher: with ``pytorchddp``
    the data-parallel launcher runs (the toolkit checks it before torch_distributed);
    with ``mpi`` (and no ``smdistributed``) only the torch_distributed flag is sent.
    """
    if not _enabled(distribution, "torch_distributed"):
        return
    if _enabled(distribution, "pytorchddp"):
        used, ignored = "pytorchddp", "torch_distributed"
    elif _enabled(distribution, "mpi") and "smdistributed" not in distribution:
        used, ignored = "torch_distributed", "mpi"
    else:
        return
    logger.warning("distribution enables both %s and %s: only %s takes effect, %s is ignored (as in V2).",
                   used, ignored, used, ignored)


def resolve_instance_groups(distribution: Dict[str, Any], instance_groups: Optional[List[Any]]) -> Dict[str, Any]:
    """Replace InstanceGroup objects in ``distribution['instance_groups']`` by their names (V2)."""
    chosen = list(distribution.get("instance_groups", []))
    if instance_groups is None:
        if chosen:
            raise ValueError("distribution['instance_groups'] is set but the estimator has no instance_groups.")
        return distribution
    if len(chosen) > len(instance_groups):
        raise ValueError("Train instance groups oversubscribed !")
    if len(instance_groups) == 1 and not chosen:
        chosen = list(instance_groups)
    elif len(instance_groups) > 1 and len(chosen) != 1:
        raise ValueError("Distribution should only contain one instance group name !")
    for group in chosen:
        if group not in instance_groups:
            raise ValueError(f"Invalid training instance group {getattr(group, 'instance_group_name', group)} !")
    if chosen:
        distribution = dict(distribution)
        distribution["instance_groups"] = [group.instance_group_name for group in chosen]
    return distribution


class TorchLaunchHyperparameters:
    """Mixin for PyTorch and HuggingFace: distribution and training-compiler settings, and the
    launch flags they add to the hyperparameters."""

    #: V2's PyTorch folds smdistributed options into torch_distributed; HuggingFace does not
    _smdistributed_with_torch = True

    # set by the estimator's constructor (EstimatorBase / Framework), which this mixin is combined with
    instance_type: Optional[str]
    instance_groups: Optional[list]
    image_uri: Optional[str]

    def _set_launch_options(self, distribution: Optional[Dict[str, Any]], framework: str,
                            full_version: Optional[str], py_version: Optional[str], image_uri: Optional[str],
                            entry_point: Optional[str], compiler_config: Any) -> None:
        """Validate and store ``distribution`` and ``compiler_config`` (after the base constructor ran)."""
        from sagemaker_estimators.frameworks.compiler import TrainingCompilerConfig

        if distribution is not None:
            distribution = validate_distribution(distribution, framework, full_version, py_version,
                                                 self.instance_type, image_uri, entry_point)
            distribution = resolve_instance_groups(distribution, self.instance_groups)
        self.distribution = distribution or {}
        if compiler_config is not None and not isinstance(compiler_config, TrainingCompilerConfig):
            raise TypeError(f"compiler_config must be a TrainingCompilerConfig, got {type(compiler_config).__name__}")
        if compiler_config is None and "pytorchxla" in self.distribution:
            raise ValueError("Distributed training through PyTorch XLA is currently only supported when "
                             "SageMaker Training Compiler is enabled (compiler_config).")
        self.compiler_config = compiler_config

    def _framework_hyperparameters(self) -> Dict[str, Any]:
        extra = torch_hyperparameters(self.distribution, self.instance_type, self.image_uri,
                                      smdistributed_with_torch=self._smdistributed_with_torch)
        if self.compiler_config:
            extra.update(self.compiler_config._to_hyperparameter_dict())
        return extra
