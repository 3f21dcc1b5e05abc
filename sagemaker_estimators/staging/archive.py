"""``sourcedir.tar.gz``: which files the code archive holds, the tar stream, and where it is written.

The archive holds, at its root, every entry of ``source_dir`` (or the entry
point alone when there is no ``source_dir``) plus each dependency under its
base name, exactly as V2 lays it out.  Symbolic links are followed (V2 does the
same) when they resolve inside their tree; a link out of the tree (say to
``/etc/passwd``), a broken link, a link cycle or an unreadable file is a
ValueError that names the path, raised before anything is written.  The tar
stream is compressed on every CPU (:mod:`sagemaker_estimators.parallel_gzip`)
and either written to a local file (:func:`create_source_archive`) or streamed
into a multipart upload (:func:`upload_source_archive`).  Where the archive goes
is decided by :mod:`sagemaker_estimators.staging.code`.
"""
from __future__ import annotations

import logging
import os
import stat
import tarfile
from typing import Any, Callable, Iterable, List, Optional, Tuple

import attrs

from sagemaker_estimators.parallel_gzip import ParallelGzipWriter

logger = logging.getLogger(__name__)

SOURCE_ARCHIVE_NAME = "sourcedir.tar.gz"
#: gzip level: 6 packs almost as small as V2's 9 in a fraction of the time
GZIP_LEVEL = 6
#: gzip level of sourcedir.tar.gz: deflate's fast mode, on every CPU (code is small once packed;
#: the archive is built on every fit, so time matters more than the last few percent of size)
SOURCE_GZIP_LEVEL = 1


def archive_members(entry_point: str, source_dir: Optional[str], dependencies: Iterable[str]) -> List[Tuple[str, str]]:
    """(local path, name at the archive root) pairs, in a stable order."""
    if source_dir is None:
        roots = [(entry_point, os.path.basename(entry_point))]
    else:
        roots = [(os.path.join(source_dir, name), name) for name in sorted(os.listdir(source_dir))]
    roots.extend((dep, os.path.basename(os.path.normpath(dep))) for dep in dependencies)
    return roots


def _tree_of(path: str, source_dir: Optional[str]) -> str:
    """The real path of the tree ``path`` belongs to: links inside it must not leave it.

    Entries of ``source_dir`` belong to ``source_dir``; the entry point without a
    ``source_dir`` belongs to its folder; a dependency is a tree of its own.
    """
    if source_dir is not None and os.path.dirname(os.path.normpath(path)) == os.path.normpath(source_dir):
        return os.path.realpath(source_dir)
    parent = os.path.dirname(os.path.abspath(path))
    if os.path.islink(path):
        return os.path.realpath(parent)
    return os.path.realpath(path) if os.path.isdir(path) else os.path.realpath(parent)


@attrs.frozen
class ArchiveEntry:
    """One member of the code archive: the file or folder read, its name and its stat result."""

    path: str
    arcname: str
    real: str
    info: os.stat_result

    @property
    def is_dir(self) -> bool:
        return stat.S_ISDIR(self.info.st_mode)


