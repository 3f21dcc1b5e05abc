"""Replay every golden scenario on this package and compare with V2's recording.

Each scenario under ``tests/golden/scenarios/<area>/`` is plain V2 user code.
Its fixture (``tests/golden/fixtures/<area>/<name>.json``) holds every AWS call
V2 (sagemaker==2.257.7) made for it, recorded with ``tools/golden/record.py``.
Here the same script runs in a subprocess with this checkout first on
PYTHONPATH (so ``sagemaker.*`` resolves to our facade modules) against the
shared moto server, and the two recordings must be equal after the documented
normalisation in ``tools/golden/normalise.py``.

The maintainer gates what runs, since the implementation lands area by area:

* ``IMPLEMENTED_AREAS`` - areas whose scenarios run; others are skipped.
* ``READS`` - how read-only calls (Describe/List/Get/Head) are compared:
  ``"ignore"`` (normalisation rule 8, used here: this project deliberately
  makes fewer reads than V2 - no ListBuckets, one STS call - while every
  create/update/delete/put/invoke is compared in order, field for field),
  ``"set"`` (rule 7) or ``"sequence"`` (strict).
* ``KNOWN_GAPS`` - ``"area/name" -> reason`` for scenarios of an implemented
  area that are known to differ; they run as strict xfail, so fixing one makes
  the run fail until its entry is removed.

The ``meta`` area (plain boto3, no sagemaker import) always runs: it checks the
recorder itself gives the same recording under both interpreters.
"""
from __future__ import annotations

from typing import Dict, List, Set

import pytest

from tools.golden.compare import diff_recordings
from tools.golden.runner import OURS_TARGET, run_scenario
from tools.golden.scenarios import Scenario, discover

#: areas whose scenarios are replayed on our package (edit as areas land)
IMPLEMENTED_AREAS: Set[str] = {"training", "frameworks", "serving", "algorithms", "config", "dropin", "processing", "tensorflow", "tuning"}

#: how read-only calls are compared (see the module docstring)
READS: str = "ignore"

#: "area/name" -> why our package is known to differ (run as strict xfail)
KNOWN_GAPS: Dict[str, str] = {
    "tensorflow/tf_model_no_entry_point": (
        "deliberate: V2's TensorFlowModel creates the default bucket (CreateBucket) even when there is no "
        "inference code to upload; we touch S3 only when an entry point is repacked"
    ),
    "algorithms/default_bucket_at_construction": (
        "deliberate: V2's algorithm estimators resolve (and create) the default bucket in the constructor for "
        "data_location even when record_set() is never called; we resolve it on first use, so constructing "
        "an estimator makes no AWS call (README, known differences)"
    ),
    "frameworks/pytorch_torch_distributed_alias_rejected": (
        "deliberate: V2 refuses framework_version='2.1' with torch_distributed although 2.1 is an alias "
        "of 2.1.0 (V2 bug); we resolve the alias and accept it (README, known differences)"
    ),
    "frameworks/pytorch_set_hyperparameters": (
        "deliberate: V2's Framework.set_hyperparameters() JSON-encodes values that hyperparameters() encodes "
        "again, so the script gets --optimizer '\"adam\"' with the quotes; we encode once, like the "
        "constructor's hyperparameters (README, known differences)"
    ),
    "tuning/grid_no_max_jobs": (
        "deliberate: V2 sends MaxNumberOfTrainingJobs=None for a Grid tuner without max_jobs, which botocore "
        "refuses; we leave the field out, as the API allows for Grid (README, known differences)"
    ),
    "tuning/warm_start_metric_definitions": (
        "deliberate: V2's transfer_learning_tuner()/identical_dataset_and_algorithm_tuner() drop the parent's "
        "metric_definitions, so a custom image's child job cannot find its objective; we keep them (README)"
    ),
    "tuning/attach_own_job": (
        "deliberate: V2's attach() cannot read the tuning jobs it creates (KeyError on ResourceConfig on AWS; "
        "on moto, which omits _tuning_objective_metric, KeyError on that); we attach (README)"
    ),
    "config/user_false_encryption_vs_config": (
        "deliberate: with EnableInterContainerTrafficEncryption: true in the defaults config V2 sends true "
        "although the user passed encrypt_inter_container_traffic=False (Session.train resolves the flag "
        "again); the user's value wins here, as everywhere else (README, known differences)"
    ),
}

#: scenarios whose recorded bytes are a third-party library's own output (npz files, DataFrame dtypes):
#: they compare only with at least the release V2 was recorded with; older releases (the newest ones
#: for Python 3.9) write other bytes, V2's included
RECORDED_LIBRARY_RELEASES = {
    "serving/serializers_pandas_scipy": {"pandas": "3", "scipy": "1.17"},
}


def _older_than_recorded(scenario_id: str) -> List[str]:
    from importlib.metadata import PackageNotFoundError, version

    from packaging.version import Version

    older = []
    for package, recorded in RECORDED_LIBRARY_RELEASES.get(scenario_id, {}).items():
        try:
            installed = version(package)
        except PackageNotFoundError:
            older.append(f"{package} (not installed)")
            continue
        if Version(installed) < Version(recorded):
            older.append(f"{package} {installed} < {recorded}")
    return older


#: areas that do not depend on our package and always run
ALWAYS_RUN_AREAS = frozenset({"meta"})

SCENARIOS = discover()


def _marks(scenario: Scenario):
    if scenario.area not in IMPLEMENTED_AREAS | ALWAYS_RUN_AREAS:
        return [
            pytest.mark.skip(
                reason=f"area {scenario.area!r} not in IMPLEMENTED_AREAS of tests/golden/test_golden.py"
            )
        ]
    if scenario.id in KNOWN_GAPS:
        return [pytest.mark.xfail(reason=KNOWN_GAPS[scenario.id], strict=True)]
    older = _older_than_recorded(scenario.id)
    if older:
        return [pytest.mark.skip(reason=f"V2 was recorded with newer releases: {', '.join(older)}")]
    return []


@pytest.mark.parametrize(
    "scenario",
    [pytest.param(s, id=s.id, marks=_marks(s)) for s in SCENARIOS],
)
def test_scenario_sends_what_v2_sent(scenario: Scenario, moto_server):
    try:
        expected = scenario.load_fixture()
    except FileNotFoundError:
        pytest.fail(
            f"no fixture for {scenario.id}: record it with "
            f"`python tools/golden/record.py {scenario.id}`"
        )
    actual = run_scenario(scenario.path, moto_server, OURS_TARGET)
    difference = diff_recordings(expected, actual, reads=READS)
    if difference:
        pytest.fail(f"{scenario.id} differs from V2:\n{difference}", pytrace=False)


def test_every_known_gap_names_a_scenario():
    known = {s.id for s in SCENARIOS}
    assert set(KNOWN_GAPS) <= known, sorted(set(KNOWN_GAPS) - known)
    assert IMPLEMENTED_AREAS <= {s.area for s in SCENARIOS}, IMPLEMENTED_AREAS


def test_every_scenario_has_a_fixture():
    missing = [s.id for s in SCENARIOS if not _has_fixture(s)]
    assert not missing, f"record with `python tools/golden/record.py NAME`: {missing}"


def _has_fixture(scenario: Scenario) -> bool:
    try:
        scenario.load_fixture()
    except FileNotFoundError:
        return False
    return True
