"""What the framework estimators share: version checks against the registry and reading images back."""
from __future__ import annotations

import logging
import re
from typing import Optional

from sagemaker_estimators import image_uris

logger = logging.getLogger(__name__)



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


def is_gpu_instance(instance_type: Optional[str]) -> bool:
    if instance_type == "local_gpu":
        return True
    match = re.match(r"^ml[\._]([a-z\d\-]+)\.?\w*$", instance_type or "")
    return bool(match and match[1][:1] in ("p", "g"))


def is_trainium_instance(instance_type: Optional[str]) -> bool:
    match = re.match(r"^ml[\._]([a-z\d\-]+)\.?\w*$", instance_type or "")
    return bool(match and match[1].startswith("trn"))
