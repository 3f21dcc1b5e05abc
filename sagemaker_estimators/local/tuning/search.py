"""Search strategies for local tuning: Random and Grid built in; Bayesian and Hyperband through Optuna.

A search hands out hyperparameter sets (``suggest``) and learns each trial's
objective (``report``); ``observe`` sees the objective as a running trial prints it
(Hyperband prunes there).  Optuna is an optional extra, imported only for the
strategies that need it.
"""
from __future__ import annotations

import itertools
import random
import threading
from typing import Any, Dict, List, Optional

from sagemaker_estimators.local.tuning.space import Dimension
from sagemaker_estimators.optional_deps import OPTUNA_MISSING



class Search:
    """Random search: every hyperparameter drawn inside its range (seeded by RandomSeed)."""

    def __init__(self, space: List[Dimension], seed: Optional[int] = None):
        self.space = space
        self._rng = random.Random(seed)

    def suggest(self, trial_id: str) -> Optional[Dict[str, str]]:
        """The next trial's tuned hyperparameters as strings, or None when the search is exhausted."""
        return {dim.name: dim.text(dim.sample(self._rng)) for dim in self.space}

    def observe(self, trial_id: str, step: int, value: float) -> bool:
        """A running trial printed ``value``; True means: stop it (its strategy prunes it)."""
        return False

    def report(self, trial_id: str, value: Optional[float], pruned: bool = False) -> None:
        """The trial ended with final objective ``value`` (None when it failed or printed none)."""

    def limit(self, max_jobs: Optional[int]) -> int:
        """How many trials to run."""
        if max_jobs is None:
            raise ValueError("max_jobs is required for this strategy")
        return max_jobs


class GridSearch(Search):
    """Every combination of the categorical values, in order (SageMaker's Grid takes categoricals only)."""

    def __init__(self, space: List[Dimension], seed: Optional[int] = None):
        super().__init__(space, seed)
        numeric = [dim.name for dim in space if dim.kind != "Categorical"]
        if numeric:
            raise ValueError(f"strategy 'Grid' searches categorical ranges only; not categorical: {numeric}")
        self._combinations = list(itertools.product(*(dim.values for dim in space)))
        self._next = 0

    def suggest(self, trial_id: str) -> Optional[Dict[str, str]]:
        if self._next >= len(self._combinations):
            return None
        combination = self._combinations[self._next]
        self._next += 1
        return {dim.name: value for dim, value in zip(self.space, combination)}

    def limit(self, max_jobs: Optional[int]) -> int:
        total = len(self._combinations)
        return total if max_jobs is None else min(max_jobs, total)


class OptunaSearch(Search):
    """Bayesian optimisation (Optuna's TPE sampler); with ``hyperband`` also Optuna's Hyperband pruner,
    fed with every objective value a trial prints."""

    def __init__(self, space: List[Dimension], seed: Optional[int], maximize: bool, strategy: str,
                 hyperband: Optional[Dict[str, Any]] = None):
        super().__init__(space, seed)
        try:
            import optuna
        except ImportError as error:
            raise ImportError(OPTUNA_MISSING.format(strategy=strategy)) from error
        optuna.logging.set_verbosity(optuna.logging.WARNING)
        self._optuna = optuna
        pruner: optuna.pruners.BasePruner = optuna.pruners.NopPruner()
        if hyperband is not None:
            pruner = optuna.pruners.HyperbandPruner(
                min_resource=int(hyperband.get("MinResource") or 1),
                max_resource=int(hyperband["MaxResource"]) if hyperband.get("MaxResource") else "auto",
            )
        self._study = optuna.create_study(
            direction="maximize" if maximize else "minimize",
            sampler=optuna.samplers.TPESampler(seed=seed),
            pruner=pruner,
        )
        self._distributions = {dim.name: self._distribution(dim) for dim in space}
        self._trials: Dict[str, Any] = {}
        self._lock = threading.Lock()

    def _distribution(self, dim: Dimension) -> Any:
        distributions = self._optuna.distributions
        if dim.kind == "Categorical":
            return distributions.CategoricalDistribution(list(dim.values))
        if dim.scaling == "ReverseLogarithmic":  # sampled as 1 - x on a log scale
            return distributions.FloatDistribution(1.0 - dim.high, 1.0 - dim.low, log=True)
        log = dim.scaling == "Logarithmic"
        if dim.kind == "Integer":
            return distributions.IntDistribution(int(dim.low), int(dim.high), log=log)
        return distributions.FloatDistribution(dim.low, dim.high, log=log)

    def suggest(self, trial_id: str) -> Optional[Dict[str, str]]:
        with self._lock:
            trial = self._study.ask(self._distributions)
            self._trials[trial_id] = trial
        values = {}
        for dim in self.space:
            value = trial.params[dim.name]
            if dim.scaling == "ReverseLogarithmic" and dim.kind != "Categorical":
                value = 1.0 - value
            values[dim.name] = dim.text(value)
        return values

    def observe(self, trial_id: str, step: int, value: float) -> bool:
        with self._lock:
            trial = self._trials[trial_id]
            trial.report(value, step)
            return trial.should_prune()

    def report(self, trial_id: str, value: Optional[float], pruned: bool = False) -> None:
        state = self._optuna.trial.TrialState
        with self._lock:
            trial = self._trials.pop(trial_id)
            if pruned:
                self._study.tell(trial, state=state.PRUNED)
            elif value is None:
                self._study.tell(trial, state=state.FAIL)
            else:
                self._study.tell(trial, value)


def make_search(strategy: str, space: List[Dimension], seed: Optional[int], maximize: bool,
                strategy_config: Optional[Dict[str, Any]] = None) -> Search:
    """The search for a request's ``Strategy``; ValueError naming the choices for an unknown one."""
    if strategy == "Random":
        return Search(space, seed)
    if strategy == "Grid":
        return GridSearch(space, seed)
    if strategy == "Bayesian":
        return OptunaSearch(space, seed, maximize, strategy)
    if strategy == "Hyperband":
        hyperband = (strategy_config or {}).get("HyperbandStrategyConfig") or {}
        return OptunaSearch(space, seed, maximize, strategy, hyperband=hyperband)
    raise ValueError(f"Strategy={strategy!r} is not valid; valid choices: ['Bayesian', 'Random', 'Hyperband', 'Grid']")
