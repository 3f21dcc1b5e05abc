"""Find a Compose command on this machine by parsing the version it reports.

Three front ends run a compose file; the first one that answers with a usable version
wins, in this order:

* ``docker compose`` - the Compose plugin, any version from 2.0 on (2.x, 5.x, ...);
* ``docker-compose`` - the standalone binary, v1 from 1.28 (device reservations) or v2;
* ``podman compose`` - Podman's wrapper around an external compose provider.

The version is read with a regular expression for a semantic version on the line
that names Compose, with or without a leading ``v``, and compared with
:mod:`packaging.version`; nothing depends on the exact wording.
"""
from __future__ import annotations

import concurrent.futures
import functools
import json
import logging
import os
import re
import shutil
import subprocess
from typing import List, Optional, Sequence, Tuple

import attrs
from packaging.version import Version

from sagemaker_estimators.exceptions import SageMakerEstimatorsError

logger = logging.getLogger(__name__)

#: (name, argv prefix, lowest version that runs our compose files)
CANDIDATES: Tuple[Tuple[str, Tuple[str, ...], Version], ...] = (
    ("docker compose", ("docker", "compose"), Version("2.0.0")),
    ("docker-compose", ("docker-compose",), Version("1.28.0")),
    ("podman compose", ("podman", "compose"), Version("1.0.0")),
)

_SEMVER = re.compile(r"(?<![\w.])v?(\d+)\.(\d+)(?:\.(\d+))?(?![\d])")
_AFTER_VERSION = re.compile(r"\bversion\b", re.IGNORECASE)


class ComposeNotFoundError(RuntimeError, SageMakerEstimatorsError):
    """No usable Compose command was found."""


@attrs.frozen
class ComposeCommand:
    """A Compose front end and the version it reported."""

    #: "docker compose", "docker-compose" or "podman compose"
    name: str
    argv: Tuple[str, ...]
    version: Version

    def command(self, *args: str) -> List[str]:
        """The full argument list for ``compose ARGS...``."""
        return [*self.argv, *args]

    @property
    def is_v1(self) -> bool:
        """True for the Python docker-compose 1.x, which lacks some v2 flags."""
        return self.version.major < 2 and self.name == "docker-compose"


