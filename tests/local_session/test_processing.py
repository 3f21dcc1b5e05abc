"""Processing jobs with instance_type="local_process": real subprocesses, literal /opt/ml paths, no AWS."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import boto3
import pytest

from tests.local.toolkit_helpers import build_wheel, process_alive
from tests.local_session.conftest import ROLE, leftovers, unique

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

PREPROCESS = """\
    import argparse, json, os
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int)
    args = parser.parse_args()
    rows = open("/opt/ml/processing/input/raw/rows.csv").read().split()
    os.makedirs("/opt/ml/processing/train", exist_ok=True)
    with open("/opt/ml/processing/train/scaled.csv", "w") as handle:
        handle.write("\\n".join(str(int(row) * args.scale) for row in rows))
    resource = json.load(open("/opt/ml/config/resourceconfig.json"))
    job = json.load(open("/opt/ml/config/processingjobconfig.json"))
    with open("/opt/ml/processing/report/%s.json" % resource["current_host"], "w") as handle:
        json.dump({"hosts": resource["hosts"], "job": job["ProcessingJobName"],
                   "inputs": [item["InputName"] for item in job["ProcessingInputs"]]}, handle)
    print("processed", len(rows), "rows on", resource["current_host"])
"""


@pytest.fixture
def work(tmp_path, isolated_tmp, monkeypatch):
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


@pytest.fixture
def host_opt_ml():
    """The host's /opt/ml before the test; the test must leave it exactly so."""
    def listing():
        if not os.path.lexists("/opt/ml"):
            return None
        return sorted(os.path.join(folder, name) for folder, dirs, names in os.walk("/opt/ml") for name in dirs + names)

    before = listing()
    yield
    assert listing() == before, "the host's /opt/ml was changed"


def _script_processor(session, instance_count=1):
    from sagemaker.sklearn.processing import SKLearnProcessor

    return SKLearnProcessor(framework_version="1.2-1", role=ROLE, instance_type="local_process",
                            instance_count=instance_count, sagemaker_session=session)


def test_script_processor_reads_and_writes_literal_paths_without_aws(no_aws, work, local_session, host_opt_ml):
    from sagemaker.processing import ProcessingInput, ProcessingOutput

    processor = _script_processor(local_session, instance_count=2)
    name = unique("prep")
    processor.run(
        code="preprocess.py",
        inputs=[ProcessingInput(source="raw", destination="/opt/ml/processing/input/raw", input_name="raw")],
        outputs=[ProcessingOutput(source="/opt/ml/processing/train", destination="file://" + str(work / "train")),
                 ProcessingOutput(source="/opt/ml/processing/report", destination=str(work / "report"))],
        arguments=["--scale", "10"], job_name=name,
    )
    assert (work / "train" / "scaled.csv").read_text() == "10\n20\n30"
    reports = {path.name: json.loads(path.read_text()) for path in (work / "report").iterdir()}
    assert sorted(reports) == ["algo-1.json", "algo-2.json"]
    assert reports["algo-2.json"] == {"hosts": ["algo-1", "algo-2"], "job": name, "inputs": ["raw", "code"]}
    description = processor.latest_job.describe()
    assert description["ProcessingJobStatus"] == "Completed"
    assert description["AppSpecification"]["ContainerEntrypoint"] == [
        "python3", "/opt/ml/processing/input/code/preprocess.py"]
    assert description["ProcessingInputs"][0]["S3Input"]["S3Uri"] == "file://" + str(work / "raw")
    assert leftovers(work / "root") == [] and leftovers(os.environ["TMPDIR"]) == []


def test_default_output_destination_stays_local(no_aws, work, local_session):
    from sagemaker.processing import ProcessingInput, ProcessingOutput

    processor = _script_processor(local_session)
    processor.run(code="preprocess.py", arguments=["--scale", "2"],
                  inputs=[ProcessingInput(source="raw", destination="/opt/ml/processing/input/raw")],
                  outputs=[ProcessingOutput(source="/opt/ml/processing/train"),
                           ProcessingOutput(source="/opt/ml/processing/report")])
    destination = processor.latest_job.outputs[0].destination
    assert destination.startswith("file://" + str(work / "root")) and destination.endswith("/output/output-1")
    assert open(os.path.join(destination[len("file://"):], "scaled.csv")).read() == "2\n4\n6"


