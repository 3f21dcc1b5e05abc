"""The image-URI registry: which container image a framework or algorithm runs in.

``retrieve()`` returns the same ECR URI as SDK V2's ``sagemaker.image_uris.retrieve``
for every framework and built-in algorithm V2 knows, from data that can be
newer than this package (see ``docs/image_uris.md``):

1. overlay JSON named by ``SAGEMAKER_ESTIMATORS_IMAGE_URIS`` (or the defaults
   config key ``SageMaker.PythonSDK.Modules.ImageUris.Overlay``),
2. the image-URI JSON of an installed ``sagemaker-core`` (read as data),
3. the JSON bundled here.

Helpers for estimators: :func:`supported_versions`, :func:`validate_version`,
:func:`supported_py_versions`, :func:`validate_py_version`, :func:`latest_version`,
:func:`processor_for_instance_type`, :func:`is_local_instance_type`,
:func:`instance_family`, :func:`is_graviton_instance_type`, :func:`frameworks`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional

from . import rules
from .instances import (
    instance_family,
    is_graviton_instance_type,
    is_local_instance_type,
    processor_for_instance_type,
)
from .lookup import UnknownFrameworkError, UnsupportedValueError
from .registry import Registry, default_registry, reload
from .sources import DataSource, OVERLAY_ENV, SKIP_CORE_ENV

if TYPE_CHECKING:
    from sagemaker_estimators.session_like import SessionLike

__all__ = [
    "retrieve",
    "config_for_framework",
    "get_training_image_uri",
    "get_base_python_image_uri",
    "frameworks",
    "supported_versions",
    "latest_version",
    "validate_version",
    "supported_py_versions",
    "validate_py_version",
    "processor_for_instance_type",
    "is_local_instance_type",
    "is_graviton_instance_type",
    "instance_family",
    "Registry",
    "DataSource",
    "default_registry",
    "reload",
    "UnsupportedValueError",
    "UnknownFrameworkError",
    "OVERLAY_ENV",
    "SKIP_CORE_ENV",
]


def retrieve(
    framework: str,
    region: str,
    version: Optional[str] = None,
    py_version: Optional[str] = None,
    instance_type: Optional[str] = None,
    accelerator_type: Optional[str] = None,
    image_scope: Optional[str] = None,
    container_version: Optional[str] = None,
    distribution: Optional[Dict[str, Any]] = None,
    base_framework_version: Optional[str] = None,
    training_compiler_config: Any = None,
    model_id: Optional[str] = None,
    model_version: Optional[str] = None,
    hub_arn: Optional[str] = None,
    tolerate_vulnerable_model: bool = False,
    tolerate_deprecated_model: bool = False,
    sdk_version: Optional[str] = None,
    inference_tool: Optional[str] = None,
    serverless_inference_config: Any = None,
    sagemaker_session: Optional[SessionLike] = None,
    config_name: Optional[str] = None,
    model_type: Any = None,
) -> str:
    """Return the ECR URI of the SageMaker image for the given arguments (V2 signature).

    Args:
        framework: framework or algorithm name ("pytorch", "xgboost", "kmeans" ...).
        region: AWS region; cn-*, us-gov-* and ISO regions get their partition's domain.
        version: framework/algorithm version or alias ("2.1" -> "2.1.0"); required when
            the data has several (the latest is used where V2 would pick one).
        py_version: "py310" ...; required when the version has several.
        instance_type: "ml.g5.xlarge", "local", "local_gpu", "local_process" ... picks
            the processor (cpu/gpu/inf/trn/family) and Graviton/neuron images.
        accelerator_type: Elastic Inference type ("ml.eia2.medium"); selects scope "eia".
        image_scope: "training", "inference", "inference_graviton", "eia", "processing".
        container_version: tag build component for frameworks that take one.
        distribution: distribution dict; ``smdistributed`` picks V2's p4d/SMD tags.
        base_framework_version: HuggingFace base, e.g. "pytorch2.1.0".
        training_compiler_config: truthy selects the training-compiler images.
        model_id, model_version, hub_arn, tolerate_vulnerable_model,
            tolerate_deprecated_model, sagemaker_session, config_name, model_type:
            JumpStart arguments; JumpStart models are not supported here.
        sdk_version: Neuron SDK version for neuron images (default: latest in data).
        inference_tool: "neuron" or "neuronx" (default from the instance type).
        serverless_inference_config: when set, the CPU image is chosen.

    Raises:
        ValueError: unsupported framework, version, region, Python version, scope,
            processor or instance type; the message lists the valid choices.
    """
    if model_id is not None or model_version is not None or hub_arn is not None:
        raise ValueError(
            f"JumpStart models are not supported by sagemaker-estimators (model_id={model_id!r}, "
            f"model_version={model_version!r}). Use SageMaker Python SDK V3 JumpStart support, "
            "or pass framework/version to retrieve a framework or algorithm image."
        )
    return default_registry().retrieve(
        framework, region, version, py_version, instance_type, accelerator_type, image_scope,
        container_version, distribution, base_framework_version, training_compiler_config,
        sdk_version, inference_tool, serverless_inference_config,
    )


def _smp_container_version(framework_version: Optional[str], instance_type: Optional[str]) -> str:
    version = framework_version or ""
    if any(fragment in version for fragment in rules.SMP_CU124_VERSIONS):
        return "cu124"
    if (instance_type and "p5" in instance_type) or any(
            fragment in version for fragment in rules.SMP_CU121_VERSIONS):
        return "cu121"
    return "cu118"


def _uses_model_parallel(distribution: Optional[Dict[str, Any]]) -> bool:
    if not distribution or "torch_distributed" not in distribution:
        return False
    smd = distribution.get("smdistributed")
    if not isinstance(smd, dict) or "modelparallel" not in smd:
        return False
    return bool(smd["modelparallel"].get("enabled", True))


def config_for_framework(framework: str) -> Dict[str, Any]:
    """The image-URI config of ``framework`` in V2's layout (``image_uri_config/<framework>.json``).

    Taken from the first source that knows it (overlay, sagemaker-core, bundled); a copy, so
    changing it changes no lookup.  An unknown name raises :class:`UnknownFrameworkError`, which
    is both a ValueError and the FileNotFoundError V2 raises.
    """
    import copy

    config, _ = default_registry()._first(lambda source: source.get(framework), f"{framework} config")
    return copy.deepcopy(config)


def get_training_image_uri(
    region: str,
    framework: str,
    framework_version: Optional[str] = None,
    py_version: Optional[str] = None,
    image_uri: Optional[str] = None,
    distribution: Optional[Dict[str, Any]] = None,
    compiler_config: Any = None,
    tensorflow_version: Optional[str] = None,
    pytorch_version: Optional[str] = None,
    instance_type: Optional[str] = None,
) -> str:
    """The training image for an estimator (V2's ``get_training_image_uri``).

    Returns ``image_uri`` when given.  ``tensorflow_version``/``pytorch_version``
    make it a HuggingFace image on that base; a ``torch_distributed`` +
    ``smdistributed.modelparallel`` distribution selects the ``pytorch-smp`` image.
    """
    if image_uri:
        return image_uri
    container_version = None
    base_framework_version = None
    if tensorflow_version is not None or pytorch_version is not None:
        processor = processor_for_instance_type(instance_type, ("cpu", "gpu"))  # type: ignore
        if processor not in ("cpu", "gpu"):
            raise UnsupportedValueError("processor", processor, ["cpu", "gpu"])
        if processor == "gpu" and not compiler_config:
            container_version = rules.HF_GPU_CONTAINER_VERSION
        base_framework_version = (f"tensorflow{tensorflow_version}" if tensorflow_version
                                  is not None else f"pytorch{pytorch_version}")
    if distribution is not None and _uses_model_parallel(distribution):
        framework = "pytorch-smp"
        container_version = _smp_container_version(framework_version, instance_type)
    return retrieve(
        framework, region, version=framework_version, py_version=py_version,
        instance_type=instance_type, image_scope="training", distribution=distribution,
        base_framework_version=base_framework_version, container_version=container_version,
        training_compiler_config=compiler_config,
    )


def get_base_python_image_uri(region: str, py_version: str = "310") -> str:
    """The SageMaker base Python image (V2's ``get_base_python_image_uri``)."""
    version = "1.0"

    def query(source: DataSource) -> str:
        config = source.get("sagemaker-base-python")
        aliases = config.get("version_aliases", {})
        node = config["versions"][aliases.get(version, version)]
        registries = node["registries"]
        if region not in registries:
            raise UnsupportedValueError("region", region, list(registries))
        return (f"{registries[region]}.dkr.{rules.ecr_hostname(region)}/"
                f"{node['repository']}-{py_version}:{version}")

    return default_registry()._first(query, "sagemaker-base-python image URI")[0]


def frameworks() -> List[str]:
    """Every framework and algorithm name ``retrieve()`` knows, sorted."""
    return default_registry().frameworks()


def supported_versions(framework: str, image_scope: Optional[str] = None) -> List[str]:
    """Versions and aliases of ``framework`` for ``image_scope`` (valid choices to show)."""
    return default_registry().supported_versions(framework, image_scope)


def latest_version(framework: str, image_scope: Optional[str] = None) -> Optional[str]:
    """The version ``retrieve()`` picks when ``version`` is not given."""
    return default_registry().latest_version(framework, image_scope)


def validate_version(framework: str, version: str, image_scope: Optional[str] = None) -> str:
    """Check ``version`` and return the full version it names ("2.1" -> "2.1.0")."""
    return default_registry().validate_version(framework, version, image_scope)


def supported_py_versions(framework: str, version: str, image_scope: Optional[str] = None,
                          base_framework_version: Optional[str] = None) -> List[str]:
    """Python versions offered for ``framework`` ``version`` (empty: no py tag)."""
    return default_registry().supported_py_versions(framework, version, image_scope,
                                                    base_framework_version)


def validate_py_version(framework: str, version: str, py_version: Optional[str],
                        image_scope: Optional[str] = None,
                        base_framework_version: Optional[str] = None) -> Optional[str]:
    """Check ``py_version`` and return the one ``retrieve()`` uses (defaulted if single)."""
    return default_registry().validate_py_version(framework, version, py_version, image_scope,
                                                  base_framework_version)
