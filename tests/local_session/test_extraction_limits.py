"""Issue 16 item 2: every extraction path refuses decompression bombs and keeps a disk margin,
removes what it wrote and names the archive and the limit."""
from __future__ import annotations

import gzip
import io
import os
import tarfile
import zlib

import boto3
import pytest

from sagemaker_estimators import archives

GIB = 1024 ** 3


def write_bomb(path, size: int, name: str = "zeros.bin", extra_small_file: bool = True) -> str:
    """A .tar.gz holding ``size`` zero bytes (a few hundred KB per GiB on disk), built in a stream."""
    compressor = zlib.compressobj(1, zlib.DEFLATED, 31)
    with open(path, "wb") as out:
        def write(data: bytes) -> None:
            out.write(compressor.compress(data))

        total = 0
        if extra_small_file:
            small = tarfile.TarInfo("a_first.txt")
            small.size = 5
            write(small.tobuf(tarfile.GNU_FORMAT))
            write(b"hello" + b"\0" * 507)
            total += 1024
        info = tarfile.TarInfo(name)
        info.size = size
        write(info.tobuf(tarfile.GNU_FORMAT))
        chunk = b"\0" * (16 * 1024 * 1024)
        remaining = size
        while remaining:
            piece = chunk[:min(len(chunk), remaining)]
            write(piece)
            remaining -= len(piece)
        write(b"\0" * (-size % 512 + 1024))
        out.write(compressor.flush())
    return str(path)


def test_default_limits_refuse_a_gib_bomb_before_writing(tmp_path):
    bomb = write_bomb(tmp_path / "bomb.tar.gz", GIB + 1)
    assert os.path.getsize(bomb) < 5 * 1024 * 1024  # ~1 MB at level 9
    target = tmp_path / "out"
    with pytest.raises(archives.ArchiveLimitError) as raised:
        archives.safe_extract(bomb, str(target))
    message = str(raised.value)
    assert "bomb.tar.gz" in message and "extraction_max_bytes" in message and "extraction_max_ratio" in message
    assert not target.exists()


def test_large_but_not_compressible_archives_pass(tmp_path):
    # past max_bytes but not past 100x its own size: not a bomb
    payload = tmp_path / "data.bin"
    payload.write_bytes(os.urandom(300_000))
    archive = tmp_path / "ok.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(payload, "data.bin")
    limits = archives.ExtractionLimits(max_bytes=100_000, max_ratio=100, min_free_bytes=0)
    archives.safe_extract(str(archive), str(tmp_path / "out"), limits)
    assert (tmp_path / "out" / "data.bin").read_bytes() == payload.read_bytes()


def test_disk_margin_stops_and_removes_what_was_written(tmp_path, monkeypatch):
    archive = tmp_path / "two.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for name, size in (("dir/a.bin", 1000), ("dir/b.bin", 1000)):
            info = tarfile.TarInfo(name)
            info.size = size
            tar.addfile(info, io.BytesIO(b"x" * size))
    target = tmp_path / "existing"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    free = iter([10_000_000, 1500])  # the disk fills up after the first file
    monkeypatch.setattr(archives, "_free_bytes", lambda path: next(free))
    limits = archives.ExtractionLimits(min_free_bytes=1000)
    with pytest.raises(archives.ArchiveLimitError, match="two.tar.gz.*extraction_min_free_bytes"):
        archives.safe_extract(str(archive), str(target), limits)
    assert sorted(os.listdir(target)) == ["keep.txt"]


def test_local_session_config_sets_the_limits_for_local_deploy(tmp_path, no_aws):
    from sagemaker_estimators.local import data
    from sagemaker_estimators.local.session import LocalSession

    bomb = write_bomb(tmp_path / "model.tar.gz", 30 * 1024 * 1024)
    session = LocalSession()
    session.config = {"local": {"local_code": True, "extraction_max_bytes": 10 * 1024 * 1024}}
    with pytest.raises(archives.ArchiveLimitError, match="model.tar.gz.*extraction_max_bytes"):
        data.materialize_model("file://" + bomb, str(tmp_path / "scratch"), session)
    assert not (tmp_path / "scratch" / "model").exists()
    session.config = {"local": {"local_code": True, "extraction_max_bytes": 40 * 1024 * 1024}}
    model_dir = data.materialize_model("file://" + bomb, str(tmp_path / "scratch"), session)
    assert os.path.getsize(os.path.join(model_dir, "zeros.bin")) == 30 * 1024 * 1024


def test_repack_refuses_a_bomb_and_leaves_nothing(tmp_path, no_aws):
    from sagemaker_estimators.local.session import LocalSession
    from sagemaker_estimators.staging.repack import repack_model

    bomb = write_bomb(tmp_path / "model.tar.gz", 30 * 1024 * 1024)
    (tmp_path / "inference.py").write_text("def model_fn(d):\n    return 1\n")
    session = LocalSession()
    session.config = {"local": {"extraction_max_bytes": 10 * 1024 * 1024}}
    before = set(os.listdir("/tmp"))
    with pytest.raises(archives.ArchiveLimitError, match="extraction_max_bytes"):
        repack_model(str(tmp_path / "inference.py"), None, [], "file://" + bomb,
                     "file://" + str(tmp_path / "repacked.tar.gz"), session)
    assert not (tmp_path / "repacked.tar.gz").exists()
    assert {name for name in set(os.listdir("/tmp")) - before if "repack" in name} == set()


def test_local_process_s3_sourcedir_bomb_is_refused(aws, tmp_path):
    from sagemaker_estimators.local.clients.sagemaker_client import LocalSagemakerClient
    from sagemaker_estimators.local.session import LocalSession

    bomb = write_bomb(tmp_path / "sourcedir.tar.gz", 30 * 1024 * 1024)
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket="code", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    s3.upload_file(bomb, "code", "job/sourcedir.tar.gz")
    session = LocalSession()
    session.config = {"local": {"extraction_max_bytes": 10 * 1024 * 1024}}
    client = LocalSagemakerClient(session)
    scratch = tmp_path / "scratch"
    with pytest.raises(archives.ArchiveLimitError, match="sourcedir.tar.gz.*extraction_max_bytes"):
        client.code_dir_from("s3://code/job/sourcedir.tar.gz", str(scratch), [], "sagemaker_submit_directory")
    assert not (scratch / "code").exists()


def test_limits_config_is_type_checked():
    from sagemaker_estimators.local.session import validate_local_config

    with pytest.raises(TypeError, match="extraction_max_bytes"):
        validate_local_config({"local": {"extraction_max_bytes": "1GB"}})
    validate_local_config({"local": {"extraction_max_ratio": 50.5, "extraction_min_free_bytes": 0}})


def test_gzip_of_zeros_is_really_small(tmp_path):
    assert len(gzip.compress(b"\0" * 10_000_000)) < 20_000
