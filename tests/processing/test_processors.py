"""Processors against moto: bad input is refused before any upload; job handles; V2 import paths."""
from __future__ import annotations

import boto3
import pytest

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/proc:1"


def _objects():
    s3 = boto3.client("s3", region_name="us-west-2")
    keys = []
    for bucket in s3.list_buckets()["Buckets"]:
        keys += [item["Key"] for item in s3.list_objects_v2(Bucket=bucket["Name"]).get("Contents", [])]
    return keys


def _jobs():
    return boto3.client("sagemaker", region_name="us-west-2").list_processing_jobs()["ProcessingJobSummaries"]


@pytest.fixture
def script(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "run.py").write_text("print('hi')\n")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.csv").write_text("1\n")
    return tmp_path


def _inputs(**overrides):
    from sagemaker.processing import ProcessingInput

    kwargs = dict(source="data", destination="/opt/ml/processing/input")
    kwargs.update(overrides)
    return [ProcessingInput(**kwargs)]


def _input_without_source():
    from sagemaker.dataset_definition.inputs import S3Input
    from sagemaker.processing import ProcessingInput

    return [ProcessingInput(s3_input=S3Input(local_path="/opt/ml/processing/x"))]


@pytest.mark.parametrize("case, message", [
    (dict(inputs=_inputs(destination="/data/input")), "inputs\\[0\\].destination='/data/input'"),
    (dict(inputs=_inputs(destination="/opt/ml/processing/../x")), "inputs\\[0\\].destination"),
    (dict(inputs=_inputs(input_name="a") + _inputs(input_name="a", destination="/opt/ml/processing/b")),
     "inputs has the name 'a' twice"),
    (dict(inputs=_inputs(input_name="code")), "input_name='code'"),
    (dict(outputs="out"), "outputs must be a list"),
    (dict(inputs=_input_without_source()), "inputs\\[0\\].source"),
    (dict(code="missing.py"), "code 'missing.py' wasn't found"),
    (dict(code="data"), "must be a file, not a directory"),
    (dict(arguments=["--n", 5]), "arguments must be a list of str"),
    (dict(wait=False), "Logs can only be shown"),
])
def test_bad_run_arguments_are_refused_before_any_upload(aws, script, case, message):
    from sagemaker.processing import ProcessingOutput, ScriptProcessor

    processor = ScriptProcessor(role=ROLE, image_uri=IMAGE, command=["python3"], instance_count=1,
                                instance_type="ml.m5.large")
    if case.get("outputs") == "out":
        case["outputs"] = ProcessingOutput(source="/opt/ml/processing/out")
    kwargs = dict(code="run.py", inputs=_inputs())
    kwargs.update(case)
    with pytest.raises((ValueError, TypeError), match=message):
        processor.run(**kwargs)
    assert _objects() == [] and _jobs() == []


def test_duplicate_outputs_and_outside_sources_are_refused(aws, script):
    from sagemaker.processing import ProcessingOutput, Processor

    processor = Processor(role=ROLE, image_uri=IMAGE, instance_count=1, instance_type="ml.m5.large")
    with pytest.raises(ValueError, match="outputs has the name 'o' twice"):
        processor.run(outputs=[ProcessingOutput(source="/opt/ml/processing/a", output_name="o"),
                               ProcessingOutput(source="/opt/ml/processing/b", output_name="o")])
    with pytest.raises(ValueError, match="outputs\\[0\\].source='/tmp/out'"):
        processor.run(outputs=[ProcessingOutput(source="/tmp/out")])
    assert _jobs() == []


@pytest.mark.parametrize("count", [0, -1, None, "2"])
def test_instance_count_below_one_is_refused(aws, script, count):
    from sagemaker.processing import Processor

    processor = Processor(role=ROLE, image_uri=IMAGE, instance_count=count, instance_type="ml.m5.large")
    with pytest.raises((ValueError, TypeError), match="instance_count"):
        processor.run(inputs=_inputs())
    assert _objects() == [] and _jobs() == []


