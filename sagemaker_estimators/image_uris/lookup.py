"""Resolving one image URI against one source of parsed configs.

:func:`resolve` is the whole decision procedure of ``retrieve()``: choose the
config (framework, neuron or training-compiler variant) and image scope,
resolve the version (aliases, latest), the HuggingFace base framework, the
Python version, the region's account, the processor, and assemble the tag.
It reproduces SDK V2's observable results; the code is a walk over the dicts
produced by :mod:`.formats`.
"""
from __future__ import annotations

import logging
import re
from typing import Any, Callable, Collection, Dict, List, Optional, Sequence

from sagemaker_estimators.exceptions import SageMakerEstimatorsError
from . import rules
from .formats import scopes_of
from .instances import (
    GRAVITON_FAMILIES,
    GRAVITON_FRAMEWORKS,
    instance_family,
    neuron_tool_for_instance_type,
    processor_for_instance_type,
)

logger = logging.getLogger(__name__)

GRAVITON_SCOPE = "inference_graviton"
_BASE_FRAMEWORK = re.compile(r"^(pytorch|tensorflow)(.*)$")
UPGRADE_HINT = (
    "Newer images are picked up from an installed sagemaker-core, or can be added "
    "with an overlay file named by SAGEMAKER_ESTIMATORS_IMAGE_URIS (see docs/image_uris.md)."
)


class UnsupportedValueError(ValueError, SageMakerEstimatorsError):
    """A value is not among the choices the image-URI data offers.

    Attributes:
        arg_name: what was looked up ("pytorch version", "region", "Python version" ...).
        value: the value given.
        choices: the valid values, in data order.
    """

    def __init__(self, arg_name: str, value: Any, choices: Sequence[Any], hint: bool = True):
        self.arg_name = arg_name
        self.value = value
        self.choices = list(choices)
        message = (
            f"Unsupported {arg_name}: {value}. "
            f"Supported {arg_name}(s): {', '.join(str(c) for c in self.choices)}."
        )
        if hint:
            message += " " + UPGRADE_HINT
        super().__init__(message)


class UnknownFrameworkError(UnsupportedValueError, FileNotFoundError):
    """The framework or algorithm has no config in a source.

    Also a FileNotFoundError: V2 raises that (it opens ``image_uri_config/<framework>.json``), so
    ``except FileNotFoundError`` in V2 code keeps working.
    """

    def __init__(self, value: Any, choices: Sequence[str]):
        super().__init__("framework or algorithm", value, sorted(choices))


GetConfig = Callable[[str], Dict[str, Any]]


def check_choice(value: Any, choices: Collection[str], arg_name: str) -> str:
    """``value``; :class:`UnsupportedValueError` unless it is one of ``choices``."""
    if not isinstance(value, str) or value not in choices:
        raise UnsupportedValueError(arg_name, value, list(choices))
    return value


def choose_scope(config: Dict[str, Any], image_scope: Optional[str],
                 accelerator_type: Optional[str] = None, strict: bool = False) -> Dict[str, Any]:
    """Return the scope config of ``config`` for ``image_scope`` (V2's defaulting rules).

    ``strict`` turns off V2's "only one scope: use it whatever was asked" rule, so a
    higher-priority source that lacks the scope asked for does not answer for it.
    """
    if accelerator_type:
        if not accelerator_type.startswith("ml.eia") and accelerator_type != "local_sagemaker_notebook":
            raise ValueError(
                f"Invalid SageMaker Elastic Inference accelerator type: {accelerator_type}. "
                "Valid types start with 'ml.eia' (or 'local_sagemaker_notebook'). "
                "See https://docs.aws.amazon.com/sagemaker/latest/dg/ei.html"
            )
        if image_scope not in ("eia", "inference"):
            logger.warning("Elastic inference is for inference only. Ignoring image scope: %s.",
                           image_scope)
        image_scope = "eia"
    scopes = scopes_of(config)
    if strict and image_scope:
        check_choice(image_scope, scopes, "image scope")
    if len(scopes) == 1:
        if image_scope and image_scope != scopes[0]:
            logger.warning("Defaulting to only supported image scope: %s. Ignoring image scope: %s.",
                           scopes[0], image_scope)
        image_scope = scopes[0]
    elif not image_scope and "scope" in config and set(scopes) == {"training", "inference"}:
        image_scope = scopes[0]
    image_scope = check_choice(image_scope, scopes, "image scope")
    return config if "scope" in config else config[image_scope]


