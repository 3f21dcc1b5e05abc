#!/usr/bin/env python3
"""Build the stand-in SageMaker scikit-learn image used by local-mode Docker tests.

No container registry is reachable from CI, so the real framework image cannot be
pulled.  This script makes a small image that honours the same container contract
(``docker run IMAGE train`` / ``docker run IMAGE serve``) and tags it with the real
image URIs, so local mode finds it and never pulls:

1. a Debian bookworm rootfs from ``debootstrap --variant=minbase --include=python3``
   (Debian's mirror, read from this machine's apt sources), slimmed of apt lists,
   docs and locales;
2. scikit-learn, numpy, scipy, joblib and the ``sagemaker-training`` toolkit, pip
   installed with the host's CPython 3.11 into ``usr/local/lib/python3.11/dist-packages``
   (same ABI as Debian's python3);
3. ``/usr/local/bin/train`` (the toolkit's trainer) and ``/usr/local/bin/serve`` (this
   project's ``sagemaker_estimators.local.model_server.server`` plus the package modules it
   imports, copied from the checkout);
4. ``tar | docker import`` with a label holding a hash of every build input.

The rootfs and the pip tree are cached under ``--cache-dir``
(default ``/var/cache/sagemaker-estimators``), keyed by the hash of their inputs; an
image whose label matches the current hash is reused as is.  Usage::

    python tools/standin_images/build.py            # build if missing or stale
    python tools/standin_images/build.py --force    # rebuild the image (caches kept)
    python tools/standin_images/build.py --print-hash
"""
from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from typing import Dict, List, Optional, Tuple

logger = logging.getLogger("standin_images")

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
#: bump when the recipe below changes in a way the hashed inputs do not show
RECIPE_VERSION = "3"

SUITE = "bookworm"
VARIANT = "minbase"
DEB_PACKAGES = ["python3"]
DEFAULT_MIRROR = "http://deb.debian.org/debian"
PYTHON_DIR = "usr/local/lib/python3.11/dist-packages"
HASH_LABEL = "org.sagemaker-estimators.standin-hash"
DEFAULT_CACHE = "/var/cache/sagemaker-estimators"

LOCAL_NAME = "sagemaker-estimators/sklearn-standin:1.2-1"
#: the real SKLearn 1.2-1 framework image URIs (training and inference scope are the
#: same image) for the regions tests and users most often name
TAGS = [
    LOCAL_NAME,
    "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
    "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
]
IMAGE_ENV = {
    "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "LANG": "C.UTF-8",
    "PYTHONUNBUFFERED": "1",
    "PYTHONDONTWRITEBYTECODE": "1",
    "SAGEMAKER_BIND_TO_PORT": "8080",
    # the model server's framework defaults (model_fn etc.) for this image
    "SAGEMAKER_ESTIMATORS_FRAMEWORK": "sklearn",
}
#: trimmed from the rootfs: nothing in a container run reads them
SLIM_PATHS = [
    "var/cache/apt",
    "var/lib/apt/lists",
    "usr/share/doc",
    "usr/share/man",
    "usr/share/info",
    "usr/share/locale",
    "usr/share/lintian",
    "var/log",
]
MODEL_SERVER_MODULE = "sagemaker_estimators.local.model_server.server"


