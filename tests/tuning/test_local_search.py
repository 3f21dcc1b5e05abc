"""The pieces of local tuning on their own: sampling, grid, Optuna, metric reading, median stopping."""
from __future__ import annotations

import sys

import pytest

from sagemaker_estimators.local.tuning.metrics import MedianStopping, MetricReader
from sagemaker_estimators.local.tuning.search import GridSearch, Search, make_search
from sagemaker_estimators.local.tuning.space import Dimension, dimensions

RANGES = {
    "ContinuousParameterRanges": [
        {"Name": "lin", "MinValue": "0.5", "MaxValue": "2.5", "ScalingType": "Linear"},
        {"Name": "log", "MinValue": "1e-05", "MaxValue": "0.1", "ScalingType": "Logarithmic"},
        {"Name": "rev", "MinValue": "0.9", "MaxValue": "0.9999", "ScalingType": "ReverseLogarithmic"},
    ],
    "IntegerParameterRanges": [{"Name": "n", "MinValue": "2", "MaxValue": "64", "ScalingType": "Logarithmic"}],
    "CategoricalParameterRanges": [{"Name": "opt", "Values": ['"sgd"', '"adam"']}],
}


def test_random_values_stay_inside_their_ranges_and_log_scaling_favours_small_values():
    space = dimensions(RANGES)
    search = Search(space, seed=1)
    draws = [search.suggest(str(i)) for i in range(2000)]
    for draw in draws:
        assert 0.5 <= float(draw["lin"]) <= 2.5
        assert 1e-5 <= float(draw["log"]) <= 0.1
        assert 0.9 <= float(draw["rev"]) <= 0.9999
        assert 2 <= int(draw["n"]) <= 64 and draw["n"] == str(int(draw["n"]))
        assert draw["opt"] in ('"sgd"', '"adam"')
    assert sum(float(d["log"]) < 1e-3 for d in draws) > 1000  # two of four decades below 1e-3
    assert sum(float(d["rev"]) > 0.99 for d in draws) > 1000
    assert Search(space, seed=1).suggest("x") == Search(space, seed=1).suggest("x")  # RandomSeed repeats


def test_grid_covers_every_combination_and_takes_categoricals_only():
    space = dimensions({"CategoricalParameterRanges": [{"Name": "a", "Values": ["1", "2"]},
                                                       {"Name": "b", "Values": ["x", "y", "z"]}]})
    grid = GridSearch(space)
    assert grid.limit(None) == 6 and grid.limit(4) == 4
    seen = [grid.suggest(str(i)) for i in range(7)]
    assert seen[-1] is None and len({tuple(sorted(s.items())) for s in seen[:-1]}) == 6
    with pytest.raises(ValueError, match="categorical ranges only; not categorical: \\['lin'"):
        GridSearch(dimensions(RANGES))


def test_unknown_strategy_and_missing_optuna_are_clear(monkeypatch):
    space = dimensions(RANGES)
    with pytest.raises(ValueError, match="valid choices"):
        make_search("Genetic", space, None, True)
    monkeypatch.setitem(sys.modules, "optuna", None)
    with pytest.raises(ImportError, match="pip install optuna"):
        make_search("Bayesian", space, None, True)


def test_optuna_search_learns_and_hyperband_prunes_bad_trials():
    pytest.importorskip("optuna")
    space = [Dimension("x", "Continuous", 0.0, 1.0)]
    search = make_search("Hyperband", space, 0, True, {"HyperbandStrategyConfig": {"MinResource": 1,
                                                                                   "MaxResource": 9}})
    pruned = 0
    for index in range(30):
        trial = f"t{index}"
        x = float(search.suggest(trial)["x"])
        stopped = False
        for step in range(1, 10):
            if search.observe(trial, step, x * step):
                stopped = True
                break
        pruned += stopped
        search.report(trial, None if stopped else x * 9, pruned=stopped)
    assert pruned > 0
    bayes = make_search("Bayesian", space, 0, False)
    values = []
    for index in range(25):
        x = float(bayes.suggest(str(index))["x"])
        values.append(x)
        bayes.report(str(index), (x - 0.3) ** 2)
    assert abs(sorted(values[-10:], key=lambda v: abs(v - 0.3))[0] - 0.3) < 0.05


def test_metric_reader_uses_the_first_group_and_the_last_value():
    seen = []
    reader = MetricReader([{"Name": "acc", "Regex": "acc=([0-9.]+)"}, {"Name": "loss", "Regex": "loss: [0-9.]+"}],
                          "acc", lambda step, value: seen.append((step, value)))
    for line in ("algo-1  | epoch 1 acc=0.5 loss: 3", "algo-1  | acc=0.75", "no metric here", "acc=nan"):
        reader.feed(line)
    assert seen == [(1, 0.5), (2, 0.75)]
    assert reader.final() == 0.75
    assert reader.final_metrics() == [{"MetricName": "acc", "Value": 0.75}]  # "loss: 3" is not a float
    with pytest.raises(ValueError, match="not a valid regular expression"):
        MetricReader([{"Name": "bad", "Regex": "("}], "bad")


def test_median_stopping_compares_running_averages_at_the_same_step():
    rule = MedianStopping(maximize=True, min_trials=3)
    for trial, values in (("a", [1, 2, 3]), ("b", [1, 2, 4]), ("c", [2, 3, 4])):
        for value in values:
            assert rule.observe(trial, value) is False  # too few finished trials yet
        rule.finish(trial)
    assert rule.observe("d", 2) is False   # 2 >= median(1, 1, 2)
    assert rule.observe("d", 0) is True    # running average 1 < median(1.5, 1.5, 2.5)
    low = MedianStopping(maximize=False, min_trials=1)
    low.observe("a", 1.0)
    low.finish("a")
    assert low.observe("b", 2.0) is True