def _newest(first: str, last: str) -> str:
    if first.endswith(".x") or last.endswith(".x"):
        return f"{max(int(first[:-2]), int(last[:-2]))}.x"
    from packaging.version import Version

    return first if Version(first) >= Version(last) else last


def latest_version(config: Dict[str, Any], image_scope: Optional[str]) -> Optional[str]:
    """The version V2 picks when none is given (``None`` when it cannot tell)."""
    scoped = config.get(image_scope) if image_scope is not None else None
    if isinstance(scoped, dict) and "latest" in scoped.get("version_aliases", {}):
        return scoped["version_aliases"]["latest"]
    if "versions" in config:
        versions = list(config["versions"])
        if len(versions) == 1:
            return versions[0]
        if "latest" in (versions[0], versions[-1]):
            return None
    elif isinstance(scoped, dict) and "versions" in scoped:
        versions = list(scoped["versions"])
    elif "versions" in config.get("processing", {}):
        versions = list(config["processing"]["versions"])
    else:
        return None
    if not versions:
        return None
    return _newest(versions[0], versions[-1])


def resolve_version(scope_config: Dict[str, Any], version: Optional[str], framework: str,
                    get_config: GetConfig, image_scope: Optional[str],
                    strict: bool = False) -> str:
    """Validate ``version`` (or pick the default one); returns the version as given/defaulted.

    ``strict`` turns off V2's "only one version: use it whatever was asked" rule.
    """
    versions = scope_config["versions"]
    aliases = scope_config.get("version_aliases", {})
    if len(versions) == 1 and version not in aliases and not (strict and version):
        return next(iter(versions))
    if not version:
        version = latest_version(get_config(framework), image_scope)
    if version is None or (version not in versions and version not in aliases):
        raise UnsupportedValueError(f"{framework} version", version, list(versions) + list(aliases))
    return version


def version_config(scope_config: Dict[str, Any], version: str) -> Dict[str, Any]:
    """The config of ``version`` after alias resolution."""
    full = scope_config.get("version_aliases", {}).get(version, version)
    return scope_config["versions"][full]


def py_versions_of(node: Dict[str, Any]) -> List[str]:
    """Python versions offered by a version (or base-framework) config."""
    if "repository" in node:
        return list(node.get("py_versions") or [])
    return list(node.keys())


def resolve_py_version(node: Dict[str, Any], py_version: Optional[str],
                       framework: str) -> Optional[str]:
    """Validate ``py_version`` against ``node`` (or default it as V2 does)."""
    available = py_versions_of(node)
    if not available:
        if py_version:
            logger.info("Ignoring unnecessary Python version: %s.", py_version)
        return None
    if py_version is None and framework == "spark":
        return None
    if py_version is None and len(available) == 1:
        return available[0]
    check_choice(py_version, available, "Python version")
    return py_version


def _processor(instance_type: Optional[str], available: Optional[Sequence[str]],
               serverless: bool) -> Optional[str]:
    if not available:
        return None
    if len(available) == 1 and not instance_type:
        return available[0]
    if serverless:
        return "cpu"
    processor = processor_for_instance_type(instance_type, available)  # type: ignore[arg-type]
    check_choice(processor, available, "processor")
    return processor


def _join_tag(*parts: Optional[str]) -> str:
    return "-".join(p for p in parts if p)


