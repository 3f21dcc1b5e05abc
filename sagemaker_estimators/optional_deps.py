"""What the optional extras provide, and the one message each gives when it is missing.

A job kind checks an extra before it starts anything (the tuner, before the first upload);
the part that uses the extra gives the same message if it is imported anyway.
"""
from __future__ import annotations

import importlib.util

#: local Bayesian and Hyperband tuning run through Optuna (the ``[tuning]`` extra)
OPTUNA_MISSING = (
    "strategy={strategy!r} runs locally through Optuna, which is not installed: run `pip install optuna` "
    "(or `pip install sagemaker-estimators[tuning]`), or use strategy='Random' or 'Grid'."
)


def require_optuna(strategy: str) -> None:
    """ImportError naming the extra when Optuna, which local ``strategy`` needs, is not installed."""
    if importlib.util.find_spec("optuna") is None:
        raise ImportError(OPTUNA_MISSING.format(strategy=strategy))
