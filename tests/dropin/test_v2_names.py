"""V2 names legacy code imports from the modules this package covers."""
from __future__ import annotations

import importlib
import io
import tarfile

import pytest

from tests.serving.hosting_helpers import ROLE, put_model, recorded_session


@pytest.mark.parametrize("path, name", [
    ("sagemaker.session_settings", "SessionSettings"),
    ("sagemaker.serverless.serverless_inference_config", "ServerlessInferenceConfig"),
    ("sagemaker.async_inference.async_inference_config", "AsyncInferenceConfig"),
    ("sagemaker.huggingface", "get_huggingface_llm_image_uri"),
    ("sagemaker.huggingface.llm_utils", "get_huggingface_llm_image_uri"),
    ("sagemaker.image_uris", "config_for_framework"),
    ("sagemaker.s3", "determine_bucket_and_prefix"),
    ("sagemaker.base_serializers", "CSVSerializer"),
    ("sagemaker.base_deserializers", "JSONDeserializer"),
    ("sagemaker.base_predictor", "RealTimePredictor"),
    ("sagemaker.base_predictor", "csv_serializer"),
    ("sagemaker.predictor", "RealTimePredictor"),
])
def test_v2_import_paths(path, name):
    import sagemaker_estimators._startup  # noqa: F401

    assert getattr(importlib.import_module(path), name) is not None


def test_version_is_a_v2_version_string():
    import sagemaker_estimators._startup  # noqa: F401
    from packaging.version import Version

    import sagemaker

    assert Version(sagemaker.__version__) >= Version("2.257")
    assert Version(sagemaker.__version__) < Version("3")


def test_v1_aliases_work_and_say_they_were_renamed(caplog):
    from sagemaker.base_predictor import RealTimePredictor, csv_serializer, json_deserializer
    from sagemaker.predictor import Predictor

    with caplog.at_level("WARNING"):
        assert csv_serializer.serialize([[1, 2], [3, 4]]) == "1,2\n3,4"
        assert json_deserializer.deserialize(io.BytesIO(b'{"a": 1}'), "application/json") == {"a": 1}
    messages = [r.getMessage() for r in caplog.records]
    assert any("The csv_serializer has been renamed" in m for m in messages)
    assert any("The json_deserializer has been renamed" in m for m in messages)
    assert issubclass(RealTimePredictor, Predictor)


