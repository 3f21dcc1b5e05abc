"""staging/: one routine returns what it prepared, attributes read from it, and the layer imports no job kind."""
from __future__ import annotations

import ast
import os
import pathlib
import tarfile

import attrs
import pytest

import sagemaker_estimators.staging as staging_package
from sagemaker_estimators.staging.attributes import PreparedAttribute, keep_prepared_code, prepared_code_of
from sagemaker_estimators.staging.code import (
    CodeDestination,
    CodeSource,
    PreparedCode,
    UploadedCode,
    stage_code,
    training_code_destination,
)

HIGHER_LAYERS = ("estimators", "serving", "processing", "tuning", "algorithms", "frameworks", "local")


def _imported_modules(path: pathlib.Path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def test_staging_imports_no_job_kind_not_even_inside_functions():
    folder = pathlib.Path(staging_package.__file__).parent
    offending = {
        (path.name, module)
        for path in folder.glob("*.py")
        for module in _imported_modules(path)
        if module.startswith("sagemaker_estimators.") and module.split(".")[1] in HIGHER_LAYERS
    }
    assert offending == set()


class _Session:
    """What staging asks of a session: the default bucket and its prefix."""

    default_bucket_prefix = "team"

    def __init__(self):
        self.default_bucket_calls = 0

    def default_bucket(self):
        self.default_bucket_calls += 1
        return "default-bucket"


@pytest.fixture
def code(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "train.py").write_text("print(1)\n")
    (tmp_path / "lib.py").write_text("x = 1\n")
    return tmp_path


def _never():
    raise AssertionError("no destination is needed here")


def test_a_lone_script_left_in_place_is_its_folder_and_its_name(code):
    script = str(code / "src" / "train.py")
    prepared = stage_code(_Session(), CodeSource(script), None)
    assert (prepared.entry_point, prepared.source_dir) == ("train.py", str(code / "src"))
    assert (prepared.script_name, prepared.submit_directory) == ("train.py", "file://" + str(code / "src"))
    assert prepared.archive_uri is None and prepared.uploaded_code is None


def test_an_s3_source_dir_is_used_as_it_is():
    prepared = stage_code(_Session(), CodeSource("train.py", "s3://b/code/sourcedir.tar.gz"), _never)
    assert prepared.uploaded_code == UploadedCode("s3://b/code/sourcedir.tar.gz", "train.py")
    assert prepared.submit_directory == "s3://b/code/sourcedir.tar.gz"


def test_code_packed_into_a_local_folder(code, tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    source = CodeSource("train.py", str(code / "src"), [str(code / "lib.py")])
    prepared = stage_code(_Session(), source, lambda: CodeDestination.in_folder(str(target)))
    assert prepared.archive_uri == "file://" + str(target / "sourcedir.tar.gz")
    assert prepared.packed_archive_uri() == prepared.archive_uri
    with tarfile.open(target / "sourcedir.tar.gz") as archive:
        assert sorted(archive.getnames()) == ["lib.py", "train.py"]
    assert source.dependencies == (str(code / "lib.py"),)  # a frozen value: the caller's list is copied


def test_a_missing_lone_script_is_refused_before_the_destination_is_asked(code):
    with pytest.raises(ValueError, match="does not exist or is not a file"):
        stage_code(_Session(), CodeSource(str(code / "missing.py")), _never)


def test_the_code_channel_reads_the_archive_at_the_container_path():
    prepared = PreparedCode("train.py", None, "train.py", "s3://b/k/sourcedir.tar.gz", "s3://b/k/sourcedir.tar.gz")
    isolated = prepared.through_code_channel("/opt/ml/input/data/code/sourcedir.tar.gz")
    assert isolated.code_channel_uri == "s3://b/k/sourcedir.tar.gz"
    assert isolated.submit_directory == "/opt/ml/input/data/code/sourcedir.tar.gz"
    assert prepared.code_channel_uri is None  # frozen: the original is unchanged
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        prepared.script_name = "other.py"  # type: ignore[misc]


def test_training_code_destination_follows_v2s_rules():
    session = _Session()
    by_location = training_code_destination(session, "job", "s3://code/pre", "s3://code/out", "key", False)
    assert by_location == CodeDestination("s3://code/pre/job/source", "key")
    other_bucket = training_code_destination(session, "job", "s3://code/pre", "s3://out/x", "key", False)
    assert other_bucket.kms_key is None
    assert session.default_bucket_calls == 0
    default = training_code_destination(session, "job", None, "", "key", False)
    assert default == CodeDestination("s3://default-bucket/team/job/source", None)
    output = training_code_destination(session, "job", None, "s3://out/prefix/", "key", False)
    assert output == CodeDestination("s3://out/job/source", "key")
    from_default = training_code_destination(session, "job", None, "s3://out/prefix/", "key", True)
    assert from_default.uri_of("sourcedir.tar.gz") == "s3://out/prefix/job/source/sourcedir.tar.gz"
    assert from_default.upload_extra_args() == {"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": "key"}


class _Job:
    entry_point = PreparedAttribute(lambda code: code.entry_point)
    uploaded_code = PreparedAttribute(lambda code: code.uploaded_code)


def test_prepared_attributes_read_the_prepared_code_until_assigned():
    job = _Job()
    job.entry_point, job.uploaded_code = "src/train.py", UploadedCode("s3://attached", "train.py")
    in_place = PreparedCode("train.py", "/abs/src", "train.py", "file:///abs/src")
    keep_prepared_code(job, in_place)
    assert prepared_code_of(job) is in_place
    assert job.entry_point == "train.py"
    assert job.uploaded_code == UploadedCode("s3://attached", "train.py")  # nothing uploaded: left as it was
    job.entry_point = "other.py"
    assert job.entry_point == "other.py"
    keep_prepared_code(job, PreparedCode("x.py", None, "x.py", "s3://b/s.tar.gz", "s3://b/s.tar.gz"))
    assert job.entry_point == "x.py" and job.uploaded_code == UploadedCode("s3://b/s.tar.gz", "x.py")


def test_fit_leaves_the_users_hyperparameters_alone(no_aws, monkeypatch, code, tmp_path):
    from sagemaker_estimators.local.session import LocalSession
    from sagemaker.sklearn import SKLearn

    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-west-2")
    monkeypatch.chdir(code)
    estimator = SKLearn(entry_point="src/train.py", framework_version="1.2-1", py_version="py3",
                        role="arn:aws:iam::123456789012:role/R", instance_type="local_process", instance_count=1,
                        sagemaker_session=LocalSession(), hyperparameters={"depth": 3})
    estimator._prepare_for_training(job_name="job-1")
    assert estimator._hyperparameters == {"depth": 3}
    shown = estimator.hyperparameters()
    assert shown["sagemaker_program"] == '"train.py"'
    assert shown["sagemaker_submit_directory"] == '"file://' + os.path.join(str(code), "src") + '"'
    assert (estimator.entry_point, estimator.source_dir) == ("train.py", os.path.join(str(code), "src"))
