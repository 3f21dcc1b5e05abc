"""Run a command with ``/opt/ml`` showing one job tree, in a private mount namespace (Linux).

Usage (a fixed program; the job tree and the command are arguments)::

    python -I -S ns_exec.py JOB_TREE COMMAND [ARG ...]

It unshares a mount namespace (plus a user namespace when not root, or when a
root process may not unshare alone), makes every mount private, and shows
``JOB_TREE`` at ``/opt/ml``:

* ``/opt/ml`` exists on this machine: the job tree is bind-mounted over it;
* only ``/opt`` exists: a tmpfs is mounted on ``/opt`` in the namespace, every
  entry of the real ``/opt`` is bound back onto it (read through a descriptor
  opened before), and the job tree is bound at ``/opt/ml``.

Then it executes COMMAND, which keeps this process id, so the caller's process
group handling applies.  Nothing outside the namespace changes: the host's
``/opt`` and ``/opt/ml`` are never written.  When any step is impossible it
prints one line starting with :data:`FAILURE_MARK` to stderr and exits with
:data:`FAILURE_EXIT_CODE` before running COMMAND.

This file imports only the standard library and runs under ``-I -S``.
"""
import ctypes
import ctypes.util
import os
import sys

FAILURE_MARK = "sagemaker-estimators: no private /opt/ml:"
FAILURE_EXIT_CODE = 125
CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
MS_RDONLY = 0x1
MS_BIND = 0x1000
MS_REC = 0x4000
MS_PRIVATE = 0x40000
OPT = "/opt"
OPT_ML = "/opt/ml"


class NamespaceError(Exception):
    """A step of the set-up failed."""


def _libc():
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]
    libc.unshare.argtypes = [ctypes.c_int]
    return libc


def _check(result, what):
    if result != 0:
        error = ctypes.get_errno()
        raise NamespaceError(f"{what}: {os.strerror(error)}")


def _mount(libc, source, target, fstype, flags, data=None):
    encode = lambda value: value.encode() if isinstance(value, str) else value  # noqa: E731
    _check(libc.mount(encode(source), encode(target), encode(fstype), flags, encode(data)),
           f"mount {source} on {target}")


def _write(path, text):
    with open(path, "w") as handle:
        handle.write(text)


def _enter_namespaces(libc):
    uid, gid = os.getuid(), os.getgid()
    attempts = [CLONE_NEWNS, CLONE_NEWNS | CLONE_NEWUSER] if uid == 0 else [CLONE_NEWNS | CLONE_NEWUSER]
    last = ""
    for flags in attempts:
        if libc.unshare(flags) == 0:
            if flags & CLONE_NEWUSER:
                # the caller keeps its own ids inside; the capabilities the new namespace grants
                # last until exec, so the script itself runs unprivileged
                _write("/proc/self/setgroups", "deny")
                _write("/proc/self/uid_map", f"{uid} {uid} 1")
                _write("/proc/self/gid_map", f"{gid} {gid} 1")
            return
        last = os.strerror(ctypes.get_errno())
    raise NamespaceError(f"unshare of a mount namespace was refused ({last})")


def _show_job_tree(libc, job_tree):
    _mount(libc, None, "/", None, MS_REC | MS_PRIVATE)
    if os.path.isdir(OPT_ML):
        _mount(libc, job_tree, OPT_ML, None, MS_BIND | MS_REC)
        return
    if not os.path.isdir(OPT):
        raise NamespaceError(f"{OPT} does not exist, so /opt/ml cannot be shown without changing the host")
    real_opt = os.open(OPT, os.O_RDONLY | os.O_DIRECTORY)
    entries = sorted(os.listdir(real_opt))
    _mount(libc, "tmpfs", OPT, "tmpfs", 0, "mode=755")
    for name in entries:
        source = f"/proc/self/fd/{real_opt}/{name}"
        target = os.path.join(OPT, name)
        if os.path.islink(source):
            os.symlink(os.readlink(source), target)
            continue
        if os.path.isdir(source):
            os.mkdir(target)
        else:
            open(target, "w").close()
        _mount(libc, source, target, None, MS_BIND | MS_REC)
    os.mkdir(OPT_ML)
    _mount(libc, job_tree, OPT_ML, None, MS_BIND | MS_REC)
    os.close(real_opt)


def main(argv):
    if len(argv) < 3:
        sys.stderr.write("usage: ns_exec.py JOB_TREE COMMAND [ARG ...]\n")
        return 2
    job_tree, command = os.path.abspath(argv[1]), argv[2:]
    if not sys.platform.startswith("linux"):
        sys.stderr.write(f"{FAILURE_MARK} mount namespaces need Linux (this is {sys.platform})\n")
        return FAILURE_EXIT_CODE
    cwd = os.getcwd()
    try:
        libc = _libc()
        _enter_namespaces(libc)
        _show_job_tree(libc, job_tree)
        os.chdir(cwd)
    except (NamespaceError, OSError) as error:
        sys.stderr.write(f"{FAILURE_MARK} {error}\n")
        sys.stderr.flush()
        return FAILURE_EXIT_CODE
    try:
        os.execvp(command[0], command)
    except OSError as error:
        sys.stderr.write(f"cannot run {command[0]!r}: {error.strerror}\n")
        return 127


if __name__ == "__main__":
    sys.exit(main(sys.argv))
