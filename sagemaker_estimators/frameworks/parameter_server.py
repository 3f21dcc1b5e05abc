"""Checks shared by the frameworks whose images run a parameter server (TensorFlow, MXNet).

The instance-type list and the warning's meaning are facts carried over from V2.
"""
from __future__ import annotations

import logging
from typing import Any, Mapping, Optional

logger = logging.getLogger(__name__)

#: GPU instance types with one GPU: a parameter server uses them fully
SINGLE_GPU_INSTANCE_TYPES = ("ml.p2.xlarge", "ml.p3.2xlarge")


def parameter_server_enabled(distribution: Optional[Mapping[str, Any]]) -> bool:
    option = (distribution or {}).get("parameter_server")
    return bool(isinstance(option, Mapping) and option.get("enabled", False))


def warn_parameter_server_setup(distribution: Optional[Mapping[str, Any]], instance_type: Optional[str],
                                instance_count: Optional[int]) -> None:
    """Log what a parameter-server job will not do: use every GPU of a multi-GPU host, or run a
    parameter server at all on a single host."""
    if not parameter_server_enabled(distribution):
        return
    if isinstance(instance_type, str) and instance_type != "local":
        family = instance_type.split(".")[1] if instance_type.count(".") >= 1 else ""
        multi_gpu = (instance_type == "local_gpu" or family.startswith("p")) \
            and instance_type not in SINGLE_GPU_INSTANCE_TYPES
        if multi_gpu:
            logger.warning(
                "distribution parameter_server on the multi-GPU instance type %s: the parameter server runs "
                "one worker per host, so training will not use every GPU of the host (use mpi/Horovod or "
                "multi_worker_mirrored_strategy for that).", instance_type)
    if instance_count == 1:
        logger.warning(
            "distribution parameter_server with instance_count=1: the framework container starts parameter "
            "servers only when there are two or more hosts, so this job trains on one process without one.")
