"""Processing jobs in Docker (instance_type="local") with the stand-in scikit-learn image, no AWS."""
from __future__ import annotations

import json
import os
import textwrap

import pytest

from tests.local_docker.conftest import leftovers
from tests.local_session.test_processing import PREPROCESS

pytestmark = pytest.mark.docker
ROLE = "arn:aws:iam::111111111111:role/SageMakerRole"


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "preprocess.py").write_text(textwrap.dedent(PREPROCESS))
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "rows.csv").write_text("1\n2\n3\n")
    (tmp_path / "root").mkdir()
    return tmp_path


@pytest.fixture
def local_session(work):
    from sagemaker_estimators.local.session import LocalSession

    session = LocalSession()
    session.config = {"local": {"local_code": True, "container_root": str(work / "root")}}
    return session


def test_sklearn_processor_runs_one_container_per_instance(no_aws, work, local_session, standin_image,
                                                           docker_client, job_name, capfd):
    from sagemaker.processing import ProcessingInput, ProcessingOutput
    from sagemaker.sklearn.processing import SKLearnProcessor

    processor = SKLearnProcessor(framework_version="1.2-1", role=ROLE, instance_type="local", instance_count=2,
                                 sagemaker_session=local_session)
    assert processor.image_uri == standin_image
    processor.run(
        code="preprocess.py", job_name=job_name, arguments=["--scale", "10"],
        inputs=[ProcessingInput(source="raw", destination="/opt/ml/processing/input/raw", input_name="raw")],
        outputs=[ProcessingOutput(source="/opt/ml/processing/train", destination="file://" + str(work / "train")),
                 ProcessingOutput(source="/opt/ml/processing/report", destination=str(work / "report"))],
    )
    assert (work / "train" / "scaled.csv").read_text() == "10\n20\n30"
    reports = {path.name: json.loads(path.read_text()) for path in (work / "report").iterdir()}
    assert reports == {f"algo-{n}.json": {"hosts": ["algo-1", "algo-2"], "job": job_name, "inputs": ["raw", "code"]}
                       for n in (1, 2)}
    assert "processed 3 rows on algo-2" in capfd.readouterr().out
    assert processor.latest_job.describe()["ProcessingJobStatus"] == "Completed"
    assert leftovers(docker_client, job_name) == []
    assert os.listdir(work / "root") == []


def test_framework_processor_bundle_and_failure(no_aws, work, local_session, standin_image, docker_client):
    from sagemaker.processing import FrameworkProcessor, ProcessingOutput
    from sagemaker.sklearn.estimator import SKLearn
    from sagemaker_estimators.local.runtime import ProcessingFailedError

    (work / "src" / "helpers").mkdir(parents=True)
    (work / "src" / "helpers" / "__init__.py").write_text("FACTOR = 3\n")
    (work / "src" / "process.py").write_text(textwrap.dedent("""\
        import os, sys
        from helpers import FACTOR
        import common
        if "--fail" in sys.argv:
            raise RuntimeError("the input has no rows")
        open("/opt/ml/processing/out/result.txt", "w").write("%s %s %s" % (FACTOR, common.OFFSET, os.getcwd()))
    """))
    (work / "lib" / "common").mkdir(parents=True)
    (work / "lib" / "common" / "__init__.py").write_text("OFFSET = 5\n")
    processor = FrameworkProcessor(estimator_cls=SKLearn, framework_version="1.2-1", role=ROLE,
                                   instance_type="local", instance_count=1, command=["python3"],
                                   sagemaker_session=local_session)
    processor.run(code="process.py", source_dir="src", dependencies=["lib/common"],
                  outputs=[ProcessingOutput(source="/opt/ml/processing/out", destination=str(work / "out"))])
    assert (work / "out" / "result.txt").read_text() == "3 5 /opt/ml/processing/input/code"
    with pytest.raises(ProcessingFailedError, match="RuntimeError: the input has no rows") as raised:
        processor.run(code="process.py", source_dir="src", dependencies=["lib/common"], arguments=["--fail"],
                      outputs=[ProcessingOutput(source="/opt/ml/processing/out", destination=str(work / "o2"))])
    description = local_session.describe_processing_job(raised.value.job_name)
    assert description["ProcessingJobStatus"] == "Failed"
    assert "the input has no rows" in description["FailureReason"]
    assert leftovers(docker_client, raised.value.job_name) == []
    assert os.listdir(work / "root") == []
