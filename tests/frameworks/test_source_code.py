"""sourcedir.tar.gz: V2's member layout, and clear errors for links and special files."""
from __future__ import annotations

import os
import tarfile

import pytest

from sagemaker_estimators.staging.archive import archive_members, create_source_archive
from sagemaker_estimators.staging.checks import validate_code_arguments


def _names(path):
    with tarfile.open(path) as archive:
        return sorted(archive.getnames())


@pytest.fixture
def tree(tmp_path):
    src = tmp_path / "src"
    (src / "pkg").mkdir(parents=True)
    (src / "train.py").write_text("print(1)\n")
    (src / "requirements.txt").write_text("numpy\n")
    (src / "pkg" / "__init__.py").write_text("")
    dep = tmp_path / "lib"
    dep.mkdir()
    (dep / "util.py").write_text("x = 1\n")
    single = tmp_path / "helper.py"
    single.write_text("y = 2\n")
    return tmp_path


def test_source_dir_entries_and_dependencies_at_the_root(tree):
    target = tree / "out.tar.gz"
    members = archive_members("train.py", str(tree / "src"), [str(tree / "lib"), str(tree / "helper.py")])
    create_source_archive(members, str(target), str(tree / "src"))
    assert _names(target) == ["helper.py", "lib", "lib/util.py", "pkg", "pkg/__init__.py",
                              "requirements.txt", "train.py"]


def test_entry_point_alone_without_source_dir(tree):
    target = tree / "out.tar.gz"
    create_source_archive(archive_members(str(tree / "src" / "train.py"), None, []), str(target))
    assert _names(target) == ["train.py"]


def test_symlinks_inside_the_tree_are_followed_as_v2_does(tree):
    (tree / "src" / "pkg" / "real.py").write_text("y = 2\n")
    os.symlink(tree / "src" / "pkg" / "real.py", tree / "src" / "linked.py")
    os.symlink("pkg", tree / "src" / "alias")
    target = tree / "out.tar.gz"
    create_source_archive(archive_members("train.py", str(tree / "src"), []), str(target), str(tree / "src"))
    with tarfile.open(target) as archive:
        member = archive.getmember("linked.py")
        assert member.isfile() and archive.extractfile(member).read() == b"y = 2\n"
        assert archive.getmember("alias").isdir()
        assert archive.extractfile("alias/real.py").read() == b"y = 2\n"


def test_broken_symlink_is_a_clear_error_and_leaves_no_file(tree):
    os.symlink(tree / "nowhere.py", tree / "src" / "dangling.py")
    target = tree / "out.tar.gz"
    with pytest.raises(ValueError, match="dangling.py.*broken symbolic link"):
        create_source_archive(archive_members("train.py", str(tree / "src"), []), str(target), str(tree / "src"))
    assert not target.exists() and not (tree / "out.tar.gz.partial").exists()


def test_symlink_loop_is_a_clear_error(tree):
    os.symlink(tree / "src", tree / "src" / "pkg" / "loop")
    with pytest.raises(ValueError, match="loops back"):
        create_source_archive(archive_members("train.py", str(tree / "src"), []), str(tree / "out.tar.gz"), str(tree / "src"))


def test_special_file_is_a_clear_error(tree):
    os.mkfifo(tree / "src" / "pipe")
    with pytest.raises(ValueError, match="pipe.*not a regular file"):
        create_source_archive(archive_members("train.py", str(tree / "src"), []), str(tree / "out.tar.gz"), str(tree / "src"))


def _unreadable_file(tmp_path):
    """A regular file this process cannot open, even as root (procfs write-only sysctls)."""
    for candidate in ("/proc/sys/vm/drop_caches", "/proc/sys/vm/compact_memory"):
        try:
            open(candidate, "rb").close()
        except PermissionError:
            return candidate
        except OSError:
            continue
    if os.geteuid() != 0:
        path = tmp_path / "locked.py"
        path.write_text("x")
        path.chmod(0)
        return str(path)
    pytest.skip("no file on this machine is unreadable for root")


def test_unreadable_file_is_a_clear_error(tree):
    os.symlink(_unreadable_file(tree), tree / "src" / "secret.py")
    target = tree / "out.tar.gz"
    with pytest.raises(ValueError, match="secret.py.*(cannot be read|outside the code tree)"):
        create_source_archive(archive_members("train.py", str(tree / "src"), []), str(target), str(tree / "src"))
    assert not target.exists()


@pytest.mark.parametrize("entry, source, deps, words", [
    ("missing.py", None, [], ["entry_point='missing.py'", "does not exist"]),
    ("train.py", "nodir", [], ["source_dir='nodir'", "not a directory"]),
    ("other.py", "SRC", [], ["entry_point='other.py'", "source_dir"]),
    ("train.py", "SRC", ["no/such/dep"], ["dependencies", "no/such/dep"]),
    ("s3://b/train.py", None, [], ["entry_point", "local file"]),
    ("train.py", "s3://b/code.zip", [], ["source_dir", ".tar.gz"]),
])
def test_code_arguments_are_checked(tree, entry, source, deps, words):
    if source == "SRC":
        source = str(tree / "src")
    with pytest.raises(ValueError) as raised:
        validate_code_arguments(entry, source, deps)
    for word in words:
        assert word in str(raised.value)
