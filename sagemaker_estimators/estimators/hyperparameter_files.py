"""Hyperparameters from a JSON or YAML file (SDK V3's feature, which V2 lacked)."""
from __future__ import annotations

import json
import os
from typing import Any, Dict


def load_hyperparameter_file(path: str) -> Dict[str, Any]:
    """Read a mapping of hyperparameters from ``path`` (``.json``, ``.yaml`` or ``.yml``).

    Raises ValueError naming the file when it is missing, unparsable or not a mapping.
    """
    if not os.path.isfile(path):
        raise ValueError(
            f"hyperparameters={path!r}: a str is read as a path to a JSON or YAML file, and no such "
            "file exists. Pass a dict, or the path of an existing file."
        )
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    extension = os.path.splitext(path)[1].lower()
    try:
        if extension == ".json":
            data = json.loads(text)
        elif extension in (".yaml", ".yml"):
            import yaml

            data = yaml.safe_load(text)
        else:
            raise ValueError(
                f"hyperparameters={path!r}: unsupported file type {extension or '(none)'}; "
                "valid: .json, .yaml, .yml"
            )
    except (json.JSONDecodeError, ImportError) as error:
        raise ValueError(f"hyperparameters={path!r} could not be parsed: {error}") from error
    except Exception as error:  # yaml.YAMLError without importing yaml at module level
        if type(error).__module__.startswith("yaml"):
            raise ValueError(f"hyperparameters={path!r} could not be parsed: {error}") from error
        raise
    if not isinstance(data, dict):
        raise ValueError(f"hyperparameters={path!r} must hold a mapping of names to values, got {type(data).__name__}")
    return data
