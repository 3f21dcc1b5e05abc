"""Compose detection: version parsing on real outputs, and detection against stand-in executables.

The detection tests put small shell scripts named ``docker``, ``docker-compose`` and
``podman`` on an otherwise empty PATH, so the real subprocess code runs against the
outputs each front end prints.
"""
from __future__ import annotations

import os
import stat
import textwrap

import pytest
from packaging.version import Version

from sagemaker_estimators.local.compose.compose_cli import (
    ComposeNotFoundError,
    cached_detect_compose,
    detect_compose,
    parse_compose_version,
)

PODMAN_WITH_PODMAN_COMPOSE = """\
>>>> Executing external compose provider "/usr/bin/podman-compose". Please refer to the documentation for details. <<<<

podman-compose version: 1.0.6
['podman', '--version', '']
using podman version: 4.9.3
podman-compose version 1.0.6
podman --version 
podman version 4.9.3
exit code: 0
"""

DOCKER_COMPOSE_V1 = """\
docker-compose version 1.29.2, build unknown
docker-py version: 5.0.3
CPython version: 3.11.2
OpenSSL version: OpenSSL 3.0.19 27 Jan 2026
"""

VERSION_TABLE = [
    ("Docker Compose version v2.24.6", "2.24.6"),
    ("Docker Compose version v2.29.1-desktop.1", "2.29.1"),
    ("Docker Compose version v5.0.1", "5.0.1"),
    ("Docker Compose version 5.0.0", "5.0.0"),  # printed without "v"
    ("Docker Compose version 2.20.2+ds1-0ubuntu1~22.04.1", "2.20.2"),  # Ubuntu's package
    ("2.24.6\n", "2.24.6"),  # `docker compose version --short`
    ("v2.40.3", "2.40.3"),
    (DOCKER_COMPOSE_V1, "1.29.2"),  # docker-py's 5.0.3 on the next line is not it
    ("docker-compose version 1.25.0, build 0a186604", "1.25.0"),
    ("docker-compose version 1.29.2, build 5becea4c", "1.29.2"),
    (PODMAN_WITH_PODMAN_COMPOSE, "1.0.6"),  # podman's own 4.9.3 is not it
    (">>>> Executing external compose provider \"/usr/local/bin/docker-compose\". <<<<\n\n"
     "Docker Compose version v2.27.0\n", "2.27.0"),
    ("Docker Compose version v2.10", "2.10.0"),
]


@pytest.mark.parametrize("text, expected", VERSION_TABLE)
def test_parse_real_version_strings(text, expected):
    assert parse_compose_version(text) == Version(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Docker Compose version dev",
        "docker: unknown command: docker compose\n\nRun 'docker --help' for more information",
        "docker: 'compose' is not a docker command.\nSee 'docker --help'",
        ">>>> Executing external compose provider \"/usr/bin/podman-compose\". <<<<",
    ],
)
def test_parse_without_a_version(text):
    assert parse_compose_version(text) is None


def test_parse_rejects_non_text():
    with pytest.raises(TypeError, match="text must be a str"):
        parse_compose_version(b"Docker Compose version v2.24.6")


def _say(text):
    """Shell code that prints ``text`` with builtins only (PATH holds nothing else)."""
    return "printf '%s' '" + text.replace("'", "'\\''") + "'"


def _fake(bin_dir, name, script):
    path = bin_dir / name
    path.write_text("#!/bin/sh\n" + textwrap.dedent(script))
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


@pytest.fixture
def bin_dir(tmp_path, monkeypatch):
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    return folder


DOCKER_WITHOUT_PLUGIN = """\
if [ "$1" = compose ]; then echo "docker: unknown command: docker compose" >&2; exit 1; fi
echo "Docker version 28.2.2, build e6534b4"
"""


def test_prefers_the_docker_plugin_of_any_major_version(bin_dir):
    _fake(bin_dir, "docker", 'if [ "$1 $2" = "compose version" ]; then echo "Docker Compose version 5.0.1"; fi\n')
    _fake(bin_dir, "docker-compose", _say(DOCKER_COMPOSE_V1) + "\n")

    found = detect_compose()

    assert (found.name, found.argv, found.version) == ("docker compose", ("docker", "compose"), Version("5.0.1"))
    assert found.command("-p", "x", "up") == ["docker", "compose", "-p", "x", "up"]
    assert not found.is_v1


def test_falls_back_to_standalone_docker_compose_v1(bin_dir):
    _fake(bin_dir, "docker", DOCKER_WITHOUT_PLUGIN)
    _fake(bin_dir, "docker-compose", _say(DOCKER_COMPOSE_V1) + "\n")

    found = detect_compose()

    assert (found.name, found.version, found.is_v1) == ("docker-compose", Version("1.29.2"), True)


def test_falls_back_to_podman_compose(bin_dir):
    _fake(bin_dir, "podman", '[ "$1 $2" = "compose version" ] && ' + _say(PODMAN_WITH_PODMAN_COMPOSE) + "\n")

    found = detect_compose()

    assert (found.name, found.argv, found.version) == ("podman compose", ("podman", "compose"), Version("1.0.6"))


def test_too_old_standalone_compose_is_skipped_and_named(bin_dir):
    _fake(bin_dir, "docker", DOCKER_WITHOUT_PLUGIN)
    _fake(bin_dir, "docker-compose", 'echo "docker-compose version 1.25.0, build 0a186604"\n')

    with pytest.raises(ComposeNotFoundError) as raised:
        detect_compose()

    assert "docker-compose: version 1.25.0 is older than 1.28.0" in str(raised.value)


def test_none_found_names_all_three_options(bin_dir):
    with pytest.raises(ComposeNotFoundError) as raised:
        detect_compose()

    message = str(raised.value)
    for option in ("`docker compose`", "`docker-compose`", "`podman compose`"):
        assert option in message
    assert "docker compose: not available" in message


def test_unreadable_version_is_reported(bin_dir):
    _fake(bin_dir, "docker", 'echo "Docker Compose version dev"\n')

    with pytest.raises(ComposeNotFoundError, match="could not read a version from 'Docker Compose version dev'"):
        detect_compose()


def test_disk_cache_reuses_the_answer_until_the_installation_changes(bin_dir, tmp_path):
    cache = str(tmp_path / "cache" / "compose.json")
    calls = tmp_path / "calls"
    _fake(bin_dir, "docker", f'echo probed >> {calls}\necho "Docker Compose version v2.24.6"\n')

    assert cached_detect_compose(cache).version == Version("2.24.6")
    assert cached_detect_compose(cache).version == Version("2.24.6")
    assert calls.read_text().count("probed") == 1  # the second answer came from the cache

    # an upgraded binary (other size and time) is probed again
    _fake(bin_dir, "docker", f'echo probed >> {calls}\necho "Docker Compose version v5.0.0 (upgraded)"\n')
    os.utime(bin_dir / "docker", ns=(1, 10**18))
    assert cached_detect_compose(cache).version == Version("5.0.0")
    assert calls.read_text().count("probed") == 2
