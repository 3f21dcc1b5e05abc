"""Issue 16 items 1, 4 and 13: code links never carry host files out of the tree, the entry point
stays inside source_dir, and the parallel archive holds exactly what V2's tarfile archive holds."""
from __future__ import annotations

import gzip
import io
import os
import tarfile

import boto3
import pytest

from sagemaker_estimators.staging.archive import archive_members, create_source_archive
from sagemaker_estimators.staging.checks import validate_code_arguments

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"


@pytest.fixture
def src(tmp_path):
    root = tmp_path / "src"
    (root / "pkg").mkdir(parents=True)
    (root / "train.py").write_text("print(1)\n")
    (root / "pkg" / "__init__.py").write_text("")
    (root / "pkg" / "model.bin").write_bytes(os.urandom(3000))
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text("secret\n")
    return root


def _pack(src, target):
    return create_source_archive(archive_members("train.py", str(src), []), str(target), str(src))


def test_link_to_a_host_file_is_refused_naming_link_and_target(src, tmp_path):
    os.symlink("/etc/passwd", src / "passwd")
    with pytest.raises(ValueError) as raised:
        _pack(src, tmp_path / "out.tar.gz")
    assert str(src / "passwd") in str(raised.value) and "/etc/passwd" in str(raised.value)
    assert not (tmp_path / "out.tar.gz").exists()


def test_link_to_a_folder_outside_is_refused(src, tmp_path):
    os.symlink(tmp_path / "outside", src / "pkg" / "data")
    with pytest.raises(ValueError, match="data.*outside"):
        _pack(src, tmp_path / "out.tar.gz")


def test_entry_point_that_links_to_a_host_file_is_refused(tmp_path):
    os.symlink("/etc/passwd", tmp_path / "train.py")
    with pytest.raises(ValueError, match="train.py.*/etc/passwd"):
        create_source_archive(archive_members(str(tmp_path / "train.py"), None, []), str(tmp_path / "o.tar.gz"))


@pytest.mark.parametrize("entry", ["/etc/passwd", "../outside/secret.txt", "pkg/../../outside/secret.txt"])
def test_entry_point_outside_source_dir_is_refused(src, entry):
    with pytest.raises(ValueError, match="entry_point.*source_dir"):
        validate_code_arguments(entry, str(src), [])


def test_entry_point_linking_out_of_source_dir_is_refused(src, tmp_path):
    os.symlink(tmp_path / "outside" / "secret.txt", src / "run.py")
    with pytest.raises(ValueError, match="run.py.*outside source_dir"):
        validate_code_arguments("run.py", str(src), [])


def test_fit_with_an_escaping_link_uploads_nothing(aws, src, monkeypatch):
    from sagemaker_estimators.session import Session
    from sagemaker.pytorch import PyTorch

    os.symlink("/etc/passwd", src / "passwd")
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket="code-bucket", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    est = PyTorch(entry_point="train.py", source_dir=str(src), framework_version="2.1.0", py_version="py310",
                  role=ROLE, instance_count=1, instance_type="ml.m5.xlarge", output_path="s3://code-bucket/out",
                  sagemaker_session=Session(default_bucket="code-bucket"))
    with pytest.raises(ValueError, match="passwd"):
        est.fit("s3://code-bucket/data", wait=False)
    assert s3.list_objects_v2(Bucket="code-bucket").get("KeyCount", 0) == 0
    assert boto3.client("sagemaker").list_training_jobs()["TrainingJobSummaries"] == []


def _v2_style_archive(src, target):
    """What V2's create_tar_file does: tarfile with dereference=True, one add per root entry."""
    with tarfile.open(target, mode="w:gz", dereference=True) as archive:
        for name in sorted(os.listdir(src)):
            archive.add(os.path.join(src, name), arcname=name)


def _describe(path):
    with tarfile.open(path) as archive:
        result = []
        for member in archive.getmembers():
            body = archive.extractfile(member).read() if member.isfile() else None
            result.append((member.name, member.type, member.size, member.mode, int(member.mtime), member.uid,
                           member.gid, member.uname, member.gname, body))
        return sorted(result)


