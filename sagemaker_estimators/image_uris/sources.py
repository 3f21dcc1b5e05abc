"""Where image-URI data comes from: overlay files, sagemaker-core's JSON, bundled data.

A :class:`DataSource` maps framework names to parsed configs.  It lists its
files once and parses each file on first use; a file in a layout this version
does not understand is skipped with a debug log (so a future sagemaker-core
format never breaks ``retrieve()``: the next source answers instead).
"""
from __future__ import annotations

import json
import logging
import os
from typing import Any, Dict, Iterable, List, Optional

from . import formats
from .lookup import UnknownFrameworkError

logger = logging.getLogger(__name__)

#: env var naming overlay JSON files or directories (os.pathsep separated)
OVERLAY_ENV = "SAGEMAKER_ESTIMATORS_IMAGE_URIS"
#: env var that, set to 1/true/yes, ignores an installed sagemaker-core's data
SKIP_CORE_ENV = "SAGEMAKER_ESTIMATORS_IMAGE_URIS_SKIP_CORE"
#: key path of the overlay in the SageMaker defaults config (config.yaml)
DEFAULTS_CONFIG_KEY = ("SageMaker", "PythonSDK", "Modules", "ImageUris", "Overlay")
BUNDLED_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
#: sagemaker-core's data folder, relative to a ``sagemaker`` package directory
CORE_SUBDIR = os.path.join("core", "image_uri_config")
#: files in a data folder that are not framework configs
NON_FRAMEWORK_FILES = frozenset({"instance_gpu_info"})


class DataSource:
    """Framework configs from JSON files: a folder of ``<name>.json`` and/or documents.

    Args:
        label: shown in debug logs and errors ("bundled", "sagemaker-core:<dir>" ...).
        directory: a folder of ``<framework>.json`` files (either layout).
        documents: ``name -> raw document`` already read (an overlay file's content).
    """

    def __init__(self, label: str, directory: Optional[str] = None,
                 documents: Optional[Dict[str, Any]] = None):
        self.label = label
        self.directory = directory
        self._raw: Dict[str, Any] = dict(documents or {})
        self._paths: Optional[Dict[str, str]] = None
        self._parsed: Dict[str, Optional[Dict[str, Any]]] = {}

    def __repr__(self) -> str:
        return f"DataSource({self.label!r})"

    def _files(self) -> Dict[str, str]:
        if self._paths is None:
            paths: Dict[str, str] = {}
            if self.directory:
                try:
                    entries = sorted(os.listdir(self.directory))
                except OSError as error:
                    logger.debug("image-URI source %s: cannot list %s: %s",
                                 self.label, self.directory, error)
                    entries = []
                for entry in entries:
                    name, ext = os.path.splitext(entry)
                    if ext == ".json" and not name.startswith("_") \
                            and name not in NON_FRAMEWORK_FILES:
                        paths[name] = os.path.join(self.directory, entry)
            self._paths = paths
        return self._paths

    def names(self) -> List[str]:
        """Framework names this source may answer for (unparsed files included)."""
        names = dict.fromkeys(self._raw)
        names.update(dict.fromkeys(self._files()))
        return [n for n in names if self._parsed.get(n, True) is not None]

    def find(self, name: str) -> Optional[Dict[str, Any]]:
        """The parsed config of ``name``, or None when absent or not understood."""
        try:
            return self._parsed[name]
        except KeyError:
            pass
        config = None
        try:
            if name in self._raw:
                config = formats.parse_document(self._raw[name], name)[1]
            elif name in self._files():
                config = formats.load_file(self._files()[name], name)[1]
        except (formats.FormatError, OSError) as error:
            logger.debug("image-URI source %s: skipping %s: %s", self.label, name, error)
            config = None
        self._parsed[name] = config
        return config

    def get(self, name: str) -> Dict[str, Any]:
        """Like :meth:`find` but raises :class:`UnknownFrameworkError` naming the choices."""
        config = self.find(name)
        if config is None:
            raise UnknownFrameworkError(name, self.names())
        return config


