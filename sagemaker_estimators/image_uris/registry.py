"""The layered registry: ask each source in order, remember answers.

A :class:`Registry` holds an ordered list of :class:`~.sources.DataSource`
(overlay, sagemaker-core, bundled).  A query goes to the first source; if that
source cannot answer it (framework, version, region ... not in its data) the
next one is asked.  Answers are memoised, so a repeated ``retrieve()`` is one
dictionary lookup.

V2 answers some questions from a file with a single version or a single scope
whatever version or scope was asked (``kmeans`` version "anything" is version
"1").  Across layers that would let a one-version overlay answer for every
version, so ``retrieve()`` first asks all sources strictly (the version and
scope given must be in the data) and only then with V2's lenient rules.
"""
from __future__ import annotations

import logging
import threading
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, TypeVar

from . import lookup
from .lookup import UnknownFrameworkError, UnsupportedValueError
from .sources import DataSource, default_sources

logger = logging.getLogger(__name__)
T = TypeVar("T")
_MEMO_LIMIT = 8192
#: errors a malformed source can cause inside a lookup (the next source is tried)
_DATA_ERRORS = (KeyError, TypeError, IndexError, AttributeError)


#: names of the memo-key fields after framework and region (None: not a str argument)
_OPTIONAL_STR_ARGS = ("version", "py_version", "instance_type", "accelerator_type",
                      "image_scope", "container_version", None, "base_framework_version", None,
                      "sdk_version", "inference_tool", None)
#: retrieve()'s arguments as lookup.resolve() takes them positionally (framework, region, the fields above);
#: their types are checked in Registry._retrieve_uncached
_MemoKey = Tuple[Any, Any, Any, Any, Any, Any, Any, Any, bool, Any, bool, Any, Any, bool]