# V2's s3_path_join answers (inputs: our edge cases and those of V2's own unit tests), recorded by
# running V2 2.257.7
S3_PATH_JOIN_V2 = [
    (('foo',), False, 'foo'),
    (('foo',), True, 'foo/'),
    (('foo', 'bar'), False, 'foo/bar'),
    (('foo', 'bar'), True, 'foo/bar/'),
    (('foo/', 'bar'), False, 'foo/bar'),
    (('foo/', 'bar'), True, 'foo/bar/'),
    (('/foo/', 'bar'), False, 'foo/bar'),
    (('/foo/', 'bar'), True, 'foo/bar/'),
    (('s3://', 'foo', 'bar'), False, 's3://foo/bar'),
    (('s3://', 'foo', 'bar'), True, 's3://foo/bar/'),
    (('s3://', '/foo', 'bar'), False, 's3://foo/bar'),
    (('s3://', '/foo', 'bar'), True, 's3://foo/bar/'),
    (('s3://foo', 'bar'), False, 's3://foo/bar'),
    (('s3://foo', 'bar'), True, 's3://foo/bar/'),
    (('s3://', 'foo/bar/', 'baz/'), False, 's3://foo/bar/baz'),
    (('s3://', 'foo/bar/', 'baz/'), True, 's3://foo/bar/baz/'),
    (('s3:',), False, 's3:'),
    (('s3:',), True, 's3:/'),
    (('s3:/',), False, 's3:'),
    (('s3:/',), True, 's3:/'),
    (('s3://',), False, 's3://'),
    (('s3://',), True, 's3://'),
    (('s3:////',), False, 's3://'),
    (('s3:////',), True, 's3://'),
    (('/', 's3://'), False, 's3:'),
    (('/', 's3://'), True, 's3:/'),
    (('s3://', '/'), False, 's3://'),
    (('s3://', '/'), True, 's3://'),
    (('s', '3', ':', '/', '/'), False, 's/3/:'),
    (('s', '3', ':', '/', '/'), True, 's/3/:/'),
    ((), False, ''),
    ((), True, ''),
    (('s3://', '', 'foo', '', 'bar', ''), False, 's3://foo/bar'),
    (('s3://', '', 'foo', '', 'bar', ''), True, 's3://foo/bar/'),
    (('s3://', None, 'foo', None, 'bar', None), False, 's3://foo/bar'),
    (('s3://', None, 'foo', None, 'bar', None), True, 's3://foo/bar/'),
    ((None, 'foo'), False, 'foo'),
    ((None, 'foo'), True, 'foo/'),
    (('', '', ''), False, ''),
    (('', '', ''), True, ''),
    ((None,), False, ''),
    ((None,), True, ''),
    ((None, None, None), False, ''),
    ((None, None, None), True, ''),
    (('/',), False, ''),
    (('/',), True, ''),
    (('/////',), False, ''),
    (('/////',), True, ''),
    (('foo/',), False, 'foo'),
    (('foo/',), True, 'foo/'),
    (('foo/////',), False, 'foo'),
    (('foo/////',), True, 'foo/'),
    (('foo', 'bar/'), False, 'foo/bar'),
    (('foo', 'bar/'), True, 'foo/bar/'),
    (('/////foo/', 'bar/'), False, 'foo/bar'),
    (('/////foo/', 'bar/'), True, 'foo/bar/'),
    (('/', 'foo'), False, 'foo'),
    (('/', 'foo'), True, 'foo/'),
    (('s3://', 'foo', '/bar', '/baz'), False, 's3://foo/bar/baz'),
    (('s3://', 'foo', '/bar', '/baz'), True, 's3://foo/bar/baz/'),
    (('s3://', 'foo////bar/////', 'baz/'), False, 's3://foo/bar/baz'),
    (('s3://', 'foo////bar/////', 'baz/'), True, 's3://foo/bar/baz/'),
    (('s3://', 'foo////bar/', '/////baz/'), False, 's3://foo/bar/baz'),
    (('s3://', 'foo////bar/', '/////baz/'), True, 's3://foo/bar/baz/'),
    (('foo', '/.bar'), False, 'foo/.bar'),
    (('foo', '/.bar'), True, 'foo/.bar/'),
    (('foo/.', 'bar'), False, 'foo/./bar'),
    (('foo/.', 'bar'), True, 'foo/./bar/'),
    (('foo/./', 'bar'), False, 'foo/./bar'),
    (('foo/./', 'bar'), True, 'foo/./bar/'),
    (('foo/./bar',), False, 'foo/./bar'),
    (('foo/./bar',), True, 'foo/./bar/'),
    (('s3://', 'foo//..././bar/', '..../.././/baz/'), False, 's3://foo/..././bar/..../.././baz'),
    (('s3://', 'foo//..././bar/', '..../.././/baz/'), True, 's3://foo/..././bar/..../.././baz/'),
    (('foo/..', 'bar'), False, 'foo/../bar'),
    (('foo/..', 'bar'), True, 'foo/../bar/'),
    (('foo/../bar',), False, 'foo/../bar'),
    (('foo/../bar',), True, 'foo/../bar/'),
    (('foo///',), False, 'foo'),
    (('foo///',), True, 'foo/'),
    (('s3://', 'bucket', 'prefix'), False, 's3://bucket/prefix'),
    (('s3://', 'bucket', 'prefix'), True, 's3://bucket/prefix/'),
    (('s3://bucket/', '/prefix/', 'key'), False, 's3://bucket/prefix/key'),
    (('s3://bucket/', '/prefix/', 'key'), True, 's3://bucket/prefix/key/'),
    (('s3://bucket//', 'a//b', 'c/'), False, 's3://bucket/a/b/c'),
    (('s3://bucket//', 'a//b', 'c/'), True, 's3://bucket/a/b/c/'),
    (('bucket', 'prefix'), False, 'bucket/prefix'),
    (('bucket', 'prefix'), True, 'bucket/prefix/'),
    (('/bucket/', 'prefix/'), False, 'bucket/prefix'),
    (('/bucket/', 'prefix/'), True, 'bucket/prefix/'),
    (('', 'a', '', 'b'), False, 'a/b'),
    (('', 'a', '', 'b'), True, 'a/b/'),
    ((None, 'a', None, 'b'), False, 'a/b'),
    ((None, 'a', None, 'b'), True, 'a/b/'),
    (('s3://', None, 'x'), False, 's3://x'),
    (('s3://', None, 'x'), True, 's3://x/'),
    (('s3://a', '', 'b/'), False, 's3://a/b'),
    (('s3://a', '', 'b/'), True, 's3://a/b/'),
    (('s3:/', 'a'), False, 's3:/a'),
    (('s3:/', 'a'), True, 's3:/a/'),
    (('a', 's3://b'), False, 'a/s3:/b'),
    (('a', 's3://b'), True, 'a/s3:/b/'),
    (('//a//', '//b//'), False, 'a/b'),
    (('//a//', '//b//'), True, 'a/b/'),
    (('s3://bucket',), False, 's3://bucket'),
    (('s3://bucket',), True, 's3://bucket/'),
    (('s3://',), False, 's3://'),
    (('s3://',), True, 's3://'),
    (('',), False, ''),
    (('',), True, ''),
    ((), False, ''),
    ((), True, ''),
    (('a/', '/b/', '/c'), False, 'a/b/c'),
    (('a/', '/b/', '/c'), True, 'a/b/c/'),
    (('s3://b', 'k', 'model.tar.gz'), False, 's3://b/k/model.tar.gz'),
    (('s3://b', 'k', 'model.tar.gz'), True, 's3://b/k/model.tar.gz/'),
    (('a', 'b//c', 'd'), False, 'a/b/c/d'),
    (('a', 'b//c', 'd'), True, 'a/b/c/d/'),
    ((' a ', 'b'), False, ' a /b'),
    ((' a ', 'b'), True, ' a /b/'),
    (('s3://bucket/k//x', 'y'), False, 's3://bucket/k/x/y'),
    (('s3://bucket/k//x', 'y'), True, 's3://bucket/k/x/y/'),
]


