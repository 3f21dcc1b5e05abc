"""Which value wins: the user's, the config file's or the built-in default (V2's precedence).

Every function takes the merged config as plain data (``session.sagemaker_config``,
``None`` or ``{}`` when there is none) and returns a new value; none performs I/O.
When a config value is used, an INFO line names its key ("Applied value from
config key = SageMaker.TrainingJob.RoleArn"), as V2 logs; the value itself is
logged at DEBUG only, with secret-looking names masked.

The generic entry point for a job kind is :func:`resolve_value`::

    role = resolve_value(role, PROCESSING_JOB_ROLE_ARN_PATH, config)              # user > config
    isolation = resolve_value(isolation, path, config, default_value=False)      # user > config > default
"""
from __future__ import annotations

import copy
import logging
import re
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, overload

from sagemaker_estimators.config.keys import KEY

if TYPE_CHECKING:
    from sagemaker_estimators.session_like import SessionLike

logger = logging.getLogger(__name__)

_SECRET_NAME = re.compile(r"(secret|password|key|token)", re.IGNORECASE)


def config_of(session: object) -> Optional[Dict[str, Any]]:
    """The merged defaults config a session holds (None for objects without one)."""
    return getattr(session, "sagemaker_config", None)


def get_config_value(config: Optional[Dict[str, Any]], key_path: str) -> Any:
    """A copy of the value at dotted ``key_path`` in ``config``, or None when any part is missing."""
    current: Any = config
    for name in key_path.split("."):
        if not isinstance(current, dict) or name not in current:
            return None
        current = current[name]
    return copy.deepcopy(current)


def _masked(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: ("***" if isinstance(key, str) and _SECRET_NAME.search(key) else item)
                for key, item in value.items()}
    return value


def _log_applied(key_path: str, config_value: Any, source_value: Any = None, result: Any = None,
                 merged: bool = False) -> None:
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug("Applied value%s from config key = %s: config value %r, given %r, used %r",
                     "(s)" if merged else "", key_path, _masked(config_value), _masked(source_value),
                     _masked(result if merged else config_value))
    else:
        logger.info("Applied value%s from config key = %s", "(s)" if merged else "", key_path)


def resolve_value(direct_input: Any, key_path: str, config: Optional[Dict[str, Any]],
                  default_value: Any = None) -> Any:
    """``direct_input`` unless it is None, else the config value at ``key_path``, else ``default_value``."""
    config_value = get_config_value(config, key_path) if key_path else None
    if direct_input is not None:
        if config_value is not None:
            logger.debug("Skipped value from config key = %s: a value was given", key_path)
        return direct_input
    if config_value is not None:
        _log_applied(key_path, config_value)
        return config_value
    return default_value


def resolve_value_from_config(direct_input: Any = None, config_path: Optional[str] = None,
                              default_value: Any = None, sagemaker_session: Optional[SessionLike] = None,
                              sagemaker_config: Optional[Dict[str, Any]] = None) -> Any:
    """V2's ``sagemaker.utils.resolve_value_from_config`` signature over :func:`resolve_value`.

    The config is the session's ``sagemaker_config`` when a session is given, else ``sagemaker_config``.
    """
    config = config_of(sagemaker_session) if sagemaker_session is not None else sagemaker_config
    return resolve_value(direct_input, config_path or "", config, default_value)


@overload
def merge_with_config(source: Dict[str, Any], key_path: str, config: Optional[Dict[str, Any]]) -> Dict[str, Any]:
    ...


@overload
def merge_with_config(source: Optional[Dict[str, Any]], key_path: str,
                      config: Optional[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    ...


def merge_with_config(source: Optional[Dict[str, Any]], key_path: str,
                      config: Optional[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    """The config mapping at ``key_path`` overlaid with ``source`` (source keys win, recursively).

    ``source`` is returned unchanged (None stays None) when the config has
    nothing there, so an absent section never becomes ``{}``.
    """
    from sagemaker_estimators.config.loader import deep_merge

    config_value = get_config_value(config, key_path)
    if not config_value:
        return source
    merged = deep_merge(copy.deepcopy(config_value), source or {})
    if merged != source:
        _log_applied(key_path, config_value, source, merged, merged=True)
    return merged


def set_nested_default(dictionary: Optional[Dict[str, Any]], nested_keys: Sequence[str], key_path: str,
                       config: Optional[Dict[str, Any]], default_value: Any = None) -> Optional[Dict[str, Any]]:
    """Set ``dictionary[k1][k2]...`` from the config (or ``default_value``) when it holds no value there.

    Returns the (possibly new) dictionary; it is created when None and a value applies.
    """
    config_value = get_config_value(config, key_path)
    value = config_value if config_value is not None else default_value
    if value is None:
        return dictionary
    current: Any = dictionary
    for name in nested_keys:
        current = current.get(name) if isinstance(current, dict) else None
    if current is not None:
        return dictionary
    result = copy.deepcopy(dictionary) if dictionary is not None else {}
    place = result
    for name in nested_keys[:-1]:
        if not isinstance(place.get(name), dict):
            place[name] = {}
        place = place[name]
    place[nested_keys[-1]] = value
    if config_value is not None:
        _log_applied(key_path, config_value)
    return result


def _has_path(item: Dict[str, Any], dotted: str) -> bool:
    return get_config_value(item, dotted) not in (None, "", [], {})


def merge_list_with_config(items: Optional[List[Dict[str, Any]]], key_path: str, config: Optional[Dict[str, Any]],
                           required_key_paths: Sequence[str] = (),
                           union_key_paths: Sequence[Sequence[str]] = ()) -> Optional[List[Dict[str, Any]]]:
    """Overlay the i-th item of ``items`` on the i-th mapping of the config list at ``key_path``.

    An item is left as it is when the merged result lacks one of
    ``required_key_paths`` or holds more than one key of a group in
    ``union_key_paths`` (V2's rules for ProductionVariants and ProcessingInputs).
    """
    from sagemaker_estimators.config.loader import deep_merge

    if not items:
        return items
    config_items = get_config_value(config, key_path) or []
    result = [copy.deepcopy(item) for item in items]
    for index, config_item in enumerate(config_items[:len(result)]):
        merged = deep_merge(copy.deepcopy(config_item), result[index])
        if not all(_has_path(merged, path) for path in required_key_paths):
            continue
        if any(sum(1 for path in group if _has_path(merged, path)) > 1 for group in union_key_paths):
            continue
        result[index] = merged
    if result != items:
        _log_applied(key_path, config_items, items, result, merged=True)
    return result


def append_config_tags(tags: Optional[List[Dict[str, str]]], key_path: str,
                       config: Optional[Dict[str, Any]]) -> Optional[List[Dict[str, str]]]:
    """``tags`` followed by the config's tags at ``key_path`` whose Key the user did not use.

    As in V2, a non-empty ``tags`` list is extended in place, so a caller that
    reuses its list for the next request (an estimator's tags for the model, a
    model's tags for the endpoint config and the endpoint) carries the additions
    on.  Returns ``tags`` itself when the config has none (None stays None).
    """
    config_tags = get_config_value(config, key_path)
    if not config_tags:
        return tags
    before = list(tags or [])
    combined = tags if isinstance(tags, list) and tags else list(tags or [])
    used = {tag.get("Key") for tag in combined if isinstance(tag, dict)}
    for tag in config_tags:
        if tag[KEY] not in used:
            combined.append(tag)
            used.add(tag[KEY])
    if combined != before:
        _log_applied(key_path, config_tags, before, combined, merged=True)
    return combined