def resolve(
    get_config: GetConfig,
    framework: str,
    region: str,
    version: Optional[str] = None,
    py_version: Optional[str] = None,
    instance_type: Optional[str] = None,
    accelerator_type: Optional[str] = None,
    image_scope: Optional[str] = None,
    container_version: Optional[str] = None,
    smdistributed: bool = False,
    base_framework_version: Optional[str] = None,
    training_compiler: bool = False,
    sdk_version: Optional[str] = None,
    inference_tool: Optional[str] = None,
    serverless: bool = False,
    strict: bool = False,
) -> str:
    """Return the image URI for the arguments of ``retrieve()`` using ``get_config``.

    ``get_config(name)`` returns a parsed config or raises :class:`UnknownFrameworkError`.
    ``strict`` answers only when the version and scope asked for are in the data
    (see :class:`~.registry.Registry` for why); without it the rules are V2's.
    """
    family = instance_family(instance_type)
    if training_compiler and framework in rules.TRAINING_COMPILER_FRAMEWORKS:
        final_scope = image_scope
        config_name = f"{framework}-training-compiler"
    else:
        config_name = framework
        if framework in rules.NEURON_FRAMEWORKS:
            inference_tool = inference_tool or neuron_tool_for_instance_type(instance_type)
            if inference_tool in ("neuron", "neuronx"):
                config_name = f"{framework}-{inference_tool}"
        if framework in GRAVITON_FRAMEWORKS and family in GRAVITON_FAMILIES:
            final_scope = GRAVITON_SCOPE
        elif image_scope is None and framework in ("xgboost", "sklearn"):
            final_scope = "training"
        else:
            final_scope = image_scope
        if instance_type is not None:
            if "trn" in instance_type and framework not in rules.TRAINIUM_FRAMEWORKS:
                raise ValueError(
                    f"Unsupported framework: {framework}. Supported framework(s) for "
                    f"Trainium instances: {list(rules.TRAINIUM_FRAMEWORKS)}."
                )
            if family in GRAVITON_FAMILIES and framework not in GRAVITON_FRAMEWORKS:
                raise ValueError(
                    f"Unsupported framework: {framework}. Supported framework(s) for "
                    f"Graviton instances: {sorted(GRAVITON_FRAMEWORKS)}."
                )
    config = choose_scope(get_config(config_name), final_scope, accelerator_type, strict)

    requested_version = version
    version = resolve_version(config, version, framework, get_config, image_scope, strict)
    node = version_config(config, version)

    if framework == "huggingface":
        aliases = node.get("version_aliases")
        if not aliases:
            raise ValueError(
                f"huggingface version {version} has no base framework versions in the data"
            )
        full_base = aliases.get(base_framework_version, base_framework_version)
        check_choice(full_base, list(node.keys()), "base framework")
        node = node[full_base]

    py_version = resolve_py_version(node, py_version, framework)
    if py_version is not None and py_version in node:
        node = node[py_version] or node

    registries = node["registries"]
    check_choice(region, registries, "region")
    account = registries[region]
    repository = node["repository"]
    processor = _processor(instance_type, config.get("processors") or node.get("processors"),
                           serverless)

    requested_container_version = container_version
    container_map = node.get("container_version")
    if container_map:
        if processor not in container_map:
            raise UnsupportedValueError("processor", processor, list(container_map))
        container_version = container_map[processor]
    if repository in rules.SDK_PREFIXED_REPOSITORIES:
        sdk_version = sdk_version or max(node["sdk_versions"])
        container_version = f"{sdk_version}-{container_version}"

    if framework == "huggingface":
        tag_prefix = _huggingface_tag_prefix(config, node, repository, requested_version, version,
                                             base_framework_version, sdk_version,
                                             container_version)
        if repository in rules.HF_NEURON_REPOSITORIES:
            container_version = f"{sdk_version or max(node['sdk_versions'])}-{container_version}"
    else:
        tag_prefix = node.get("tag_prefix", version)

    graviton_repository = repository == f"{framework}-inference-graviton"
    if graviton_repository or repository == f"{framework}-inference-arm64":
        container_version = f"{container_version}-sagemaker"
    if not node.get("processor_in_tag", True):  # newer sagemaker-core data: tag has no cpu/gpu
        processor = None

    if family == "p2" and framework in rules.P2_DEPRECATED_FROM:
        from packaging.version import Version

        if Version(version) >= Version(rules.P2_DEPRECATED_FROM[framework]):
            raise ValueError(
                "P2 instances have been deprecated for sagemaker jobs starting PyTorch 1.13 and "
                "TensorFlow 2.12. For information about supported instance types please refer "
                "to https://aws.amazon.com/sagemaker/pricing/"
            )

    if (
        requested_container_version is not None
        and not container_map
        and framework not in rules.CONTAINER_VERSION_FRAMEWORKS
        and not graviton_repository
        and "neuron" not in repository
    ):
        raise ValueError(
            f"container_version {requested_container_version!r} is not supported for framework "
            f"{framework!r} version {version!r}: the image tag would not name a published "
            "image. container_version is a tag build component (e.g. a CUDA/OS suffix), "
            "not a Deep Learning Containers release; omit it and pass the full framework version."
        )

    tag = _tag(framework, version, tag_prefix, processor, py_version, container_version,
               inference_tool, instance_type, family, final_scope, smdistributed)
    if tag:
        repository = f"{repository}:{tag}"
    return f"{account}.dkr.{rules.ecr_hostname(region)}/{repository}"