def test_parallel_archive_has_v2s_members_and_is_one_gzip_stream(src, tmp_path):
    (src / "pkg" / "data.gz").write_bytes(gzip.compress(os.urandom(200_000)))
    (src / "big.py").write_bytes(b"x = 1\n" * 500_000 + os.urandom(1_500_000))
    os.symlink("pkg/__init__.py", src / "init_link.py")
    ours, theirs = tmp_path / "ours.tar.gz", tmp_path / "v2.tar.gz"
    _pack(src, ours)
    _v2_style_archive(src, theirs)
    assert _describe(ours) == _describe(theirs)
    raw = ours.read_bytes()
    decompressor = __import__("zlib").decompressobj(31)
    decompressor.decompress(raw)
    assert decompressor.eof and decompressor.unused_data == b""  # exactly one gzip member
    with tarfile.open(fileobj=io.BytesIO(raw), mode="r|gz") as stream:  # streaming readers too
        assert len([member for member in stream]) == len(_describe(theirs))


def test_large_archive_streams_as_multipart_and_small_as_one_put(aws, tmp_path):
    from sagemaker_estimators.staging.archive import upload_source_archive
    from sagemaker_estimators.session import Session

    session = Session(default_bucket="code-bucket")
    s3 = session.s3_client
    s3.create_bucket(Bucket="code-bucket", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    big = tmp_path / "big"
    big.mkdir()
    for index in range(3):
        (big / f"blob{index}.bin").write_bytes(os.urandom(7 * 1024 * 1024))
    (big / "train.py").write_text("print(1)\n")
    calls = []
    s3.meta.events.register("before-call.s3.*", lambda model, **_: calls.append(model.name))
    upload_source_archive(session, "train.py", str(big), [], "s3://code-bucket/a/sourcedir.tar.gz",
                          {"ServerSideEncryption": "aws:kms"})
    assert calls[0] == "CreateMultipartUpload" and calls[-1] == "CompleteMultipartUpload"
    assert calls.count("UploadPart") >= 2
    body = s3.get_object(Bucket="code-bucket", Key="a/sourcedir.tar.gz")["Body"].read()
    with tarfile.open(fileobj=io.BytesIO(body)) as archive:
        assert archive.extractfile("blob2.bin").read() == (big / "blob2.bin").read_bytes()
    calls.clear()
    small = tmp_path / "small"
    small.mkdir()
    (small / "train.py").write_text("print(2)\n")
    upload_source_archive(session, "train.py", str(small), [], "s3://code-bucket/b/sourcedir.tar.gz", {})
    assert calls == ["PutObject"]


def test_failure_while_streaming_leaves_no_object_and_no_parts(aws, tmp_path, monkeypatch):
    from sagemaker_estimators.staging import archive as source_code
    from sagemaker_estimators.session import Session

    session = Session(default_bucket="code-bucket")
    s3 = session.s3_client
    s3.create_bucket(Bucket="code-bucket", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    big = tmp_path / "big"
    big.mkdir()
    for index in range(3):
        (big / f"blob{index}.bin").write_bytes(os.urandom(7 * 1024 * 1024))
    real_write_tar = source_code.write_tar

    def failing(entries, out):
        real_write_tar(entries[:-1], out)
        raise OSError("disk went away")

    monkeypatch.setattr(source_code, "write_tar", failing)
    with pytest.raises(OSError):
        source_code.upload_source_archive(session, "blob0.bin", str(big), [], "s3://code-bucket/c/s.tar.gz", {})
    assert s3.list_objects_v2(Bucket="code-bucket").get("KeyCount", 0) == 0
    assert s3.list_multipart_uploads(Bucket="code-bucket").get("Uploads", []) == []


@pytest.mark.parametrize("name, is_dir, mtime", [
    ("train.py", False, 1796035004.7569387), ("pkg", True, 1796035004.5), ("a/b/c.txt", False, 1700000000),
    ("x" * 120 + ".py", False, 1.25), ("caf\u00e9.py", False, 1700000000.0), ("big.bin", False, 0.0),
])
def test_fast_tar_headers_equal_tarfiles_own(tmp_path, name, is_dir, mtime):
    from sagemaker_estimators.staging import archive as source_code

    path = tmp_path / "f"
    path.mkdir() if is_dir else path.write_bytes(b"z" * 1234)
    os.utime(path, (mtime, mtime))
    info = os.stat(path)
    entry = source_code.ArchiveEntry(str(path), name, str(path), info)
    member = tarfile.TarInfo(name)
    member.mode, member.uid, member.gid, member.mtime = info.st_mode, info.st_uid, info.st_gid, info.st_mtime
    import grp
    import pwd
    member.uname, member.gname = pwd.getpwuid(info.st_uid)[0], grp.getgrgid(info.st_gid)[0]
    member.type, member.size = (tarfile.DIRTYPE, 0) if is_dir else (tarfile.REGTYPE, info.st_size)
    expected = member.tobuf(tarfile.DEFAULT_FORMAT, tarfile.ENCODING, "surrogateescape")
    assert source_code._header(entry, source_code._Names()) == expected
