"""Instance types: family, processor kind, local modes.

These helpers answer the questions estimators and :func:`retrieve` ask about an
``instance_type`` string: ``"ml.g5.xlarge"`` is a GPU instance of family
``g5``; ``"ml.c6g.large"`` is a Graviton (arm64) CPU; ``"local"``,
``"local_gpu"`` and ``"local_process"`` run on this machine.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional, Sequence

#: instance families that run the arm64 (Graviton) inference images
GRAVITON_FAMILIES = ("m6g", "m6gd", "c6g", "c6gd", "c6gn", "c7g", "r6g", "r6gd")
#: frameworks that have Graviton inference images
GRAVITON_FRAMEWORKS = frozenset({"tensorflow", "pytorch", "xgboost", "sklearn"})
#: local instance types and the processor each one uses
LOCAL_INSTANCE_TYPES = {"local": "cpu", "local_gpu": "gpu", "local_process": "cpu"}

_FAMILY = re.compile(r"^ml[._]([a-z\d\-]+)\.?\w*$")


@lru_cache(maxsize=1024)
def instance_family(instance_type: Optional[str]) -> str:
    """Return the family of ``ml.<family>.<size>`` (or ``ml_<family>``), ``""`` otherwise."""
    if not isinstance(instance_type, str):
        return ""
    match = _FAMILY.match(instance_type)
    return match.group(1) if match else ""


def is_local_instance_type(instance_type: Optional[str]) -> bool:
    """True for the instance types that run on this machine: ``local``, ``local_gpu``, ``local_process``.

    The one definition the package uses (the session choice, fit/deploy checks, the local
    clients). Image URIs alone follow V2's looser ``startswith("local")`` for the processor.
    """
    return isinstance(instance_type, str) and instance_type in LOCAL_INSTANCE_TYPES


def is_graviton_instance_type(instance_type: Optional[str]) -> bool:
    """True when the instance type belongs to a Graviton family with arm64 images."""
    return instance_family(instance_type) in GRAVITON_FAMILIES


def _invalid(instance_type: str) -> ValueError:
    return ValueError(
        f"Invalid SageMaker instance type: {instance_type}. Valid forms: "
        "ml.<family>.<size> (e.g. ml.m5.xlarge), local, local_gpu, local_process. "
        "For options, see: https://aws.amazon.com/sagemaker/pricing/instance-types"
    )


def processor_for_instance_type(
    instance_type: str, available: Optional[Sequence[str]] = None
) -> str:
    """Return the image processor kind for ``instance_type``.

    ``"cpu"``, ``"gpu"`` (``g*``/``p*`` families, ``local_gpu``), ``"inf"``
    (Inferentia), ``"trn"`` (Trainium), ``"neuron"`` (``neuron*`` names) or, when
    ``available`` lists it, the family itself (images optimised for e.g. ``c5``).
    ``local`` and ``local_process`` are ``"cpu"``; other ``local*`` names are ``"gpu"``.
    Graviton instances are ``"cpu"`` (the arm64 image is chosen by image scope).
    The result is not checked against ``available``; :func:`retrieve` does that.

    Raises:
        ValueError: if ``instance_type`` is empty or not a recognised form.
    """
    if not instance_type:
        raise ValueError(
            "Empty SageMaker instance type. For options, see: "
            "https://aws.amazon.com/sagemaker/pricing/instance-types"
        )
    if not isinstance(instance_type, str):
        raise TypeError(f"instance_type must be a str, got {type(instance_type).__name__}")
    if instance_type.startswith("local"):
        return LOCAL_INSTANCE_TYPES.get(instance_type, "gpu")
    if instance_type.startswith("neuron"):
        return "neuron"
    family = instance_family(instance_type)
    if not family:
        raise _invalid(instance_type)
    if available and family in available:
        return family
    if family.startswith("inf"):
        return "inf"
    if family.startswith("trn"):
        return "trn"
    if family[0] in ("g", "p"):
        return "gpu"
    return "cpu"


def neuron_tool_for_instance_type(instance_type: Optional[str]) -> Optional[str]:
    """``"neuron"`` for Inferentia/Trainium instance types, else ``None``."""
    family = instance_family(instance_type)
    return "neuron" if family.startswith(("inf", "trn")) else None
