"""Local tuning with local_process trials: real subprocesses, no AWS, no Docker."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid

import pytest

from sagemaker_estimators.tuning.parameter import CategoricalParameter, ContinuousParameter, IntegerParameter
from sagemaker_estimators.tuning.tuner import HyperparameterTuner
from tests.tuning.conftest import ROLE, expected_score, leftovers

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCORE = [{"Name": "score", "Regex": "score=([0-9.\\-]+)"}, {"Name": "loss", "Regex": "loss=([0-9.\\-]+)"}]


def sklearn_estimator(workspace, session, **hyperparameters):
    from sagemaker_estimators.frameworks.sklearn.estimator import SKLearn

    return SKLearn(entry_point="train.py", source_dir=str(workspace["code"]), framework_version="1.2-1",
                   instance_type="local_process", instance_count=1, role=ROLE, sagemaker_session=session,
                   output_path="file://" + str(workspace["out"]), hyperparameters=hyperparameters or None)


def generic_estimator(workspace, session, **hyperparameters):
    from sagemaker_estimators.estimators.base import Estimator

    return Estimator(image_uri="my-algo:1", entry_point="train.py", source_dir=str(workspace["code"]),
                     instance_type="local_process", instance_count=1, role=ROLE, sagemaker_session=session,
                     output_path="file://" + str(workspace["out"]), hyperparameters=hyperparameters or None)


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def test_random_search_picks_the_best_trial_by_its_log_and_deploys_it(no_aws, workspace, local_session, capsys):
    pytest.importorskip("sklearn")
    pytest.importorskip("pandas")
    tuner = HyperparameterTuner(
        sklearn_estimator(workspace, local_session, epochs=3), "score",
        {"lr": ContinuousParameter(0.01, 0.5), "depth": IntegerParameter(1, 9),
         "kind": CategoricalParameter(["good", "bad"])},
        metric_definitions=SCORE, strategy="Random", max_jobs=4, max_parallel_jobs=2, random_seed=3,
    )
    tuner.fit(job_name=unique("rand"))
    output = capsys.readouterr().out
    summaries = tuner.analytics().training_job_summaries()
    assert len(summaries) == 4
    for summary in summaries:
        tuned = summary["TunedHyperParameters"]
        lr, depth, kind = float(tuned["lr"]), int(tuned["depth"]), json.loads(tuned["kind"])
        assert 0.01 <= lr <= 0.5 and 1 <= depth <= 9 and kind in ("good", "bad")
        assert summary["TrainingJobStatus"] == "Completed"
        assert summary["FinalHyperParameterTuningJobObjectiveMetric"]["Value"] == pytest.approx(
            expected_score(lr, depth, kind), abs=1e-4)
    best = max(summaries, key=lambda s: s["FinalHyperParameterTuningJobObjectiveMetric"]["Value"])
    assert tuner.best_training_job() == best["TrainingJobName"]
    assert output.count("best so far") == 4
    assert "objective score" in output  # the reserved hyperparameter reaches the script, as on SageMaker
    frame = tuner.analytics().dataframe()
    assert sorted(frame["TrainingJobName"]) == sorted(s["TrainingJobName"] for s in summaries)
    predictor = tuner.deploy(1, "local_process")
    from sagemaker_estimators.payloads.deserializers import JSONDeserializer
    from sagemaker_estimators.payloads.serializers import JSONSerializer

    predictor.serializer, predictor.deserializer = JSONSerializer(), JSONDeserializer()
    try:
        depth = int(best["TunedHyperParameters"]["depth"])
        assert predictor.predict([1, 2]) == [depth, 2 * depth]
        assert predictor.endpoint_name == best["TrainingJobName"]
    finally:
        predictor.delete_endpoint()
    assert leftovers(workspace["root"]) == []


def test_grid_runs_every_combination_once(no_aws, workspace, local_session):
    estimator = generic_estimator(workspace, local_session, lr=0.1, depth=5)
    tuner = HyperparameterTuner(estimator, "loss", {"kind": CategoricalParameter(["good", "bad"]),
                                                    "epochs": CategoricalParameter([1, 2])},
                                metric_definitions=SCORE, objective_type="Minimize", strategy="Grid",
                                max_parallel_jobs=3)
    tuner.fit(job_name=unique("grid"))
    description = tuner.describe()
    assert description["HyperParameterTuningJobStatus"] == "Completed"
    assert description["TrainingJobStatusCounters"]["Completed"] == 4
    combos = sorted((s["TunedHyperParameters"]["kind"], s["TunedHyperParameters"]["epochs"])
                    for s in tuner.analytics().training_job_summaries())
    assert combos == [("bad", "1"), ("bad", "2"), ("good", "1"), ("good", "2")]
    best = description["BestTrainingJob"]
    assert best["TunedHyperParameters"]["kind"] == "good"
    assert best["FinalHyperParameterTuningJobObjectiveMetric"] == {
        "Type": "Minimize", "MetricName": "loss", "Value": pytest.approx(1 - 2.0 / 3, abs=1e-4)}
    assert description["TrainingJobDefinition"]["StaticHyperParameters"]["_tuning_objective_metric"] == "loss"


def test_bayesian_through_optuna_and_attach_of_the_local_job(no_aws, workspace, local_session):
    pytest.importorskip("optuna")
    tuner = HyperparameterTuner(generic_estimator(workspace, local_session, epochs=1), "score",
                                {"lr": ContinuousParameter(0.01, 0.9, "Logarithmic"),
                                 "depth": IntegerParameter(1, 9)},
                                metric_definitions=SCORE, max_jobs=3, max_parallel_jobs=1, random_seed=1)
    name = unique("bayes")
    tuner.fit(job_name=name)
    assert tuner.describe()["ObjectiveStatusCounters"]["Succeeded"] == 3
    again = HyperparameterTuner.attach(name, sagemaker_session=local_session)
    assert again.best_training_job() == tuner.best_training_job()
    assert set(again.hyperparameter_ranges()["IntegerParameterRanges"][0].values()) >= {"depth", "1", "9"}


def test_early_stopping_auto_stops_trials_worse_than_the_median(no_aws, workspace, local_session):
    """Three good trials set the median; later 'bad' trials fall below it at their first epoch and are stopped."""
    estimator = generic_estimator(workspace, local_session, lr=0.1, depth=5, epochs=4, sleep=0.5)
    tuner = HyperparameterTuner(estimator, "score", {"kind": CategoricalParameter(["good", "good", "good", "bad"])},
                                metric_definitions=SCORE, strategy="Grid", early_stopping_type="Auto")
    tuner._hyperparameter_ranges["kind"].values = ["good"] * 3 + ["bad"] * 2  # a grid with repeats, in order
    tuner.fit(job_name=unique("early"))
    summaries = {s["TrainingJobName"]: s for s in tuner.analytics().training_job_summaries()}
    statuses = [summaries[name]["TrainingJobStatus"] for name in sorted(summaries)]
    assert statuses == ["Completed"] * 3 + ["Stopped"] * 2
    stopped = [s for s in summaries.values() if s["TrainingJobStatus"] == "Stopped"]
    assert all(s["FinalHyperParameterTuningJobObjectiveMetric"]["Value"] < 1 for s in stopped)
    described = local_session.sagemaker_client.describe_training_job(TrainingJobName=stopped[0]["TrainingJobName"])
    assert described["TrainingJobStatus"] == "Stopped"
    assert leftovers(workspace["root"]) == []


def test_target_objective_ends_the_search_early(no_aws, workspace, local_session):
    from sagemaker_estimators.tuning.configs import TuningJobCompletionCriteriaConfig

    tuner = HyperparameterTuner(generic_estimator(workspace, local_session, lr=0.1, depth=5),
                                "score", {"kind": CategoricalParameter(["good", "bad"])},
                                metric_definitions=SCORE, strategy="Random", max_jobs=10, random_seed=0,
                                completion_criteria_config=TuningJobCompletionCriteriaConfig(
                                    target_objective_metric_value=1.5))
    tuner.fit(job_name=unique("target"))
    summaries = tuner.analytics().training_job_summaries()
    assert 1 <= len(summaries) < 10
    assert max(s["FinalHyperParameterTuningJobObjectiveMetric"]["Value"] for s in summaries) >= 1.5


def test_objective_never_printed_fails_the_tuning_job(no_aws, workspace, local_session):
    from sagemaker_estimators.exceptions import UnexpectedStatusException

    tuner = HyperparameterTuner(generic_estimator(workspace, local_session), "accuracy",
                                {"depth": IntegerParameter(1, 3)}, strategy="Random", max_jobs=2,
                                metric_definitions=[{"Name": "accuracy", "Regex": "accuracy=([0-9.]+)"}])
    with pytest.raises(UnexpectedStatusException, match="objective metric 'accuracy'"):
        tuner.fit(job_name=unique("noobj"))
    assert tuner.describe()["ObjectiveStatusCounters"]["Failed"] == 2


def test_failing_trials_are_recorded_and_a_setup_error_is_raised_at_once(no_aws, workspace, local_session):
    from sagemaker_estimators.exceptions import UnexpectedStatusException

    (workspace["code"] / "train.py").write_text("raise SystemExit('broken script')\n")
    tuner = HyperparameterTuner(generic_estimator(workspace, local_session), "score",
                                {"depth": IntegerParameter(1, 3)}, metric_definitions=SCORE,
                                strategy="Random", max_jobs=2)
    with pytest.raises(UnexpectedStatusException, match="All training jobs failed"):
        tuner.fit(job_name=unique("broken"))
    summaries = tuner.analytics().training_job_summaries()
    assert [s["TrainingJobStatus"] for s in summaries] == ["Failed", "Failed"]
    assert "ExecuteUserScriptError" in summaries[0]["FailureReason"]
    estimator = generic_estimator(workspace, local_session)
    estimator.entry_point = "missing.py"
    missing = HyperparameterTuner(estimator, "score", {"depth": IntegerParameter(1, 3)}, metric_definitions=SCORE,
                                  strategy="Random", max_jobs=3)
    with pytest.raises(ValueError):
        missing.fit(job_name=unique("missing"))


def test_list_training_jobs_paginates_and_sorts(no_aws, workspace, local_session):
    tuner = HyperparameterTuner(generic_estimator(workspace, local_session, lr=0.1, kind="good"), "score",
                                {"depth": CategoricalParameter([2, 5, 8])}, metric_definitions=SCORE,
                                strategy="Grid", max_parallel_jobs=3)
    name = unique("list")
    tuner.fit(job_name=name)
    client = local_session.sagemaker_client
    first = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=name, MaxResults=2, SortBy="FinalObjectiveMetricValue", SortOrder="Descending")
    rest = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=name, MaxResults=2, NextToken=first["NextToken"],
        SortBy="FinalObjectiveMetricValue", SortOrder="Descending")
    assert "NextToken" not in rest
    depths = [s["TunedHyperParameters"]["depth"] for s in first["TrainingJobSummaries"] + rest["TrainingJobSummaries"]]
    assert depths[0] == "5" and sorted(depths) == ["2", "5", "8"]
    with pytest.raises(Exception, match="not running"):
        client.stop_hyper_parameter_tuning_job(HyperParameterTuningJobName=name)
    tuner.stop_tuning_job()  # the session logs "already stopped or not running", as V2's does


def test_local_tuner_refuses_what_cannot_run_before_anything_runs(no_aws, workspace, local_session):
    estimator = generic_estimator(workspace, local_session)
    no_definitions = HyperparameterTuner(estimator, "score", {"depth": IntegerParameter(1, 3)}, strategy="Random")
    with pytest.raises(ValueError, match="metric_definitions"):
        no_definitions.fit()
    autotune = HyperparameterTuner(estimator, "score", None, metric_definitions=SCORE, strategy="Random",
                                   autotune=True)
    with pytest.raises(ValueError, match="Autotune"):
        autotune.fit(job_name=unique("auto"))
    assert leftovers(workspace["root"]) == []


INTERRUPT_DRIVER = """\
import json, sys
from sagemaker_estimators.local.session import LocalSession
from sagemaker_estimators.estimators.base import Estimator
from sagemaker_estimators.tuning.tuner import HyperparameterTuner
from sagemaker_estimators.tuning.parameter import IntegerParameter