def test_framework_processor_refuses_missing_code_and_reserved_names_before_upload(aws, script):
    from sagemaker.processing import ProcessingInput
    from sagemaker.pytorch.processing import PyTorchProcessor

    processor = PyTorchProcessor(framework_version="2.1", py_version="py310", role=ROLE, instance_count=1,
                                 instance_type="ml.g5.xlarge")
    with pytest.raises(ValueError, match="missing.py"):
        processor.run(code="missing.py", source_dir=".")
    with pytest.raises(ValueError, match="input_name='entrypoint'"):
        processor.run(code="run.py", inputs=[ProcessingInput(source="s3://b/k", input_name="entrypoint",
                                                             destination="/opt/ml/processing/e")])
    with pytest.raises(ValueError, match="git_config"):
        processor.run(code="run.py", git_config={"repo": "https://example.com/r.git"})
    assert _objects() == [] and _jobs() == []


def test_role_is_required():
    from sagemaker.processing import Processor

    with pytest.raises(ValueError, match="role"):
        Processor(image_uri=IMAGE, instance_count=1, instance_type="ml.m5.large",
                  sagemaker_session=object())


def test_job_handle_describe_wait_attach_and_stop(aws, script):
    import sagemaker
    from sagemaker.processing import ProcessingJob

    assert sagemaker.Processor is sagemaker.processing.Processor
    assert sagemaker.ScriptProcessor.__name__ == "ScriptProcessor"
    processor = sagemaker.Processor(role=ROLE, image_uri=IMAGE, instance_count=1, instance_type="ml.m5.large",
                                    entrypoint=["python3", "/opt/program/x.py"])
    processor.run(inputs=[sagemaker.processing.ProcessingInput(source="s3://b/k",
                                                               destination="/opt/ml/processing/in")],
                  job_name="handle-job", wait=False, logs=False)
    job = processor.latest_job
    assert processor.jobs == [job] and job.name == "handle-job"
    job.wait(logs=False)
    assert job.describe()["ProcessingJobStatus"] == "Completed"
    again = ProcessingJob.from_processing_arn(processor.sagemaker_session, job.describe()["ProcessingJobArn"])
    assert again.job_name == "handle-job"
    assert [(i.input_name, i.source, i.destination) for i in again.inputs] == [
        ("input-1", "s3://b/k", "/opt/ml/processing/in")]
    with pytest.raises(ValueError, match="processing job ARN"):
        ProcessingJob.from_processing_arn(processor.sagemaker_session, "arn:aws:s3:::x")
    session = processor.sagemaker_session
    assert session.wait_for_processing_job("handle-job")["ProcessingJobName"] == "handle-job"


def test_session_process_sends_v2_arguments(aws):
    import sagemaker

    session = sagemaker.Session()
    request = session.process(
        inputs=[], output_config={"Outputs": []}, job_name="direct-job",
        resources={"ClusterConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.large", "VolumeSizeInGB": 30}},
        stopping_condition=None, app_specification={"ImageUri": IMAGE}, role_arn=ROLE)
    assert request == {"ProcessingJobName": "direct-job", "RoleArn": ROLE, "AppSpecification": {"ImageUri": IMAGE},
                       "ProcessingResources": request["ProcessingResources"]}
    assert session.describe_processing_job("direct-job")["ProcessingJobStatus"] == "Completed"


def test_run_waits_and_follows_logs_by_default(aws, script, capsys):
    from sagemaker.processing import ProcessingOutput
    from sagemaker.sklearn.processing import SKLearnProcessor

    processor = SKLearnProcessor(framework_version="1.2-1", role=ROLE, instance_count=1,
                                 instance_type="ml.m5.large")
    processor.run(code="run.py", outputs=[ProcessingOutput(source="/opt/ml/processing/out")])
    description = processor.latest_job.describe()
    assert description["ProcessingJobStatus"] == "Completed"
    assert processor.latest_job.outputs[0].destination == (
        f"s3://sagemaker-us-west-2-123456789012/{processor.latest_job.job_name}/output/output-1")
