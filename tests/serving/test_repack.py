"""Repacking a model archive with its code, on local files: layout and extraction safety."""
from __future__ import annotations

import io
import os
import tarfile

import pytest

from sagemaker_estimators.staging.repack import repack_model, safe_extract


def _archive(path, members):
    with tarfile.open(path, "w:gz") as archive:
        for info, data in members:
            archive.addfile(info, io.BytesIO(data) if data is not None else None)
    return str(path)


def _file(name, data=b"x"):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    return info, data


def _link(name, target, kind=tarfile.SYMTYPE):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = target
    return info, None


@pytest.mark.parametrize("member", [_file("../evil.txt"), _file("/abs/evil.txt"), _file("a/../../evil.txt"),
                                    _link("up", "../../outside"), _link("hard", "../outside", tarfile.LNKTYPE)])
def test_members_outside_the_target_are_refused(tmp_path, member):
    archive = _archive(tmp_path / "bad.tar.gz", [member])
    target = tmp_path / "out"
    with pytest.raises(ValueError, match="outside"):
        safe_extract(archive, str(target))
    assert not (tmp_path / "evil.txt").exists()


def test_device_members_are_refused(tmp_path):
    info = tarfile.TarInfo("dev")
    info.type = tarfile.CHRTYPE
    archive = _archive(tmp_path / "dev.tar.gz", [(info, None)])
    with pytest.raises(ValueError, match="device"):
        safe_extract(archive, str(tmp_path / "out"))


def test_local_repack_layout_matches_v2(tmp_path):
    model = _archive(tmp_path / "model.tar.gz", [_file("model.pth", b"w"), _file("code/old.py", b"old")])
    src = tmp_path / "src"
    (src / "pkg").mkdir(parents=True)
    (src / "inference.py").write_text("x = 1\n")
    (src / "pkg" / "m.py").write_text("y = 2\n")
    dependency = tmp_path / "dep.py"
    dependency.write_text("z = 3\n")
    target = tmp_path / "repacked.tar.gz"
    repack_model("inference.py", str(src), [str(dependency)], f"file://{model}", f"file://{target}", None)
    with tarfile.open(target) as archive:
        names = sorted(member.name + ("/" if member.isdir() else "") for member in archive.getmembers())
        assert archive.extractfile("code/pkg/m.py").read() == b"y = 2\n"
    assert names == ["/", "code/", "code/inference.py", "code/lib/", "code/lib/dep.py", "code/pkg/", "code/pkg/m.py",
                     "model.pth"]
    assert os.path.exists(model)  # the original archive is left alone


def test_missing_entry_point_without_source_dir(tmp_path):
    model = _archive(tmp_path / "model.tar.gz", [_file("model.pth")])
    with pytest.raises(ValueError, match="entry_point='nope.py'"):
        repack_model("nope.py", None, [], model, str(tmp_path / "out.tar.gz"), None)