def test_failing_script_fails_the_job_with_its_message(no_aws, work, local_session):
    from sagemaker.processing import ProcessingOutput

    (work / "bad.py").write_text(textwrap.dedent("""\
        import sys
        print("starting", flush=True)
        open("/opt/ml/output/message", "w").write("ValueError: column 'age' is missing")
        raise ValueError("column 'age' is missing")
    """))
    from sagemaker_estimators.local.runtime import ProcessingFailedError

    processor = _script_processor(local_session)
    name = unique("bad")
    with pytest.raises(ProcessingFailedError) as raised:
        processor.run(code="bad.py", job_name=name,
                      outputs=[ProcessingOutput(source="/opt/ml/processing/out", destination=str(work / "o"))])
    assert "column 'age' is missing" in str(raised.value) and "starting" in raised.value.log_tail
    description = local_session.describe_processing_job(name)
    assert description["ProcessingJobStatus"] == "Failed"
    assert description["ExitMessage"] == "ValueError: column 'age' is missing"
    assert not (work / "o").exists()
    assert leftovers(work / "root") == []


def test_framework_processor_bundle_with_dependencies_and_requirements(no_aws, work, local_session, host_opt_ml):
    from sagemaker.processing import ProcessingOutput
    from sagemaker.xgboost.processing import XGBoostProcessor

    wheels = work / "wheels"
    wheels.mkdir()
    build_wheel(str(wheels), "tinydep", "0.1", {"tinydep/__init__.py": "ANSWER = 42\n"})
    (work / "src" / "helpers").mkdir(parents=True)
    (work / "src" / "helpers" / "__init__.py").write_text("from .scale import FACTOR\n")
    (work / "src" / "helpers" / "scale.py").write_text("FACTOR = 3\n")
    (work / "src" / "requirements.txt").write_text(f"--no-index\n--find-links {wheels}\ntinydep==0.1\n")
    (work / "src" / "process.py").write_text(textwrap.dedent("""\
        import sys, os
        import common, tinydep
        from helpers import FACTOR
        with open("/opt/ml/processing/out/result.txt", "w") as handle:
            handle.write("%s %s %s %s" % (FACTOR, common.OFFSET, tinydep.ANSWER, " ".join(sys.argv[1:])))
        print("cwd", os.getcwd())
    """))
    (work / "lib" / "common").mkdir(parents=True)
    (work / "lib" / "common" / "__init__.py").write_text("OFFSET = 5\n")
    processor = XGBoostProcessor(framework_version="1.7-1", role=ROLE, instance_type="local_process",
                                 instance_count=1, sagemaker_session=local_session)
    processor.run(code="process.py", source_dir="src", dependencies=["lib/common"], arguments=["--a", "b"],
                  outputs=[ProcessingOutput(source="/opt/ml/processing/out", destination=str(work / "out"))])
    assert (work / "out" / "result.txt").read_text() == "3 5 42 --a b"
    description = processor.latest_job.describe()
    assert description["AppSpecification"]["ContainerEntrypoint"] == [
        "/bin/bash", "/opt/ml/processing/input/entrypoint/runproc.sh"]
    assert [item["InputName"] for item in description["ProcessingInputs"]] == ["code", "entrypoint"]
    # pip installed into the job's folder, never into this interpreter
    probe = subprocess.run([sys.executable, "-c", "import tinydep"], capture_output=True)
    assert probe.returncode != 0
    assert leftovers(work / "root") == [] and leftovers(os.environ["TMPDIR"]) == []