def _sha256_file(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _hash_items(items: List[Tuple[str, str]]) -> str:
    digest = hashlib.sha256()
    for key, value in items:
        digest.update(key.encode())
        digest.update(b"\0")
        digest.update(value.encode())
        digest.update(b"\n")
    return digest.hexdigest()[:16]


def debian_mirror() -> str:
    """The Debian mirror this machine's apt uses (deb822 or one-line sources)."""
    candidates: List[str] = []
    for path in ["/etc/apt/sources.list.d/debian.sources", "/etc/apt/sources.list"]:
        if not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                line = line.strip()
                if line.startswith("URIs:"):
                    candidates.extend(line.split()[1:])
                elif line.startswith("deb "):
                    parts = line.split()
                    url = next((p for p in parts[1:] if "://" in p), None)
                    if url:
                        candidates.append(url)
    for url in candidates:
        if not re.search(r"security|updates", url):
            return url.rstrip("/")
    return DEFAULT_MIRROR


def rootfs_key() -> str:
    return _hash_items(
        [("recipe", RECIPE_VERSION), ("suite", SUITE), ("variant", VARIANT), ("deb", ",".join(DEB_PACKAGES))]
        + [("slim", path) for path in SLIM_PATHS]
    )


def pylibs_key() -> str:
    requirements = _sha256_file(os.path.join(HERE, "requirements.txt"))
    return _hash_items([("recipe", RECIPE_VERSION), ("requirements", requirements)])


def model_server_files() -> Optional[List[str]]:
    """Repo-relative paths of the package modules the model server imports, or None if absent."""
    if not os.path.isfile(os.path.join(REPO, *MODEL_SERVER_MODULE.split(".")) + ".py"):
        return None
    probe = (
        "import json, os, sys\n"
        f"sys.path.insert(0, {REPO!r})\n"
        f"import {MODEL_SERVER_MODULE}\n"
        f"root = os.path.join({REPO!r}, 'sagemaker_estimators')\n"
        "files = sorted({os.path.relpath(m.__file__, %r) for m in list(sys.modules.values())\n"
        "                if getattr(m, '__file__', None) and os.path.abspath(m.__file__).startswith(root + os.sep)})\n"
        "print(json.dumps(files))\n" % REPO
    )
    # -S: an installed copy of this package (and its start-up .pth) must not shadow the checkout
    output = subprocess.run(
        [sys.executable, "-S", "-c", probe], check=True, capture_output=True, text=True, cwd=tempfile.gettempdir()
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def baked_files() -> List[Tuple[str, str]]:
    """(source path, path inside the rootfs) for every file this recipe adds by hand."""
    pairs = []
    overlay = os.path.join(HERE, "rootfs")
    for folder, _dirs, files in os.walk(overlay):
        for name in sorted(files):
            source = os.path.join(folder, name)
            pairs.append((source, os.path.relpath(source, overlay)))
    server_files = model_server_files()
    if server_files is None:
        logger.warning("%s does not exist yet: the image's `serve` will fail", MODEL_SERVER_MODULE)
    for relative in server_files or []:
        pairs.append((os.path.join(REPO, relative), os.path.join(PYTHON_DIR, relative)))
    return sorted(pairs, key=lambda pair: pair[1])


def image_hash(files: List[Tuple[str, str]]) -> str:
    items = [("rootfs", rootfs_key()), ("pylibs", pylibs_key()), ("env", json.dumps(IMAGE_ENV, sort_keys=True))]
    items += [(target, _sha256_file(source)) for source, target in files]
    return _hash_items(items)


def _run(command: List[str], **kwargs) -> subprocess.CompletedProcess:
    logger.info("$ %s", " ".join(command))
    return subprocess.run(command, check=True, **kwargs)


def ensure_rootfs(cache_dir: str) -> str:
    """The slimmed debootstrap rootfs, built once per recipe and kept in the cache."""
    target = os.path.join(cache_dir, f"rootfs-{rootfs_key()}")
    if os.path.isfile(os.path.join(target, "usr", "bin", "python3")):
        return target
    if shutil.which("debootstrap") is None:
        raise SystemExit("debootstrap is not installed (apt-get install debootstrap)")
    work = tempfile.mkdtemp(prefix="rootfs-tmp-", dir=cache_dir)
    try:
        started = time.monotonic()
        _run(
            ["debootstrap", f"--variant={VARIANT}", f"--include={','.join(DEB_PACKAGES)}", SUITE, work,
             debian_mirror()],
            stdout=subprocess.DEVNULL,
        )
        for relative in SLIM_PATHS:
            path = os.path.join(work, relative)
            if os.path.isdir(path):
                shutil.rmtree(path)
                os.makedirs(path)
        python_link = os.path.join(work, "usr", "local", "bin", "python")
        if not os.path.lexists(python_link):
            os.symlink("/usr/bin/python3", python_link)
        os.rename(work, target)
        logger.info("rootfs built in %.1fs", time.monotonic() - started)
    finally:
        if os.path.isdir(work):
            shutil.rmtree(work, ignore_errors=True)
    return target


def ensure_pylibs(cache_dir: str) -> str:
    """The pip --target tree for the image's Python packages, kept in the cache."""
    target = os.path.join(cache_dir, f"pylibs-{pylibs_key()}")
    if os.path.isdir(os.path.join(target, "sklearn")):
        return target
    work = tempfile.mkdtemp(prefix="pylibs-tmp-", dir=cache_dir)
    try:
        started = time.monotonic()
        command = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                   "--no-warn-conflicts", "--target", work, "-r", os.path.join(HERE, "requirements.txt")]
        logger.info("$ %s", " ".join(command))
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit(f"pip install failed:\n{result.stdout}\n{result.stderr}")
        # console scripts pip wrote point at the host interpreter; the image has its own
        shutil.rmtree(os.path.join(work, "bin"), ignore_errors=True)
        os.rename(work, target)
        logger.info("python packages installed in %.1fs", time.monotonic() - started)
    finally:
        if os.path.isdir(work):
            shutil.rmtree(work, ignore_errors=True)
    return target


def _docker(*args: str, capture: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["docker", *args], capture_output=capture, text=True)


def existing_hash(name: str) -> Optional[str]:
    result = _docker("image", "inspect", "-f", "{{json .Config.Labels}}", name)
    if result.returncode != 0:
        return None
    labels = json.loads(result.stdout.strip() or "null") or {}
    return labels.get(HASH_LABEL)


def _image_id(name: str) -> Optional[str]:
    result = _docker("image", "inspect", "-f", "{{.Id}}", name)
    return result.stdout.strip() if result.returncode == 0 else None


def tag_all(source: str) -> None:
    for tag in TAGS:
        if tag != source:
            _run(["docker", "tag", source, tag])


def build(cache_dir: str, force: bool = False) -> Dict[str, str]:
    """Build (or reuse) the image; returns ``{"hash", "image_id", "action"}``.

    Holds an exclusive lock in the cache dir, so two test runs starting at once build
    once (the second then finds the image and reuses it).
    """
    os.makedirs(cache_dir, exist_ok=True)
    with open(os.path.join(cache_dir, "build.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _build_locked(cache_dir, force)


def _build_locked(cache_dir: str, force: bool) -> Dict[str, str]:
    files = baked_files()
    wanted = image_hash(files)
    if not force and existing_hash(LOCAL_NAME) == wanted:
        tag_all(LOCAL_NAME)
        return {"hash": wanted, "image_id": _image_id(LOCAL_NAME) or "", "action": "reused"}
    old_id = _image_id(LOCAL_NAME)
    rootfs = ensure_rootfs(cache_dir)
    pylibs = ensure_pylibs(cache_dir)
    for name in os.listdir(cache_dir):  # trees of older recipes
        path = os.path.join(cache_dir, name)
        if re.match(r"(rootfs|pylibs)-", name) and path not in (rootfs, pylibs) and os.path.isdir(path):
            shutil.rmtree(path, ignore_errors=True)
    stage = tempfile.mkdtemp(prefix="stage-", dir=cache_dir)
    try:
        root = os.path.join(stage, "root")
        # hard links: assembling the tree costs no copy of the cached files
        _run(["cp", "-al", rootfs, root])
        site = os.path.join(root, PYTHON_DIR)
        os.makedirs(os.path.dirname(site), exist_ok=True)
        if os.path.isdir(site):
            os.rmdir(site)
        _run(["cp", "-al", pylibs, site])
        for source, target in files:
            destination = os.path.join(root, target)
            os.makedirs(os.path.dirname(destination), exist_ok=True)
            shutil.copy2(source, destination)
        changes: List[str] = []
        for key, value in IMAGE_ENV.items():
            changes += ["-c", f"ENV {key}={value}"]
        changes += ["-c", f"LABEL {HASH_LABEL}={wanted}", "-c", "WORKDIR /"]
        logger.info("$ tar -C %s -c . | docker import ... - %s", root, LOCAL_NAME)
        tar = subprocess.Popen(["tar", "-C", root, "--numeric-owner", "-c", "."], stdout=subprocess.PIPE)
        try:
            imported = subprocess.run(["docker", "import", *changes, "-", LOCAL_NAME], stdin=tar.stdout,
                                      capture_output=True, text=True)
        finally:
            tar.stdout.close()
            tar.wait()
        if imported.returncode != 0 or tar.returncode != 0:
            raise SystemExit(f"docker import failed: {imported.stderr.strip()}")
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    tag_all(LOCAL_NAME)
    new_id = _image_id(LOCAL_NAME) or ""
    if old_id and old_id != new_id:
        # the stale image lost its tags; drop it unless a container still uses it
        _docker("image", "rm", old_id)
    return {"hash": wanted, "image_id": new_id, "action": "built"}


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache-dir", default=os.environ.get("SAGEMAKER_ESTIMATORS_CACHE", DEFAULT_CACHE))
    parser.add_argument("--force", action="store_true", help="rebuild the image even if its hash matches")
    parser.add_argument("--print-hash", action="store_true", help="print the build-input hash and exit")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="standin: %(message)s")
    if args.print_hash:
        print(image_hash(baked_files()))
        return 0
    if sys.version_info[:2] != (3, 11):
        raise SystemExit(
            f"run this with CPython 3.11 (found {sys.version.split()[0]}): the packages are pip installed "
            "for the image's Debian python3.11 and must share its ABI"
        )
    started = time.monotonic()
    result = build(args.cache_dir, force=args.force)
    logger.info("%s %s (hash %s) in %.1fs; tags: %s", result["action"], result["image_id"][:19], result["hash"],
                time.monotonic() - started, ", ".join(TAGS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
