"""Reading an AWS framework image URI back into framework, Python version and tag (as V2 does).

Used by ``attach()`` to restore ``framework_version`` / ``py_version`` from a training job's image.
"""
from __future__ import annotations

import re
from typing import Optional, Tuple

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
