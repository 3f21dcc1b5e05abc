"""What the framework estimators share: version checks against the registry and reading images back."""
from __future__ import annotations

import logging
import re
from typing import Optional, Tuple

from sagemaker_estimators import image_uris

logger = logging.getLogger(__name__)

_ECR_URI = re.compile(r"^(\d+)(\.)dkr(\.)ecr(\.)(.+)(\.)(.*)(/)(.*:.*)$")
_FRAMEWORK_IMAGE = re.compile(
    r"^(?:sagemaker(?:-rl)?-)?"
    r"(tensorflow|mxnet|chainer|pytorch|pytorch-trcomp|scikit-learn|xgboost"
    r"|huggingface-tensorflow|huggingface-pytorch"
    r"|huggingface-tensorflow-trcomp|huggingface-pytorch-trcomp)(?:-)?"
    r"(scriptmode|training)?"
    r":(.*)-(.*?)-(py2|py3\d*)(?:.*)$"
)
_SHORT_XGBOOST = re.compile(r"^sagemaker-(xgboost):(.*)$")


def require_versions(estimator: str, framework_version: Optional[str], py_version: Optional[str],
                     image_uri: Optional[str]) -> None:
    """V2's rule: without image_uri both framework_version and py_version are required."""
    if image_uri is None and (framework_version is None or py_version is None):
        raise ValueError(
            f"{estimator}: framework_version and py_version are required when image_uri is not given "
            f"(got framework_version={framework_version!r}, py_version={py_version!r})."
        )


#: V2's warning for py_version="py2" (fw_utils.PYTHON_2_DEPRECATION_WARNING), with its latest py2 version
_PY2_WARNING = ("{latest} is the latest version of {framework} that supports Python 2. Newer versions of "
                "{framework} will only be available for Python 3.Please set the argument \"py_version='py3'\" "
                "to use the Python 3 {framework} image.")
#: the last version of each framework with a py2 image (V2's ``<fw>.defaults.LATEST_PY2_VERSION``)
LATEST_PY2_VERSIONS = {"pytorch": "1.3.1"}


def require_script_and_versions(estimator: str, entry_point: Optional[str], framework_version: Optional[str],
                                py_version: Optional[str], image_uri: Optional[str]) -> None:
    """A framework estimator's first checks: a training script, then :func:`require_versions`."""
    if entry_point is None:
        raise ValueError("entry_point is required: the path of the training script (e.g. 'train.py').")
    require_versions(estimator, framework_version, py_version, image_uri)


def warn_if_py2(framework: str, py_version: Optional[str]) -> None:
    """Log V2's deprecation warning for ``py_version="py2"``: V2 warns at construction; the registry
    refuses py2 at fit when the version has no py2 image."""
    if py_version == "py2":
        logger.warning(_PY2_WARNING.format(latest=LATEST_PY2_VERSIONS.get(framework, ""), framework=framework))


def resolve_version_leniently(framework: str, framework_version: Optional[str],
                              image_scope: str = "training") -> Optional[str]:
    """The registry's full version of ``framework_version`` ("2.1" -> "2.1.0"), or the value as given
    when the registry does not know it (the error is raised later, where V2 first needs the image)."""
    if framework_version is None:
        return None
    try:
        return image_uris.validate_version(framework, framework_version, image_scope)
    except (ValueError, TypeError):
        return framework_version


def check_versions(framework: str, framework_version: Optional[str], py_version: Optional[str],
                   image_scope: str = "training", base_framework_version: Optional[str] = None,
                   parameter: str = "framework_version") -> str:
    """Validate against the registry; return the full version ("2.1" -> "2.1.0").

    Errors are ValueErrors naming the parameter and the supported values.
    """
    try:
        if framework_version is None:
            raise ValueError("no framework version")  # refused below like any version the registry lacks
        full = image_uris.validate_version(framework, framework_version, image_scope)
    except ValueError:
        choices = image_uris.supported_versions(framework, image_scope)
        raise ValueError(
            f"{parameter}={framework_version!r} is not supported for {framework} ({image_scope}); "
            f"supported versions: {', '.join(choices)}."
        ) from None
    if py_version is not None:
        choices = image_uris.supported_py_versions(framework, framework_version, image_scope,
                                                   base_framework_version)
        if choices and py_version not in choices:
            raise ValueError(
                f"py_version={py_version!r} is not supported for {framework} {framework_version} "
                f"({image_scope}); supported: {', '.join(choices)}."
            )
    return full