class Registry:
    """Image-URI data from ordered sources, with memoised lookups.

    Args:
        sources: highest priority first; defaults to :func:`~.sources.default_sources`.
    """

    def __init__(self, sources: Optional[Sequence[DataSource]] = None):
        self.sources: List[DataSource] = list(sources) if sources is not None else default_sources()
        self._memo: Dict[_MemoKey, Tuple[str, str]] = {}

    def __repr__(self) -> str:
        return f"Registry({[s.label for s in self.sources]!r})"

    # -- generic layering -------------------------------------------------
    def _first(self, query: Callable[[DataSource], T], what: str) -> Tuple[T, str]:
        """Run ``query`` on each source until one answers; raise the most relevant error."""
        first_error: Optional[Exception] = None
        unknown: List[str] = []
        unknown_value: Any = what.split(" ", 1)[0]
        for source in self.sources:
            try:
                return query(source), source.label
            except UnknownFrameworkError as error:
                if not unknown:
                    unknown_value = error.value
                unknown.extend(error.choices)
            except ValueError as error:
                if first_error is None:
                    first_error = error
            except _DATA_ERRORS as error:  # a malformed file in this source
                logger.debug("image-URI source %s could not answer %s: %r",
                             source.label, what, error)
                if first_error is None:
                    first_error = ValueError(f"{what}: data in {source.label} is malformed "
                                             f"({error!r})")
        if first_error is not None:
            raise first_error
        raise UnknownFrameworkError(unknown_value, sorted(set(unknown)))

    def frameworks(self) -> List[str]:
        """Every framework and algorithm name any source knows, sorted."""
        names = set()
        for source in self.sources:
            names.update(source.names())
        return sorted(names)

    # -- retrieve ---------------------------------------------------------
    def retrieve(
        self,
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
        sdk_version: Optional[str] = None,
        inference_tool: Optional[str] = None,
        serverless_inference_config: Any = None,
    ) -> str:
        """The image URI (see :func:`sagemaker_estimators.image_uris.retrieve`)."""
        smdistributed = "smdistributed" in distribution if distribution else False
        key: _MemoKey = (framework, region, version, py_version, instance_type, accelerator_type,
               image_scope, container_version, smdistributed, base_framework_version,
               bool(training_compiler_config), sdk_version, inference_tool,
               serverless_inference_config is not None)
        try:
            uri, label = self._memo[key]
        except KeyError:
            pass
        except TypeError:  # an unhashable argument: let the lookup report it
            return self._retrieve_uncached(key)[0]
        else:
            if logger.isEnabledFor(logging.DEBUG):
                logger.debug("image URI for %s answered by %s (memoised)", framework, label)
            return uri
        uri, label = self._retrieve_uncached(key)
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo.clear()
        self._memo[key] = (uri, label)
        return uri

    def _retrieve_uncached(self, key: _MemoKey) -> Tuple[str, str]:
        if not isinstance(key[0], str) or not isinstance(key[1], str):
            raise TypeError(f"framework and region must be str, got framework={key[0]!r}, "
                            f"region={key[1]!r}")
        for name, value in zip(_OPTIONAL_STR_ARGS, key[2:]):
            if value is not None and not isinstance(value, str):
                if name is not None:
                    raise TypeError(f"{name} must be a str or None, got {value!r}")
        what = f"{key[0]} image URI"
        try:  # first the sources that have exactly the version and scope asked for ...
            uri, label = self._first(lambda s: lookup.resolve(s.get, *key, strict=True), what)
        except ValueError:  # ... then V2's rules (single version/scope used for any ask)
            uri, label = self._first(lambda source: lookup.resolve(source.get, *key), what)
        logger.debug("image URI for %s answered by %s", key[0], label)
        return uri, label

    # -- versions ---------------------------------------------------------
    def _scope_configs(self, source: DataSource, framework: str,
                       image_scope: Optional[str]) -> List[Dict[str, Any]]:
        """The scope configs a helper looks at: the one asked for, or with ``image_scope``
        None every scope of the framework ("training" first)."""
        config = source.get(framework)
        if image_scope is None and "scope" not in config and len(config) > 1:
            names = sorted(config, key=lambda name: name != "training")
            return [config[name] for name in names]
        return [lookup.choose_scope(config, image_scope, strict=True)]

    def _with_version(self, source: DataSource, framework: str, version: str,
                      image_scope: Optional[str]) -> Dict[str, Any]:
        """The first scope config of ``source`` that has ``version`` (or its alias)."""
        for config in self._scope_configs(source, framework, image_scope):
            if version in config["versions"] or version in config.get("version_aliases", {}):
                return config
        raise UnsupportedValueError(f"{framework} version", version, [])

    def supported_versions(self, framework: str, image_scope: Optional[str] = None) -> List[str]:
        """Versions and aliases of ``framework`` in ``image_scope``, across all sources.

        Highest-priority source first, each value once; this is the list of valid
        choices to show for a bad ``framework_version``.  ``image_scope`` None: all scopes.
        """
        seen: Dict[str, None] = {}
        answered = False
        for source in self.sources:
            try:
                configs = self._scope_configs(source, framework, image_scope)
            except ValueError:
                continue
            answered = True
            for config in configs:
                seen.update(dict.fromkeys(config["versions"]))
                seen.update(dict.fromkeys(config.get("version_aliases", {})))
        if not answered:  # raise the error a single source gives
            self._first(lambda s: self._scope_configs(s, framework, image_scope),
                        f"{framework} versions")
        return list(seen)

    def latest_version(self, framework: str, image_scope: Optional[str] = None) -> Optional[str]:
        """The version ``retrieve()`` uses when none is given (first source that knows).

        ``image_scope`` None on a framework with several scopes means "training".
        """
        def query(source: DataSource) -> str:
            config, scope = source.get(framework), image_scope
            if scope is None and "scope" not in config and len(config) > 1:
                scope = "training" if "training" in config else next(iter(config))
            return lookup.resolve_version(lookup.choose_scope(config, scope, strict=True), None,
                                          framework, source.get, scope)
        return self._first(query, f"{framework} latest version")[0]

    def validate_version(self, framework: str, version: str,
                         image_scope: Optional[str] = None) -> str:
        """Return the full version ``version`` stands for ("2.1" -> "2.1.0").

        ``image_scope`` None accepts a version of any scope.

        Raises:
            ValueError: naming the version and every supported version and alias.
        """
        def query(source: DataSource) -> str:
            config = self._with_version(source, framework, version, image_scope)
            return config.get("version_aliases", {}).get(version, version)
        try:
            return self._first(query, f"{framework} version")[0]
        except UnsupportedValueError as error:
            if error.arg_name != f"{framework} version":
                raise
            raise UnsupportedValueError(error.arg_name, version,
                                        self.supported_versions(framework, image_scope)) from None

    def _py_node(self, source: DataSource, framework: str, version: str,
                 image_scope: Optional[str], base_framework_version: Optional[str]):
        config = self._with_version(source, framework, version, image_scope)
        node = lookup.version_config(config, version)
        if base_framework_version is not None or (
                "repository" not in node and "version_aliases" in node):
            aliases = node.get("version_aliases", {})
            full = aliases.get(base_framework_version, base_framework_version)
            choices = [k for k in node if k != "version_aliases"]
            lookup.check_choice(full, choices, "base framework")
            node = node[full]
        return node

    def supported_py_versions(self, framework: str, version: str,
                              image_scope: Optional[str] = None,
                              base_framework_version: Optional[str] = None) -> List[str]:
        """Python versions (``py310`` ...) offered for ``framework`` ``version``.

        An empty list means the image has no Python-version tag (algorithms).
        ``base_framework_version`` ("pytorch2.1.0") is needed for HuggingFace.
        """
        node, _ = self._first(
            lambda s: self._py_node(s, framework, version, image_scope, base_framework_version),
            f"{framework} {version} Python versions")
        return lookup.py_versions_of(node)

    def validate_py_version(self, framework: str, version: str, py_version: Optional[str],
                            image_scope: Optional[str] = None,
                            base_framework_version: Optional[str] = None) -> Optional[str]:
        """Return the Python version ``retrieve()`` would use (defaulted when only one).

        Raises:
            ValueError: naming ``py_version`` and the supported Python versions.
        """
        def query(source: DataSource) -> Optional[str]:
            node = self._py_node(source, framework, version, image_scope, base_framework_version)
            return lookup.resolve_py_version(node, py_version, framework)
        return self._first(query, f"{framework} {version} Python version")[0]

    def clear_memo(self) -> None:
        """Forget memoised answers (sources keep their parsed files)."""
        self._memo.clear()


_DEFAULT: Optional[Registry] = None
_LOCK = threading.Lock()


def default_registry() -> Registry:
    """The process-wide registry built from :func:`~.sources.default_sources`."""
    global _DEFAULT
    registry = _DEFAULT
    if registry is None:
        with _LOCK:
            if _DEFAULT is None:
                _DEFAULT = Registry()
            registry = _DEFAULT
    return registry


def reload() -> Registry:
    """Rebuild the default registry (re-reads env vars, overlay and sagemaker-core data)."""
    global _DEFAULT
    with _LOCK:
        _DEFAULT = Registry()
    return _DEFAULT