def test_s3_input_and_output_through_moto(aws, work, local_session):
    from sagemaker.processing import ProcessingInput, ProcessingOutput

    s3 = boto3.client("s3", region_name="us-west-2")
    s3.create_bucket(Bucket="proc-data", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    s3.put_object(Bucket="proc-data", Key="raw/rows.csv", Body=b"4\n5\n")
    processor = _script_processor(local_session)
    processor.run(code="preprocess.py", arguments=["--scale", "3"],
                  inputs=[ProcessingInput(source="s3://proc-data/raw", destination="/opt/ml/processing/input/raw")],
                  outputs=[ProcessingOutput(source="/opt/ml/processing/train", destination="s3://proc-data/out/train"),
                           ProcessingOutput(source="/opt/ml/processing/report", destination=str(work / "r"))])
    body = s3.get_object(Bucket="proc-data", Key="out/train/scaled.csv")["Body"].read()
    assert body == b"12\n15"


def test_local_mode_refuses_what_it_cannot_emulate(no_aws, work, local_session):
    from sagemaker.dataset_definition.inputs import AthenaDatasetDefinition, DatasetDefinition
    from sagemaker.processing import FeatureStoreOutput, ProcessingInput, ProcessingOutput

    processor = _script_processor(local_session)
    athena = DatasetDefinition(local_path="/opt/ml/processing/athena",
                               athena_dataset_definition=AthenaDatasetDefinition(catalog="c", database="d"))
    with pytest.raises(ValueError, match="DatasetDefinition"):
        processor.run(code="preprocess.py", inputs=[ProcessingInput(input_name="a", dataset_definition=athena)])
    with pytest.raises(ValueError, match="FeatureStoreOutput"):
        processor.run(code="preprocess.py", outputs=[ProcessingOutput(
            output_name="f", feature_store_output=FeatureStoreOutput(feature_group_name="g"))])


SLEEPY = """\
import os, time
print("STARTED", os.getpid(), flush=True)
time.sleep(120)
"""

DRIVER = """\
import json, sys
import sagemaker_estimators._startup
from sagemaker.local import LocalSession
from sagemaker.sklearn.processing import SKLearnProcessor
from sagemaker.processing import ProcessingInput
paths = json.loads(sys.argv[1])
session = LocalSession()
session.config = {"local": {"local_code": True, "container_root": paths["root"]}}
processor = SKLearnProcessor(framework_version="1.2-1", role="arn:aws:iam::111111111111:role/R",
                             instance_type="local_process", instance_count=2, sagemaker_session=session)
processor.run(code=paths["code"], inputs=[ProcessingInput(source=paths["raw"], destination="/opt/ml/processing/in")])
"""


def test_ctrl_c_stops_every_host_and_leaves_nothing(no_aws, work):
    (work / "sleepy.py").write_text(SLEEPY)
    paths = {"root": str(work / "root"), "code": str(work / "sleepy.py"), "raw": str(work / "raw")}
    env = dict(os.environ, PYTHONPATH=REPO_ROOT)
    driver = subprocess.Popen([sys.executable, "-c", DRIVER, json.dumps(paths)], cwd=REPO_ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    pids = []
    try:
        for line in driver.stdout:
            if "STARTED" in line:
                pids.append(int(line.split("STARTED", 1)[1].split()[0]))
                if len(pids) == 2:
                    break
        assert len(pids) == 2, "the hosts never started"
        driver.send_signal(signal.SIGINT)
        output = driver.communicate(timeout=60)[0]
    finally:
        if driver.poll() is None:
            driver.kill()
    assert driver.returncode != 0 and "KeyboardInterrupt" in output
    assert leftovers(work / "root") == [] and leftovers(os.environ["TMPDIR"]) == []
    deadline = time.monotonic() + 10
    while any(process_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(process_alive(pid) for pid in pids), "a host outlived the interrupted job"


def test_tensorflow_processor_runs_a_standard_library_script_on_two_hosts(no_aws, work, local_session, host_opt_ml):
    from sagemaker.processing import ProcessingInput, ProcessingOutput
    from sagemaker.tensorflow import TensorFlowProcessor

    (work / "tfsrc" / "evaluation").mkdir(parents=True)
    (work / "tfsrc" / "evaluation" / "__init__.py").write_text("def mean(values):\n"
                                                                "    return sum(values) / len(values)\n")
    (work / "tfsrc" / "evaluate.py").write_text(textwrap.dedent("""\
        import json, sys
        from evaluation import mean
        rows = [int(row) for row in open("/opt/ml/processing/input/raw/rows.csv").read().split()]
        host = json.load(open("/opt/ml/config/resourceconfig.json"))["current_host"]
        with open("/opt/ml/processing/metrics/%s.json" % host, "w") as handle:
            json.dump({"mean": mean(rows), "argv": sys.argv[1:]}, handle)
    """))
    processor = TensorFlowProcessor(framework_version="2.14", py_version="py310", role=ROLE,
                                    instance_type="local_process", instance_count=2,
                                    sagemaker_session=local_session)
    assert processor.base_job_name == "tensorflow"
    assert processor.image_uri.endswith(".amazonaws.com/tensorflow-training:2.14-cpu-py310")
    processor.run(code="evaluate.py", source_dir="tfsrc", arguments=["--split", "test"],
                  inputs=[ProcessingInput(source="raw", destination="/opt/ml/processing/input/raw")],
                  outputs=[ProcessingOutput(source="/opt/ml/processing/metrics", destination=str(work / "metrics"))])
    metrics = {path.name: json.loads(path.read_text()) for path in (work / "metrics").iterdir()}
    assert metrics == {f"algo-{n}.json": {"mean": 2.0, "argv": ["--split", "test"]} for n in (1, 2)}
    description = processor.latest_job.describe()
    assert description["ProcessingJobName"].startswith("tensorflow-")
    assert description["AppSpecification"]["ContainerEntrypoint"] == [
        "/bin/bash", "/opt/ml/processing/input/entrypoint/runproc.sh"]
    assert leftovers(work / "root") == [] and leftovers(os.environ["TMPDIR"]) == []
