"""Local tuning with instance_type="local": trials in the stand-in image, objective read from container logs,
early stopping kills a trial's container, nothing left behind."""
from __future__ import annotations

import pytest

from tests.local_docker.conftest import leftovers
from tests.local_session.conftest import ROLE, SKLEARN_IMAGE
from tests.tuning.conftest import TRAIN_SCRIPT

pytestmark = pytest.mark.docker


def test_docker_trials_report_objectives_and_early_stopping_kills_containers(no_aws, tmp_path, standin_image,
                                                                               docker_client):
    from sagemaker.estimator import Estimator
    from sagemaker.local import LocalSession
    from sagemaker.parameter import CategoricalParameter
    from sagemaker.tuner import HyperparameterTuner

    (tmp_path / "code").mkdir()
    (tmp_path / "code" / "train.py").write_text(TRAIN_SCRIPT)
    (tmp_path / "root").mkdir()
    session = LocalSession()
    session.config = {"local": {"local_code": True, "container_root": str(tmp_path / "root")}}
    estimator = Estimator(image_uri=SKLEARN_IMAGE, entry_point="train.py", source_dir=str(tmp_path / "code"),
                          instance_type="local", instance_count=1, role=ROLE, sagemaker_session=session,
                          output_path="file://" + str(tmp_path / "out"),
                          hyperparameters={"lr": 0.1, "depth": 5, "epochs": 4, "sleep": 1})
    tuner = HyperparameterTuner(estimator, "score", {"kind": CategoricalParameter(["good", "bad"])},
                                metric_definitions=[{"Name": "score", "Regex": "score=([0-9.]+)"}],
                                strategy="Grid", early_stopping_type="Auto")
    tuner._hyperparameter_ranges["kind"].values = ["good"] * 3 + ["bad"]
    tuner.fit(job_name="docker-tuning-" + tmp_path.name[-8:].replace("_", "-"))
    summaries = sorted(tuner.analytics().training_job_summaries(), key=lambda s: s["TrainingJobName"])
    assert [s["TrainingJobStatus"] for s in summaries] == ["Completed"] * 3 + ["Stopped"]
    assert summaries[0]["FinalHyperParameterTuningJobObjectiveMetric"]["Value"] == pytest.approx(2.0)
    assert summaries[3]["FinalHyperParameterTuningJobObjectiveMetric"]["Value"] < 1.0
    for summary in summaries:
        assert leftovers(docker_client, summary["TrainingJobName"]) == []
    assert list((tmp_path / "root").iterdir()) == []