paths = json.loads(sys.argv[1])
session = LocalSession()
session.config = {"local": {"local_code": True, "container_root": paths["root"]}}
est = Estimator(image_uri="my-algo:1", entry_point="train.py", source_dir=paths["code"], instance_type="local_process",
                instance_count=1, role="arn:aws:iam::1:role/R", sagemaker_session=session,
                output_path="file://" + paths["out"], hyperparameters={"sleep": 60, "epochs": 2})
tuner = HyperparameterTuner(est, "score", {"depth": IntegerParameter(1, 9)},
                            metric_definitions=[{"Name": "score", "Regex": "score=([0-9.]+)"}],
                            strategy="Random", max_jobs=4, max_parallel_jobs=2)
tuner.fit(job_name="interrupted-tuning")
"""


def test_ctrl_c_stops_every_trial_and_leaves_nothing_behind(no_aws, workspace):
    paths = {key: str(workspace[key]) for key in ("code", "root", "out")}
    env = dict(os.environ, PYTHONPATH=REPO_ROOT)
    driver = subprocess.Popen([sys.executable, "-c", INTERRUPT_DRIVER, json.dumps(paths)], cwd=REPO_ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    pids = []
    try:
        for line in driver.stdout:
            if "STARTED" in line:
                pids.append(int(line.split("STARTED", 1)[1].split()[0]))
                if len(pids) == 2:
                    break
        assert len(pids) == 2, "two trials should run at once"
        driver.send_signal(signal.SIGINT)
        output = driver.communicate(timeout=60)[0]
    finally:
        if driver.poll() is None:
            driver.kill()
    assert driver.returncode != 0
    assert "KeyboardInterrupt" in output
    assert "Trial 3/" not in output  # nothing new started after Ctrl-C
    deadline = time.monotonic() + 10
    alive = list(pids)
    while alive and time.monotonic() < deadline:
        alive = [pid for pid in alive if _alive(pid)]
        time.sleep(0.1)
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    assert alive == [], "a trial's script outlived the interrupted tuning job"
    assert leftovers(workspace["root"]) == []
    assert leftovers(workspace["tmp"]) == []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie of an exited child of the (dead) driver counts as gone
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split()[2] != "Z"
    except OSError:
        return False


def test_create_multi_algorithm_alternates_definitions_and_best_estimator_matches(no_aws, workspace, local_session):
    good = generic_estimator(workspace, local_session, lr=0.1, kind="good", epochs=1)
    bad = generic_estimator(workspace, local_session, lr=0.1, kind="bad", epochs=1)
    tuner = HyperparameterTuner.create(
        estimator_dict={"good": good, "bad": bad},
        objective_metric_name_dict={"good": "score", "bad": "score"},
        hyperparameter_ranges_dict={name: {"depth": IntegerParameter(4, 6)} for name in ("good", "bad")},
        metric_definitions_dict={"good": SCORE, "bad": SCORE},
        strategy="Random", max_jobs=4, max_parallel_jobs=2,
    )
    tuner.fit(job_name=unique("multi"))
    summaries = tuner.analytics().training_job_summaries()
    assert sorted(s["TrainingJobDefinitionName"] for s in summaries) == ["bad", "bad", "good", "good"]
    best = tuner.describe()["BestTrainingJob"]
    assert best["TrainingJobDefinitionName"] == "good"
    attached = tuner.best_estimator()
    assert attached.latest_training_job.name == best["TrainingJobName"]
    assert attached.hyperparameters()["kind"] == "good"


def test_hyperband_runs_locally_through_optuna(no_aws, workspace, local_session):
    pytest.importorskip("optuna")
    from sagemaker_estimators.tuning.configs import HyperbandStrategyConfig, StrategyConfig

    tuner = HyperparameterTuner(generic_estimator(workspace, local_session, depth=5, epochs=4), "score",
                                {"lr": ContinuousParameter(0.01, 0.9), "kind": CategoricalParameter(["good", "bad"])},
                                metric_definitions=SCORE, strategy="Hyperband", max_jobs=4, max_parallel_jobs=2,
                                strategy_config=StrategyConfig(HyperbandStrategyConfig(max_resource=4,
                                                                                       min_resource=1)))
    tuner.fit(job_name=unique("hyperband"))
    description = tuner.describe()
    assert description["HyperParameterTuningJobStatus"] == "Completed"
    counters = description["TrainingJobStatusCounters"]
    assert counters["Completed"] + counters["Stopped"] == 4
    assert leftovers(workspace["root"]) == []