def _huggingface_tag_prefix(config, node, repository, requested_version, version,
                            base_framework_version, sdk_version, container_version) -> str:
    if not isinstance(base_framework_version, str):
        raise ValueError(
            "base_framework_version is required for huggingface images, e.g. 'pytorch2.1.0' "
            f"or 'tensorflow2.6.3'; got {base_framework_version!r}"
        )
    match = _BASE_FRAMEWORK.match(base_framework_version)
    if match is None:
        raise ValueError(
            f"Unsupported base_framework_version: {base_framework_version!r}. It must start "
            "with 'pytorch' or 'tensorflow' followed by the version, e.g. 'pytorch2.1.0'."
        )
    base_version = match.group(2)
    hf_version = requested_version
    if repository in rules.HF_TRCOMP_REPOSITORIES:
        hf_version = version
    if repository in rules.HF_NEURON_REPOSITORIES:
        hf_version = (config.get("version_aliases") or {}).get(requested_version) or hf_version
        nested = config.get("versions", {}).get(hf_version, {}).get("version_aliases", {})
        if nested.get(base_framework_version):
            alias = nested[base_framework_version]
            alias_match = _BASE_FRAMEWORK.match(alias)
            if alias_match is None:
                raise ValueError(f"base framework version alias {alias!r} names neither pytorch nor tensorflow")
            base_version = alias_match.group(2)
    return f"{base_version}-transformers{hf_version}"


def _tag(framework, version, tag_prefix, processor, py_version, container_version,
         inference_tool, instance_type, family, final_scope, smdistributed) -> str:
    if framework in rules.ARM64_TAGS and (
        family in GRAVITON_FAMILIES or final_scope == GRAVITON_SCOPE
    ):
        if family and family not in GRAVITON_FAMILIES:
            raise UnsupportedValueError("instance type", family, GRAVITON_FAMILIES)
        arm_tags = rules.ARM64_TAGS[framework]
        check_choice(version, arm_tags, f"{framework} version for Graviton instances")
        return arm_tags[version]
    tag = _join_tag(tag_prefix, inference_tool or processor, py_version, container_version)
    if instance_type is not None and (family == "p4d" or smdistributed):
        suffix = rules.AUTO_CONTAINER_VERSIONS.get(f"{framework}-{tag}")
        if suffix:
            tag = f"{tag}-{suffix}"
    if framework == "sagemaker-tritonserver" and processor == "gpu":
        tag = tag.rstrip("-gpu")
    return tag