def inside_tree(root: str, path: str) -> bool:
    """Whether the real path ``path`` is ``root`` or below it."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _collect(path: str, arcname: str, real: str, root: str, seen: Tuple[str, ...], out: List[ArchiveEntry]) -> None:
    """Add ``path`` (whose real path is ``real`` unless it is a link) and what it holds to ``out``."""
    if os.path.islink(path):
        if not os.path.exists(path):
            raise ValueError(f"source code: {path!r} is a broken symbolic link; remove it or fix its target.")
        real = os.path.realpath(path)
        if not inside_tree(root, real):
            raise ValueError(
                f"source code: the symbolic link {path!r} points to {real!r}, outside the code tree {root!r}; "
                "its content would be uploaded with your code. Copy the file into the tree or remove the link."
            )
    if real in seen:
        raise ValueError(f"source code: {path!r} is a symbolic link that loops back to {real!r}.")
    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        out.append(ArchiveEntry(path, arcname, real, info))
        for name in sorted(os.listdir(path)):
            _collect(os.path.join(path, name), f"{arcname}/{name}", os.path.join(real, name), root,
                     seen + (real,), out)
        return
    if not stat.S_ISREG(info.st_mode):
        raise ValueError(f"source code: {path!r} is not a regular file or directory (sockets, fifos and "
                         "devices cannot be packed).")
    out.append(ArchiveEntry(path, arcname, real, info))


def collect_entries(members: Iterable[Tuple[str, str]], source_dir: Optional[str] = None) -> List[ArchiveEntry]:
    """Every file and folder the archive will hold, checked before anything is written.

    Symbolic links are followed as V2 follows them, as long as they resolve inside
    their tree (see :func:`_tree_of`); a link out of it, a broken link, a loop or a
    special file is a ValueError naming the path.
    """
    entries: List[ArchiveEntry] = []
    for path, arcname in members:
        _collect(path, arcname, os.path.realpath(path), _tree_of(path, source_dir), (), entries)
    return entries


#: already-compressed formats: stored in the archive's gzip stream without deflating them again
_COMPRESSED_SUFFIXES = (".gz", ".tgz", ".bz2", ".xz", ".zst", ".lz4", ".zip", ".whl", ".jar", ".7z",
                        ".png", ".jpg", ".jpeg", ".gif", ".webp", ".mp3", ".mp4", ".ogg", ".avif")
_READ_SIZE = 1 << 20


class _Names:
    """uid/gid -> user/group name, looked up once (tarfile asks the password database per file)."""

    def __init__(self) -> None:
        self._users: dict = {}
        self._groups: dict = {}

    def user(self, uid: int) -> str:
        if uid not in self._users:
            try:
                import pwd

                self._users[uid] = pwd.getpwuid(uid)[0]
            except (ImportError, KeyError):
                self._users[uid] = ""
        return self._users[uid]

    def group(self, gid: int) -> str:
        if gid not in self._groups:
            try:
                import grp

                self._groups[gid] = grp.getgrgid(gid)[0]
            except (ImportError, KeyError):
                self._groups[gid] = ""
        return self._groups[gid]


def _ustar_block(name: bytes, mode: int, uid: int, gid: int, size: int, mtime: int, kind: bytes,
                 uname: bytes, gname: bytes) -> bytes:
    """One ustar header block, byte for byte what ``tarfile`` writes for these values."""
    block = b"".join((
        name.ljust(100, b"\0"), b"%07o\0" % mode, b"%07o\0" % uid, b"%07o\0" % gid, b"%011o\0" % size,
        b"%011o\0" % mtime, b"        ", kind, b"\0" * 100, tarfile.POSIX_MAGIC, uname.ljust(32, b"\0"),
        gname.ljust(32, b"\0"), b"\0" * 8, b"\0" * 8,
    )).ljust(tarfile.BLOCKSIZE, b"\0")
    return block[:148] + b"%06o\0" % sum(block) + block[155:]


def _pax_mtime(mtime: float) -> bytes:
    """The pax extended header ``tarfile`` writes to keep a float mtime's full precision."""
    record = b" mtime=%s\n" % str(mtime).encode("ascii")
    length = len(record)
    while len(b"%d" % length) + len(record) != length:
        length = len(b"%d" % length) + len(record)
    records = b"%d" % length + record
    header = _ustar_block(b"././@PaxHeader", 0, 0, 0, len(records), 0, tarfile.XHDTYPE, b"", b"")
    return header + records + tarfile.NUL * (-len(records) % tarfile.BLOCKSIZE)


_OCTAL_7 = 8 ** 7
_OCTAL_11 = 8 ** 11