def parse_compose_version(text: str) -> Optional[Version]:
    """Read the Compose version out of a ``... version`` command's output.

    Prefers a line that mentions "compose" (so ``docker-py version 5.0.3`` or
    ``podman version 4.9.3`` on other lines are ignored); a bare ``2.24.6`` as printed
    by ``version --short`` is accepted too.  Returns None when no version is found.

    >>> parse_compose_version("Docker Compose version v2.24.6")
    <Version('2.24.6')>
    >>> parse_compose_version("docker-compose version 1.29.2, build 5becea4c")
    <Version('1.29.2')>
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    compose_lines = [line for line in lines if "compose" in line.lower()]
    # "podman-compose version: 1.0.6" and "Docker Compose version v2.x" both qualify;
    # podman's ">>>> Executing external compose provider" banner carries no version
    for line in compose_lines + (lines if len(lines) == 1 else []):
        match = _SEMVER.search(_AFTER_VERSION.split(line, maxsplit=1)[-1])
        if match:
            major, minor, patch = match.group(1), match.group(2), match.group(3) or "0"
            return Version(f"{major}.{minor}.{patch}")
    return None


def _probe(argv: Sequence[str], timeout: float) -> Optional[str]:
    """Output of ``ARGV version``, or None when the command is missing or fails."""
    if shutil.which(argv[0]) is None:
        return None
    try:
        result = subprocess.run(
            [*argv, "version"], capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        logger.debug("%s version failed: %s", " ".join(argv), error)
        return None
    if result.returncode != 0:
        logger.debug("%s version exited %s: %s", " ".join(argv), result.returncode, result.stderr.strip())
        return None
    return result.stdout + "\n" + result.stderr


def usable_compose_commands(timeout: float = 20.0) -> Tuple[List[ComposeCommand], List[str]]:
    """Every usable Compose front end on this machine, in preference order.

    The three ``version`` probes run at once (each costs up to a second).  Returns the
    usable commands and, for the others, one line each saying why not.
    """
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(CANDIDATES)) as pool:
        outputs = list(pool.map(lambda candidate: _probe(candidate[1], timeout), CANDIDATES))
    usable: List[ComposeCommand] = []
    refused: List[str] = []
    for (name, argv, minimum), output in zip(CANDIDATES, outputs):
        if output is None:
            refused.append(f"{name}: not available")
            continue
        version = parse_compose_version(output)
        if version is None:
            refused.append(f"{name}: could not read a version from {output.strip()[:80]!r}")
        elif version < minimum:
            refused.append(f"{name}: version {version} is older than {minimum}")
        else:
            usable.append(ComposeCommand(name=name, argv=argv, version=version))
    return usable, refused


def detect_compose(timeout: float = 20.0) -> ComposeCommand:
    """Return the first usable Compose command, trying the three front ends in order.

    Raises :class:`ComposeNotFoundError` naming all three when none is usable.
    """
    usable, refused = usable_compose_commands(timeout)
    if usable:
        logger.debug("using %s %s", usable[0].name, usable[0].version)
        return usable[0]
    raise ComposeNotFoundError(
        "Local mode needs Docker Compose: install the `docker compose` plugin (v2 or later), "
        "the standalone `docker-compose` (1.28 or later) or `podman compose`. Found: " + "; ".join(refused)
    )


#: where the docker CLI looks for plugins (a new or updated compose plugin changes these)
_PLUGIN_DIRS = (
    "~/.docker/cli-plugins",
    "/usr/local/lib/docker/cli-plugins",
    "/usr/local/libexec/docker/cli-plugins",
    "/usr/lib/docker/cli-plugins",
    "/usr/libexec/docker/cli-plugins",
)


def _installation_key() -> str:
    """What the detection result depends on: PATH, the front ends' files and the plugin dirs."""
    parts = [os.environ.get("PATH", ""), os.environ.get("DOCKER_CONFIG", "")]
    paths = [shutil.which(argv[0]) for _name, argv, _minimum in CANDIDATES]
    for folder in _PLUGIN_DIRS:
        folder = os.path.expanduser(folder)
        if os.path.isdir(folder):
            paths.append(folder)
            paths.extend(os.path.join(folder, name) for name in sorted(os.listdir(folder)))
    for path in paths:
        try:
            info = os.stat(path) if path else None
        except OSError:
            info = None
        parts.append(f"{path}:{info.st_mtime_ns}:{info.st_size}" if info else f"{path}:-")
    return "|".join(parts)


def _cache_path() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "sagemaker-estimators", "compose-command.json")


def cached_detect_compose(cache_path: Optional[str] = None) -> ComposeCommand:
    """:func:`detect_compose`, remembered on disk until the installation changes.

    A later process whose PATH, front-end binaries and docker CLI plugin dirs look the
    same reuses the answer instead of paying for the ``version`` probes again.
    """
    path = cache_path or _cache_path()
    key = _installation_key()
    try:
        with open(path, encoding="utf-8") as handle:
            cached = json.load(handle)
        if cached.get("key") == key:
            return ComposeCommand(name=cached["name"], argv=tuple(cached["argv"]), version=Version(cached["version"]))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    found = detect_compose()
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        partial = f"{path}.{os.getpid()}.partial"
        with open(partial, "w", encoding="utf-8") as handle:
            json.dump({"key": key, "name": found.name, "argv": list(found.argv), "version": str(found.version)}, handle)
        os.replace(partial, path)
    except OSError as error:
        logger.debug("could not cache the compose command in %s: %s", path, error)
    return found


@functools.lru_cache(maxsize=1)
def compose_command() -> ComposeCommand:
    """The Compose command to use, detected once per process (and cached on disk)."""
    return cached_detect_compose()
