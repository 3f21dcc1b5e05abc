"""Argument checks shared by estimators, models and transformers.

Every check raises before anything is uploaded or created, with a message that
names the parameter, the bad value and what would be valid.
"""
from __future__ import annotations

import difflib
import logging
import numbers
from typing import Any, Iterable, Mapping, Optional, Sequence

from sagemaker_estimators.exceptions import SageMakerEstimatorsError
from sagemaker_estimators.image_uris.instances import LOCAL_INSTANCE_TYPES


logger = logging.getLogger(__name__)


class ConfigurationError(ValueError, RuntimeError, SageMakerEstimatorsError):
    """An invalid combination of arguments.

    It is a ValueError (this project's rule for bad input) and a RuntimeError
    (what V2 raised in the same situations), so either ``except`` keeps working.
    """


class UnsupportedSettingError(ValueError, AttributeError, SageMakerEstimatorsError):
    """A setting the framework does not support, where V2 raises AttributeError (SKLearn's py_version
    and instance_count): a ValueError (this project's rule) that ``except AttributeError`` still catches."""


#: the sentinel V2's ``get_vpc_config`` / ``create_model`` take for "the estimator's own VPC config"
VPC_CONFIG_DEFAULT = "VPC_CONFIG_DEFAULT"


def check_positive_int(name: str, value: Any, minimum: int = 1, allow_none: bool = True) -> None:
    if value is None and allow_none:
        return
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}: {value!r}")
    if value < minimum:
        raise ValueError(f"{name}={value!r} is invalid: it must be >= {minimum}.")


def check_choice(name: str, value: Any, choices: Sequence[Any], allow_none: bool = True) -> None:
    if value is None and allow_none:
        return
    if value not in choices:
        raise ValueError(f"{name}={value!r} is not valid; valid values: {', '.join(map(str, choices))}.")


def check_str(name: str, value: Any, allow_none: bool = True) -> None:
    if value is None and allow_none:
        return
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}: {value!r}")


def check_instance_type(name: str, value: Any) -> None:
    """``ml.*`` instance types, local modes, or anything a user's private region may name."""
    if value is None:
        return
    check_str(name, value)
    if value in LOCAL_INSTANCE_TYPES or value.startswith("ml."):
        return
    raise ValueError(
        f"{name}={value!r} is not a SageMaker instance type: use an 'ml.*' type (e.g. 'ml.m5.xlarge') "
        f"or one of {', '.join(LOCAL_INSTANCE_TYPES)}."
    )


def check_s3_uri(name: str, value: Any, allow_file: bool = False, allow_none: bool = True) -> None:
    if value is None and allow_none:
        return
    check_str(name, value)
    if value.startswith("s3://") and len(value) > 5 and value[5] != "/":
        return
    if allow_file and value.startswith("file://"):
        return
    expected = '"s3://bucket/..."' + (' or "file://..."' if allow_file else "")
    raise ValueError(f"{name}={value!r} is not a valid URI: expected {expected}.")


def check_str_list(name: str, value: Any, allow_none: bool = True) -> None:
    if value is None and allow_none:
        return
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise TypeError(f"{name} must be a list of str, got {type(value).__name__}: {value!r}")
    for item in value:
        if not isinstance(item, str):
            raise TypeError(f"{name} must be a list of str; item {item!r} is {type(item).__name__}")


def check_str_mapping(name: str, value: Any, allow_none: bool = True) -> None:
    if value is None and allow_none:
        return
    if not isinstance(value, Mapping):
        raise TypeError(f"{name} must be a dict of str to str, got {type(value).__name__}: {value!r}")
    for key, item in value.items():
        if not isinstance(key, str) or not isinstance(item, str):
            raise TypeError(f"{name}[{key!r}]={item!r}: keys and values must be str")


_PLAIN_TYPES = (str, int, float, bool, type(None))


def check_hyperparameter_value(key: str, value: Any, path: Optional[str] = None) -> None:
    """Hyperparameter values: str, numbers, bool, None, and lists/dicts of those."""
    where = path or f"hyperparameters[{key!r}]"
    if isinstance(value, _PLAIN_TYPES):
        if isinstance(value, float) and value != value:  # NaN
            raise ValueError(f"{where} is NaN, which cannot be sent as a hyperparameter")
        return
    if isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            check_hyperparameter_value(key, item, f"{where}[{index}]")
        return
    if isinstance(value, Mapping):
        for sub_key, item in value.items():
            if not isinstance(sub_key, str):
                raise TypeError(f"{where} has a non-str key {sub_key!r}")
            check_hyperparameter_value(key, item, f"{where}[{sub_key!r}]")
        return
    if hasattr(value, "item") and callable(value.item) and type(value).__module__.startswith("numpy"):
        return  # numpy scalars: str()/json via .item()
    raise TypeError(
        f"{where}={value!r} has unsupported type {type(value).__name__}; use str, int, float, bool, "
        "None, or lists/dicts of those."
    )


def check_hyperparameters(value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, Mapping):
        raise TypeError(f"hyperparameters must be a dict, got {type(value).__name__}: {value!r}")
    for key, item in value.items():
        if not isinstance(key, str):
            raise TypeError(f"hyperparameters key {key!r} must be a str")
        check_hyperparameter_value(key, item)


def unknown_kwargs_error(owner: str, unknown: Iterable[str], known: Iterable[str]) -> TypeError:
    known = sorted(known)
    parts = []
    for name in sorted(unknown):
        close = difflib.get_close_matches(name, known, n=1)
        parts.append(f"{name!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
    return TypeError(f"{owner}() got unexpected keyword argument(s): {', '.join(parts)}")


def warn_unknown_kwargs(owner: str, unknown: Mapping[str, Any], known: Iterable[str] = ()) -> None:
    """Log one warning naming keyword arguments that V2 accepts and silently drops."""
    if not unknown:
        return
    known = sorted(known)
    parts = []
    for name in sorted(unknown):
        close = difflib.get_close_matches(name, known, n=1)
        parts.append(f"{name!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
    logger.warning(
        "%s() ignores unknown keyword argument(s) %s, as SageMaker Python SDK V2 does: they have no effect.",
        owner, ", ".join(parts),
    )


def tags_as_list(tags: Any) -> Any:
    """V2's first step on tags: a dict {key: value} becomes a list of {"Key", "Value"}; the rest is kept.

    The full check (:func:`format_tags`) runs when the tags are first sent.
    """
    if isinstance(tags, Mapping):
        return [{"Key": str(key), "Value": str(value)} for key, value in tags.items()]
    return tags


def format_tags(tags: Any) -> Optional[list]:
    """Tags as a list of {"Key", "Value"} dicts; a dict {key: value} is converted (V2)."""
    if tags is None:
        return None
    if isinstance(tags, Mapping):
        return [{"Key": str(key), "Value": str(value)} for key, value in tags.items()]
    if isinstance(tags, (list, tuple)):
        result = []
        for tag in tags:
            if not isinstance(tag, Mapping) or "Key" not in tag or "Value" not in tag:
                raise ValueError(f"tags item {tag!r} must be a dict with 'Key' and 'Value'")
            result.append(dict(tag))
        return result
    raise TypeError(f"tags must be a list of {{'Key': ..., 'Value': ...}} dicts or a dict, got {tags!r}")