@pytest.mark.parametrize("args, with_end_slash, expected", S3_PATH_JOIN_V2)
def test_s3_path_join_gives_v2s_results(args, with_end_slash, expected):
    from sagemaker.s3 import s3_path_join

    assert s3_path_join(*args, with_end_slash=with_end_slash) == expected


def test_determine_bucket_and_prefix(aws):
    from sagemaker.s3 import determine_bucket_and_prefix
    from sagemaker.session import Session

    session = Session(default_bucket_prefix="team/a")
    assert determine_bucket_and_prefix("mine", "x/y", session) == ("mine", "x/y")
    assert determine_bucket_and_prefix("mine", None, session) == ("mine", None)
    assert determine_bucket_and_prefix(None, "x", session) == ("sagemaker-us-west-2-123456789012", "team/a/x")
    assert determine_bucket_and_prefix(None, None, Session()) == ("sagemaker-us-west-2-123456789012", "")


def test_config_for_framework_is_v2s_layout_and_a_copy():
    from sagemaker import image_uris

    config = image_uris.config_for_framework("xgboost")
    assert "1.7-1" in config["training"]["versions"]
    config["training"]["versions"].clear()
    assert image_uris.retrieve("xgboost", "us-west-2", "1.7-1") == \
        "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1"


@pytest.mark.parametrize("call", [
    lambda image_uris: image_uris.retrieve("not-a-framework", "us-west-2"),
    lambda image_uris: image_uris.config_for_framework("not-a-framework"),
])
def test_unknown_framework_is_both_value_error_and_file_not_found(call):
    from sagemaker import image_uris

    with pytest.raises(FileNotFoundError) as raised:
        call(image_uris)
    assert isinstance(raised.value, ValueError)
    assert "not-a-framework" in str(raised.value) and "pytorch" in str(raised.value)


# SessionSettings ---------------------------------------------------------------------------------------
def test_session_settings_defaults_and_properties():
    from sagemaker.session_settings import SessionSettings

    settings = SessionSettings()
    assert (settings.encrypt_repacked_artifacts, settings.local_download_dir, settings.include_jumpstart_tags) == (
        True, None, True)
    settings = SessionSettings(False, "/tmp/x", False)
    assert (settings.encrypt_repacked_artifacts, settings.local_download_dir, settings.include_jumpstart_tags) == (
        False, "/tmp/x", False)


@pytest.mark.parametrize("encrypt, kms_key, expected", [
    (True, None, {"ServerSideEncryption": "aws:kms"}),
    (False, None, {}),
    (False, "arn:aws:kms:us-west-2:123456789012:key/k", {"ServerSideEncryption": "aws:kms",
                                                         "SSEKMSKeyId": "arn:aws:kms:us-west-2:123456789012:key/k"}),
])
def test_repacked_artifacts_follow_the_session_settings(aws, tmp_path, monkeypatch, encrypt, kms_key, expected):
    from sagemaker.pytorch import PyTorchModel
    from sagemaker.session_settings import SessionSettings

    monkeypatch.chdir(tmp_path)
    (tmp_path / "inference.py").write_text("def model_fn(model_dir):\n    return None\n")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    session, calls = recorded_session(settings=SessionSettings(encrypt_repacked_artifacts=encrypt,
                                                               local_download_dir=str(downloads)))
    put_model(session, "models", "pt/model.tar.gz", {"model.pth": b"weights"})
    seen_dirs = []
    import tempfile

    real_mkdtemp = tempfile.mkdtemp

    def spy(*args, **kwargs):
        path = real_mkdtemp(*args, **kwargs)
        seen_dirs.append(path)
        return path

    monkeypatch.setattr(tempfile, "mkdtemp", spy)
    model = PyTorchModel(model_data="s3://models/pt/model.tar.gz", role=ROLE, entry_point="inference.py",
                         framework_version="2.1", py_version="py310", name="settings", model_kms_key=kms_key,
                         sagemaker_session=session)
    model.create(instance_type="ml.m5.large")
    put = [params for service, operation, params in calls.calls if operation == "PutObject"][-1]
    sent = {key: put[key] for key in ("ServerSideEncryption", "SSEKMSKeyId") if key in put}
    assert sent == expected
    assert any(path.startswith(str(downloads)) for path in seen_dirs)
    assert list(downloads.iterdir()) == []  # the repack's work folder is removed
    with tarfile.open(fileobj=io.BytesIO(session.s3_client.get_object(
            Bucket=session.default_bucket(), Key="settings/model.tar.gz")["Body"].read())) as archive:
        assert "code/inference.py" in [name.lstrip("/") for name in archive.getnames()]
