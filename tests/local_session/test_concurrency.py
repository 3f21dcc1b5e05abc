"""Issue 16 item 12: five fits and deploys started from threads at once in one program get their
own names, their own endpoints, and leave nothing behind."""
from __future__ import annotations

import threading
import time as real_time
import types

import pytest

from sagemaker_estimators import utils
from tests.local_session.conftest import ROLE, leftovers

THREADS = 5


@pytest.fixture
def frozen_clock(monkeypatch):
    """Every name is asked for in the same millisecond (what threads started together often get)."""
    moment = real_time.time()
    clock = types.SimpleNamespace(time=lambda: moment, gmtime=real_time.gmtime, localtime=real_time.localtime,
                                  strftime=real_time.strftime)
    monkeypatch.setattr(utils, "time", clock)


def test_names_are_unique_in_the_process_and_keep_v2s_format(frozen_clock):
    names = set()

    def take():
        for _ in range(20):
            names.add(utils.name_from_base("sklearn-job"))

    threads = [threading.Thread(target=take) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(names) == THREADS * 20
    assert all(utils.base_from_name(name) == "sklearn-job" for name in names)


def test_five_fits_and_deploys_from_threads(no_aws, workspace, session, frozen_clock):
    from sagemaker.sklearn import SKLearn

    barrier = threading.Barrier(THREADS)
    results, errors = {}, []

    def run(index):
        try:
            est = SKLearn(entry_point="train.py", source_dir=str(workspace["code"]), framework_version="1.2-1",
                          py_version="py3", instance_type="local_process", instance_count=1, role=ROLE,
                          hyperparameters={"max-iter": 100 + index}, sagemaker_session=session,
                          output_path="file://" + str(workspace["out"]))
            barrier.wait(timeout=120)
            est.fit({"train": "file://" + str(workspace["data"])})
            barrier.wait(timeout=120)
            predictor = est.deploy(1, "local_process")
            try:
                endpoint = session.sagemaker_client.describe_endpoint(EndpointName=predictor.endpoint_name)
                results[index] = (est.latest_training_job.name, predictor.endpoint_name, endpoint["EndpointStatus"],
                                  predictor.predict([[5.1, 3.5, 1.4, 0.2]]))
            finally:
                predictor.delete_endpoint()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(f"{index}: {type(error).__name__}: {error}")

    threads = [threading.Thread(target=run, args=(index,)) for index in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(600)
    assert errors == []
    assert len({job for job, *_ in results.values()}) == THREADS
    assert len({endpoint for _, endpoint, *_ in results.values()}) == THREADS
    assert all(status == "InService" for *_, status, _ in results.values())
    assert leftovers(workspace["root"]) == [] and leftovers(workspace["tmp"]) == []
