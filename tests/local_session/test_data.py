"""Data movement and batching helpers of local mode: safe extraction, URI rules, record splitting."""
from __future__ import annotations

import io
import os
import struct
import tarfile

import boto3
import pytest

from sagemaker_estimators.local.clients import batching
from sagemaker_estimators.local import data


def make_tar(path, members):
    with tarfile.open(path, "w:gz") as archive:
        for name, payload in members:
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))


def test_extract_archive_refuses_members_outside_the_target(tmp_path):
    bad = tmp_path / "bad.tar.gz"
    make_tar(bad, [("ok.txt", b"ok"), ("../escape.txt", b"no")])
    with pytest.raises(ValueError, match="escape.txt"):
        data.extract_archive(str(bad), str(tmp_path / "target"))
    assert not (tmp_path / "escape.txt").exists()
    assert not (tmp_path / "target" / "ok.txt").exists()


def test_extract_archive_refuses_links(tmp_path):
    bad = tmp_path / "link.tar.gz"
    with tarfile.open(bad, "w:gz") as archive:
        info = tarfile.TarInfo("passwd")
        info.type = tarfile.SYMTYPE
        info.linkname = "/etc/passwd"
        archive.addfile(info)
    with pytest.raises(ValueError, match="passwd"):
        data.extract_archive(str(bad), str(tmp_path / "target"))


def test_extract_archive_keeps_nested_files(tmp_path):
    good = tmp_path / "model.tar.gz"
    make_tar(good, [("model.joblib", b"m"), ("code/inference.py", b"x = 1\n")])
    target = data.extract_archive(str(good), str(tmp_path / "target"))
    assert (tmp_path / "target" / "code" / "inference.py").read_bytes() == b"x = 1\n"
    assert target == str(tmp_path / "target")


@pytest.mark.parametrize("uri", ["http://x/y", "/plain/path", "", None, "s3://"])
def test_only_file_and_s3_uris(uri):
    with pytest.raises(ValueError, match="must be a file:// or s3:// URI"):
        data.scheme_of(uri, "inputs")


def test_sensitive_paths_are_refused(tmp_path):
    with pytest.raises(ValueError, match="does not read from or mount"):
        data.local_path_from_uri("file:///etc", "inputs")
    with pytest.raises(ValueError, match="does not read from or mount"):
        data.local_path_from_uri("file://" + os.path.expanduser("~/.aws"), "inputs")


def test_file_uri_forms(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert data.file_uri_path("file:///abs/dir") == "/abs/dir"
    assert data.file_uri_path("file://rel/dir") == str(tmp_path / "rel" / "dir")
    assert data.file_uri_path("file:///with%20space") == "/with space"


def test_training_output_location():
    assert data.training_output_location("s3://bucket-b/p/", "job") == ("s3", "s3://bucket-b/p/job/output")
    assert data.training_output_location("file:///tmp/out", "job") == ("file", "file:///tmp/out/job")


def test_s3_prefix_is_a_folder_not_a_string_prefix(aws, tmp_path):
    from sagemaker_estimators.local.session import LocalSession

    s3 = boto3.client("s3", region_name="us-west-2")
    s3.create_bucket(Bucket="bucket-b", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    for key in ("train/a.csv", "train/sub/b.csv", "train-other/c.csv", "single.csv"):
        s3.put_object(Bucket="bucket-b", Key=key, Body=key.encode())
    session = LocalSession()
    files = data.download_s3("s3://bucket-b/train", str(tmp_path / "train"), session)
    assert sorted(os.path.relpath(f, tmp_path / "train") for f in files) == ["a.csv", os.path.join("sub", "b.csv")]
    data.download_s3("s3://bucket-b/single.csv", str(tmp_path / "single"), session)
    assert (tmp_path / "single" / "single.csv").read_bytes() == b"single.csv"
    with pytest.raises(ValueError, match="is empty"):
        data.download_s3("s3://bucket-b/nothing", str(tmp_path / "nothing"), session)


def test_line_split_skips_blank_lines_and_keeps_newlines(tmp_path):
    path = tmp_path / "in.csv"
    path.write_bytes(b"1,2\n\n3,4\n5,6")
    assert list(batching.split_records(str(path), "Line")) == [b"1,2\n", b"3,4\n", b"5,6"]
    assert list(batching.split_records(str(path), None)) == [b"1,2\n\n3,4\n5,6"]


def test_multi_record_packs_up_to_the_payload_limit(tmp_path):
    path = tmp_path / "in.csv"
    line = b"x" * (400 * 1024) + b"\n"
    path.write_bytes(line * 5)
    sizes = [len(p) for p in batching.payloads(str(path), "Line", "MultiRecord", 1)]
    assert sizes == [len(line) * 2, len(line) * 2, len(line)]
    assert [len(p) for p in batching.payloads(str(path), "Line", "SingleRecord", 1)] == [len(line)] * 5
    assert [len(p) for p in batching.payloads(str(path), "Line", "MultiRecord", 0)] == [len(line) * 5]


def test_record_over_the_limit_is_an_error(tmp_path):
    path = tmp_path / "in.csv"
    path.write_bytes(b"y" * (1024 * 1024 + 1))
    with pytest.raises(batching.PayloadTooLargeError, match="MaxPayloadInMB=1"):
        list(batching.payloads(str(path), None, "MultiRecord", 1))


def test_recordio_records(tmp_path):
    def record(payload):
        padding = (4 - len(payload) % 4) % 4
        return struct.pack("<II", 0xCED7230A, len(payload)) + payload + b"\x00" * padding

    path = tmp_path / "in.rec"
    path.write_bytes(record(b"abc") + record(b"defgh"))
    assert list(batching.split_records(str(path), "RecordIO")) == [record(b"abc"), record(b"defgh")]
    path.write_bytes(b"garbage!")
    with pytest.raises(ValueError, match="RecordIO"):
        list(batching.split_records(str(path), "RecordIO"))