def _header(entry: ArchiveEntry, names: _Names) -> bytes:
    """The tar header ``tarfile.gettarinfo`` + ``addfile`` would write for ``entry`` (links followed)."""
    info = entry.info
    name = entry.arcname.replace(os.sep, "/").lstrip("/")
    if entry.is_dir and not name.endswith("/"):
        name += "/"
    kind, size = (tarfile.DIRTYPE, 0) if entry.is_dir else (tarfile.REGTYPE, info.st_size)
    uname, gname = names.user(info.st_uid), names.group(info.st_gid)
    mtime = info.st_mtime
    rounded = round(mtime)
    if (name.isascii() and len(name) <= 100 and uname.isascii() and len(uname) <= 32 and gname.isascii()
            and len(gname) <= 32 and 0 <= info.st_uid < _OCTAL_7 and 0 <= info.st_gid < _OCTAL_7
            and size < _OCTAL_11 and 0 <= rounded < _OCTAL_11):
        pax = _pax_mtime(mtime) if isinstance(mtime, float) else b""
        return pax + _ustar_block(name.encode("ascii"), info.st_mode & 0o7777, info.st_uid, info.st_gid, size,
                                  rounded, kind, uname.encode("ascii"), gname.encode("ascii"))
    member = tarfile.TarInfo(name)
    member.mode, member.uid, member.gid = info.st_mode, info.st_uid, info.st_gid
    member.uname, member.gname, member.mtime = uname, gname, mtime
    member.type, member.size = kind, size
    return member.tobuf(tarfile.DEFAULT_FORMAT, tarfile.ENCODING, "surrogateescape")


def write_tar(entries: Iterable[ArchiveEntry], out: ParallelGzipWriter) -> None:
    """Write ``entries`` as a tar stream (what ``tarfile`` writes for them) into ``out``."""
    names = _Names()
    offset = 0
    for entry in entries:
        header = _header(entry, names)
        out.write(header)
        offset += len(header)
        if entry.is_dir:
            continue
        compressible = not entry.arcname.lower().endswith(_COMPRESSED_SUFFIXES)
        remaining = entry.info.st_size
        try:
            handle = open(entry.real, "rb")
        except OSError as error:
            raise ValueError(f"source code: {entry.path!r} cannot be read ({error.strerror}).") from error
        with handle:
            while remaining > 0:
                chunk = handle.read(min(_READ_SIZE, remaining))
                if not chunk:
                    raise ValueError(f"source code: {entry.path!r} shrank while it was being packed.")
                out.write(chunk, compressible)
                remaining -= len(chunk)
        padding = -entry.info.st_size % tarfile.BLOCKSIZE
        if padding:
            out.write(tarfile.NUL * padding)
        offset += entry.info.st_size + padding
    offset += 2 * tarfile.BLOCKSIZE
    out.write(tarfile.NUL * (2 * tarfile.BLOCKSIZE + (-offset % tarfile.RECORDSIZE)))


def pack_source(entries: List[ArchiveEntry], sink: Callable[[bytes], Any]) -> None:
    """Stream the gzip-compressed tar of ``entries`` into ``sink`` (compressed on every CPU)."""
    with ParallelGzipWriter(sink, level=SOURCE_GZIP_LEVEL) as out:
        write_tar(entries, out)


def create_source_archive(members: Iterable[Tuple[str, str]], target: str, source_dir: Optional[str] = None) -> str:
    """Write ``target`` (a .tar.gz) holding ``members``; a failure leaves no partial file."""
    entries = collect_entries(members, source_dir)
    partial = target + ".partial"
    try:
        with open(partial, "wb") as handle:
            pack_source(entries, handle.write)
        os.replace(partial, target)
    finally:
        if os.path.exists(partial):
            os.remove(partial)
    return target


def upload_source_archive(session: Any, entry_point: str, source_dir: Optional[str], dependencies: Iterable[str],
                          uri: str, extra_args: dict) -> str:
    """Check the code tree, then pack it and stream it to the object ``uri``; return ``uri``.

    Every link and file is checked before the first byte is sent; a failure while
    streaming aborts the upload, so no partial object is left.
    """
    entries = collect_entries(archive_members(entry_point, source_dir, dependencies), source_dir)
    upload = session.open_upload_stream(uri, extra_args=extra_args)
    try:
        pack_source(entries, upload.write)
    except BaseException:
        upload.abort()
        raise
    upload.close()
    return uri