def framework_name_from_image(image_uri: Optional[str]
                              ) -> Tuple[Optional[str], Optional[str], Optional[str], Optional[str]]:
    """(framework, py_version, tag, scriptmode) read from an AWS framework image URI, as V2 reads it."""
    match = _ECR_URI.match(image_uri or "")
    if match is None:
        return None, None, None, None
    repository_and_tag = match.group(9)
    name = _FRAMEWORK_IMAGE.match(repository_and_tag)
    if name is not None:
        framework, scriptmode, version, device, py = name.groups()
        return framework, py, f"{version}-{device}-{py}", scriptmode
    short = _SHORT_XGBOOST.match(repository_and_tag)
    if short is not None:
        return short.group(1), "py3", short.group(2), None
    return None, None, None, None


def framework_version_from_tag(tag: Optional[str]) -> Optional[str]:
    """``2.1.0-gpu-py310`` -> ``2.1.0``; ``1.7-1`` (XGBoost) -> ``1.7-1``."""
    if tag is None:
        return None
    match = re.match(r"^(.*)-(cpu|gpu)-(py2|py3\d*)$", tag) or re.match(r"^(\d\.\d+\-\d)$", tag)
    return None if match is None else match.group(1)


def is_gpu_instance(instance_type: Optional[str]) -> bool:
    if instance_type == "local_gpu":
        return True
    match = re.match(r"^ml[\._]([a-z\d\-]+)\.?\w*$", instance_type or "")
    return bool(match and match[1][:1] in ("p", "g"))


def is_trainium_instance(instance_type: Optional[str]) -> bool:
    match = re.match(r"^ml[\._]([a-z\d\-]+)\.?\w*$", instance_type or "")
    return bool(match and match[1].startswith("trn"))


def restore_framework_versions(params: dict, job_details: dict, framework_name: str) -> dict:
    """attach(): read framework_version / py_version back from the job's training image (V2's rules)."""
    image_uri = params.pop("image_uri")
    framework, py_version, tag, _ = framework_name_from_image(image_uri)
    if framework and framework_name == "pytorch":
        framework = framework.split("-")[0]  # pytorch-trcomp images are PyTorch jobs too
    params["framework_version"] = framework_version_from_tag(tag)
    params["py_version"] = py_version
    if not framework:
        params["image_uri"] = image_uri
        return params
    expected = {"sklearn": "scikit-learn"}.get(framework_name, framework_name)
    if framework != expected:
        raise ValueError(
            f"Training job {job_details['TrainingJobName']} didn't use an image of the requested "
            f"framework ({expected}): its image is {image_uri}"
        )
    return params


def model_source_dir(estimator) -> Optional[str]:
    """Where the inference code of ``create_model`` comes from (V2's ``_model_source_dir``)."""
    if estimator.sagemaker_session.local_mode:
        return estimator.source_dir
    if estimator.uploaded_code is not None:
        return estimator.uploaded_code.s3_prefix
    return None


def model_entry_point(estimator) -> Optional[str]:
    """The inference entry point of ``create_model`` (V2's ``_model_entry_point``)."""
    if estimator.sagemaker_session.local_mode or model_source_dir(estimator) is None:
        return estimator.entry_point
    if estimator.uploaded_code is not None:
        return estimator.uploaded_code.script_name
    return None


def framework_create_model(estimator, model_class, model_server_workers=None, role=None,
                           vpc_config_override="VPC_CONFIG_DEFAULT", entry_point=None, source_dir=None,
                           dependencies=None, default_entry_point=True, with_network_isolation=False,
                           **kwargs):
    """Build ``model_class`` from a trained framework estimator the way V2's create_model does."""
    kwargs.setdefault("image_uri", estimator.image_uri)
    kwargs["name"] = estimator._get_or_create_name(kwargs.get("name"))
    if with_network_isolation:
        kwargs.setdefault("enable_network_isolation", estimator.enable_network_isolation())
    if default_entry_point:
        entry_point = entry_point or model_entry_point(estimator)
    return model_class(
        model_data=estimator.model_data,
        role=role or estimator.role,
        entry_point=entry_point,
        source_dir=source_dir or model_source_dir(estimator),
        container_log_level=estimator.container_log_level,
        code_location=estimator.code_location,
        model_server_workers=model_server_workers,
        sagemaker_session=estimator.sagemaker_session,
        vpc_config=estimator.get_vpc_config(vpc_config_override),
        dependencies=dependencies or estimator.dependencies,
        **estimator._model_version_kwargs(),
        **kwargs,
    )
