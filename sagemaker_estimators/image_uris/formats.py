"""Reading image-URI JSON documents into the in-memory shape the lookup walks.

Two layouts are understood (see ``docs/image_uris.md``):

* the **bundled layout** (``schema_version`` 1): ``{"schema_version": 1,
  "name": ..., "accounts": {label: {region: account}}, "config": ...}`` where
  every ``"registries"`` value inside ``config`` is an ``accounts`` label;
* the **V2 layout**: the per-framework JSON shipped by SDK V2 and by
  ``sagemaker-core`` (``image_uri_config/<framework>.json``), where every
  ``"registries"`` value is the region -> account map itself.

Both are turned into the same shape: the V2 layout with the account maps in
place (shared dict objects, not copies).  :func:`to_bundled` goes the other
way and is what ``tools/convert_image_uri_config.py`` uses.
"""
from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Tuple

from sagemaker_estimators.exceptions import SageMakerEstimatorsError

#: schema versions of the bundled layout this code reads
SUPPORTED_SCHEMA_VERSIONS = frozenset({1})
SCHEMA_VERSION = 1


class FormatError(ValueError, SageMakerEstimatorsError):
    """A document is not in a layout this version understands."""


def _is_scope_config(node: Any) -> bool:
    return isinstance(node, dict) and isinstance(node.get("versions"), dict)


def check_v2_layout(doc: Any) -> None:
    """Raise :class:`FormatError` unless ``doc`` looks like a V2-layout framework config."""
    if not isinstance(doc, dict) or not doc:
        raise FormatError("top level is not a non-empty JSON object")
    if "versions" in doc:
        if not _is_scope_config(doc):
            raise FormatError("'versions' is not an object")
        scope = doc.get("scope")
        if scope is not None and not (
            isinstance(scope, list) and all(isinstance(s, str) for s in scope)
        ):
            raise FormatError("'scope' is not a list of names")
        return
    for key, value in doc.items():
        if not _is_scope_config(value):
            raise FormatError(f"scope {key!r} has no 'versions' object")


def _walk_registries(node: Any, visit) -> Any:
    """Return a copy of ``node`` with every ``registries`` value replaced by ``visit(value)``."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            out[key] = visit(value) if key == "registries" else _walk_registries(value, visit)
        return out
    if isinstance(node, list):
        return [_walk_registries(item, visit) for item in node]
    return node


def from_bundled(doc: Any) -> Tuple[str, Dict[str, Any]]:
    """Parse a bundled-layout document into ``(name, config)``."""
    if not isinstance(doc, dict) or "schema_version" not in doc:
        raise FormatError("no 'schema_version'")
    if doc["schema_version"] not in SUPPORTED_SCHEMA_VERSIONS:
        raise FormatError(
            f"schema_version {doc['schema_version']!r} is not one of "
            f"{sorted(SUPPORTED_SCHEMA_VERSIONS)}"
        )
    name, accounts, config = doc.get("name"), doc.get("accounts", {}), doc.get("config")
    if not isinstance(name, str) or not isinstance(accounts, dict):
        raise FormatError("'name' must be a string and 'accounts' an object")

    def resolve(label: Any) -> Dict[str, str]:
        if isinstance(label, dict):  # an inline map is allowed too
            return label
        if label not in accounts:
            raise FormatError(f"unknown accounts label {label!r}")
        return accounts[label]

    config = _walk_registries(config, resolve)
    check_v2_layout(config)
    return name, config


def parse_document(doc: Any, name: Optional[str] = None) -> Tuple[str, Dict[str, Any]]:
    """Parse either layout; ``name`` is the framework name for V2-layout documents."""
    if isinstance(doc, dict) and "schema_version" in doc:
        return from_bundled(doc)
    if name is None:
        raise FormatError("a V2-layout document needs a framework name (its file name)")
    check_v2_layout(doc)
    return name, doc


def load_file(path: str, name: Optional[str] = None) -> Tuple[str, Dict[str, Any]]:
    """Read and parse one JSON file (see :func:`parse_document`)."""
    with open(path, encoding="utf-8") as handle:
        try:
            doc = json.load(handle)
        except json.JSONDecodeError as error:
            raise FormatError(f"not JSON: {error}") from None
    return parse_document(doc, name)


def _accounts_label(mapping: Dict[str, str], taken: Dict[str, Any]) -> str:
    anchor = mapping.get("us-west-2") or mapping.get("us-east-1") or next(iter(mapping.values()), "")
    base = f"{anchor}" if anchor else "accounts"
    label, n = base, 1
    while label in taken:
        n += 1
        label = f"{base}-{n}"
    return label


def to_bundled(name: str, config: Dict[str, Any], source: str = "") -> Dict[str, Any]:
    """Turn a V2-layout config into a bundled-layout document.

    Identical account maps (same regions in the same order) are stored once under
    a label; the order is kept so that error messages list regions as V2 does.
    """
    check_v2_layout(config)
    labels: Dict[Tuple[Tuple[str, str], ...], str] = {}
    accounts: Dict[str, Dict[str, str]] = {}

    def intern(mapping: Dict[str, str]) -> str:
        key = tuple(mapping.items())
        if key not in labels:
            label = _accounts_label(mapping, accounts)
            labels[key] = label
            accounts[label] = dict(mapping)
        return labels[key]

    shaped = _walk_registries(config, intern)
    doc: Dict[str, Any] = {"schema_version": SCHEMA_VERSION, "name": name}
    if source:
        doc["source"] = source
    doc["accounts"] = accounts
    doc["config"] = shaped
    return doc


def scopes_of(config: Dict[str, Any]) -> List[str]:
    """The image scopes a parsed config offers, in V2's order."""
    return list(config["scope"]) if "scope" in config else list(config.keys())