def _truthy(value: Optional[str]) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


def overlay_source(path: str) -> DataSource:
    """A source from an overlay path: a folder of ``<framework>.json`` or one JSON file.

    A single file is either a bundled-layout document (its ``name`` says the
    framework) or ``{"frameworks": {name: document, ...}}`` with documents in
    either layout.  A file that cannot be read is reported at debug level and
    gives an empty source.
    """
    path = os.path.expanduser(path)
    label = f"overlay:{path}"
    if os.path.isdir(path):
        return DataSource(label, directory=path)
    documents: Dict[str, Any] = {}
    try:
        with open(path, encoding="utf-8") as handle:
            doc = json.load(handle)
    except (OSError, ValueError) as error:
        logger.debug("image-URI overlay %s not used: %s", path, error)
        return DataSource(label, documents=documents)
    if isinstance(doc, dict) and isinstance(doc.get("frameworks"), dict):
        documents.update(doc["frameworks"])
    elif isinstance(doc, dict) and isinstance(doc.get("name"), str):
        documents[doc["name"]] = doc
    else:
        logger.debug("image-URI overlay %s not used: expected 'frameworks' or 'name'", path)
    return DataSource(label, documents=documents)


def _defaults_config_files() -> Iterable[str]:
    """SageMaker defaults config files, user file first (it wins over the admin one)."""
    user = os.environ.get("SAGEMAKER_USER_CONFIG_OVERRIDE") or os.path.join(
        os.path.expanduser("~"), ".config", "sagemaker", "config.yaml")
    admin = os.environ.get("SAGEMAKER_ADMIN_CONFIG_OVERRIDE") or "/etc/xdg/sagemaker/config.yaml"
    return [p for p in (user, admin) if os.path.isfile(p)]


def defaults_config_overlay() -> Optional[str]:
    """The overlay path set under ``SageMaker.PythonSDK.Modules.ImageUris.Overlay``, if any."""
    files = list(_defaults_config_files())
    if not files:
        return None
    import yaml

    for path in files:
        try:
            with open(path, encoding="utf-8") as handle:
                node: Any = yaml.safe_load(handle)
        except (OSError, yaml.YAMLError) as error:
            logger.debug("SageMaker defaults config %s not read: %s", path, error)
            continue
        for key in DEFAULTS_CONFIG_KEY:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, str) and node:
            return node
    return None


def overlay_paths() -> List[str]:
    """Overlay paths from ``SAGEMAKER_ESTIMATORS_IMAGE_URIS``, else from the defaults config."""
    value = os.environ.get(OVERLAY_ENV)
    if value:
        return [p for p in value.split(os.pathsep) if p]
    configured = defaults_config_overlay()
    return [configured] if configured else []


def find_core_data_dir() -> Optional[str]:
    """Folder of the installed sagemaker-core's image-URI JSON, found without importing it."""
    import importlib.util
    import sys

    locations: List[str] = []
    module = sys.modules.get("sagemaker")
    if module is not None:
        locations.extend(getattr(module, "__path__", []) or [])
    else:
        try:
            spec = importlib.util.find_spec("sagemaker")
        except (ImportError, ValueError):
            spec = None
        if spec is not None:
            locations.extend(spec.submodule_search_locations or [])
    for location in locations:
        candidate = os.path.join(location, CORE_SUBDIR)
        if os.path.isdir(candidate):
            return candidate
    return None


def default_sources() -> List[DataSource]:
    """Overlay sources, then sagemaker-core's data (when installed), then the bundled data."""
    sources = [overlay_source(p) for p in overlay_paths()]
    if not _truthy(os.environ.get(SKIP_CORE_ENV)):
        core_dir = find_core_data_dir()
        if core_dir:
            sources.append(DataSource(f"sagemaker-core:{core_dir}", directory=core_dir))
    sources.append(bundled_source())
    return sources


def bundled_source() -> DataSource:
    """The data shipped with this package."""
    return DataSource("bundled", directory=BUNDLED_DIR)
