"""Reading and merging SageMaker defaults config files (V2's ``load_sagemaker_config``).

Files are read in this order, each later one overriding the earlier ones key
by key (lists are replaced, mappings merged):

1. the admin file: ``$SAGEMAKER_ADMIN_CONFIG_OVERRIDE`` or the default admin path,
2. the user file: ``$SAGEMAKER_USER_CONFIG_OVERRIDE`` or the default user path,
3. ``additional_config_paths``, in order.

A location is a file, a directory holding ``config.yaml``, an ``s3://`` object
or an ``s3://`` prefix holding ``config.yaml``.  A missing default file is
skipped; a missing file the user named (variable or argument) is an error.
Every file is validated (:mod:`.schema`) before it is merged.
"""
from __future__ import annotations

import copy
import logging
import os
from typing import Any, Dict, List, Optional

from sagemaker_estimators.config import locations
from sagemaker_estimators.config.schema import ConfigValidationError, validate
from sagemaker_estimators.exceptions import SageMakerEstimatorsError

logger = logging.getLogger(__name__)

S3_PREFIX = "s3://"
_logged: set = set()


class ConfigLocationError(ValueError, SageMakerEstimatorsError):
    """A config location the user named does not exist or cannot be read."""


def _log_once(message: str, *args: Any, repeat: bool = False) -> None:
    key = (message, args)
    if repeat or key not in _logged:
        _logged.add(key)
        logger.info(message, *args)


def deep_merge(target: Dict[str, Any], source: Dict[str, Any]) -> Dict[str, Any]:
    """Merge ``source`` into ``target`` in place: mappings recursively, anything else replaced."""
    for key, value in source.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            deep_merge(target[key], value)
        else:
            target[key] = copy.deepcopy(value)
    return target


def _parse_yaml(text: str, source: str) -> Any:
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ConfigValidationError("", f"not valid YAML: {error}", source) from error


def load_config_file(path: str) -> Any:
    """The parsed content of a local file, or of ``config.yaml`` in a directory.

    Raises :class:`ConfigLocationError` when there is no such file.
    """
    file_path = os.path.join(path, locations.CONFIG_FILE_NAME) if os.path.isdir(path) else path
    if not os.path.isfile(file_path):
        raise ConfigLocationError(
            f"Unable to load the SageMaker defaults config from {path!r}: no such file"
            + (" (nor a config.yaml in that directory)" if os.path.isdir(path) else "")
            + ". Provide a valid file path.")
    logger.debug("Fetching defaults config from location: %s", path)
    with open(file_path, encoding="utf-8") as handle:
        return _parse_yaml(handle.read(), file_path)


def _split_s3(uri: str) -> tuple:
    bucket, _, key = uri[len(S3_PREFIX):].partition("/")
    return bucket, key


def resolve_s3_config_uri(uri: str, s3_resource: Any) -> str:
    """The object to read for ``uri``: itself, or ``<uri>/config.yaml`` when ``uri`` is a prefix of several objects."""
    bucket, prefix = _split_s3(uri)
    found = [f"{S3_PREFIX}{bucket}/{item.key}"
             for item in s3_resource.Bucket(name=bucket).objects.filter(Prefix=prefix).all()]
    if not found:
        raise ConfigLocationError(f"Provide a valid S3 path instead of {uri}: nothing is stored there.")
    if len(found) == 1:
        return uri
    inside = f"{uri.rstrip('/')}/{locations.CONFIG_FILE_NAME}"
    if inside not in found:
        raise ConfigLocationError(
            f"{uri} holds several objects: provide an S3 URI of a directory that has a "
            f"{locations.CONFIG_FILE_NAME} file, or of the file itself.")
    return inside


def load_config_s3(uri: str, s3_resource: Any = None) -> Any:
    """The parsed content of an ``s3://`` config object (or ``config.yaml`` under an ``s3://`` prefix)."""
    if s3_resource is None:
        import boto3

        boto_session = boto3.DEFAULT_SESSION or boto3.Session()
        if boto_session.region_name is None:
            raise ValueError("Must setup local AWS configuration with a region supported by SageMaker "
                             f"to read the SageMaker defaults config from {uri}.")
        s3_resource = boto_session.resource("s3", region_name=boto_session.region_name)
    logger.debug("Fetching defaults config from location: %s", uri)
    target = resolve_s3_config_uri(uri, s3_resource)
    bucket, key = _split_s3(target)
    body = s3_resource.Object(bucket, key).get()["Body"].read()
    return _parse_yaml(body.decode("utf-8"), target)


def config_locations(additional_config_paths: Optional[List[str]] = None) -> List[tuple]:
    """(location, named by the user) for every location to read, in merge order."""
    found = []
    for variable, default in ((locations.ADMIN_CONFIG_OVERRIDE, locations.default_admin_config_path()),
                              (locations.USER_CONFIG_OVERRIDE, locations.default_user_config_path())):
        override = os.environ.get(variable)
        found.append((override, True) if override is not None else (default, False))
    found.extend((path, True) for path in additional_config_paths or [])
    return [(path, named) for path, named in found if path is not None]


def load_sagemaker_config(additional_config_paths: Optional[List[str]] = None, s3_resource: Any = None,
                          repeat_log: bool = False) -> Dict[str, Any]:
    """Read, validate and merge the admin, user and additional config files (V2's signature).

    Returns the merged dict (``{}`` when there is no file).  Raises
    :class:`~sagemaker_estimators.config.schema.ConfigValidationError` (a ValueError
    naming the file and the key) for a malformed file, and ConfigLocationError (a
    ValueError) for a location the user named that does not exist.
    """
    merged: Dict[str, Any] = {}
    for path, named in config_locations(additional_config_paths):
        if path.startswith(S3_PREFIX):
            content = load_config_s3(path, s3_resource)
        else:
            try:
                content = load_config_file(path)
            except ConfigLocationError as error:
                if named:
                    raise
                logger.debug("%s", error)
                content = None
        if content:
            validate(content, path)
            deep_merge(merged, content)
            _log_once("Fetched defaults config from location: %s", path, repeat=repeat_log)
        else:
            _log_once("Not applying SDK defaults from location: %s", path, repeat=repeat_log)
    return merged


def validate_sagemaker_config(sagemaker_config: Optional[Dict[str, Any]] = None) -> None:
    """Check a defaults dict (V2's name); raises ConfigValidationError naming the key."""
    validate(sagemaker_config, "sagemaker_config")


def load_local_mode_config() -> Optional[Dict[str, Any]]:
    """V2's ``~/.sagemaker/config.yaml`` (the local-mode settings), or None when there is none."""
    try:
        return load_config_file(os.path.expanduser(locations.LOCAL_MODE_CONFIG_FILE))
    except ConfigLocationError:
        return None
