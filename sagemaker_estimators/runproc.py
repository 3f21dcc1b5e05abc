"""``runproc.sh``: the shell entry point FrameworkProcessor uploads beside ``sourcedir.tar.gz``.

The text is byte for byte what V2 writes (a file format, carried over as data): it
unpacks the bundle in ``/opt/ml/processing/input/code/``, installs
``requirements.txt`` and runs ``<command> <script> "$@"``.  :func:`parse_runproc`
reads the command and script back (local_process runs them natively instead of
the shell script, so pip never installs into the user's environment).
"""
from __future__ import annotations

import re
import shlex
from typing import List, Optional, Tuple

CODE_DIR = "/opt/ml/processing/input/code/"
SOURCE_ARCHIVE = "sourcedir.tar.gz"
_NO_CODEARTIFACT = "echo 'CodeArtifact repository not specified. Skipping login.'"
_CODEARTIFACT_ARN = re.compile(
    r"^arn:(?P<partition>[^:]+):codeartifact:(?P<region>[^:]+):(?P<account>[^:]+)"
    r":repository/(?P<domain>[^/]+)/(?P<repository>.+)$"
)

_TEMPLATE = """#!/bin/bash

cd {code_dir}
tar -xzf {archive}

# Exit on any error. SageMaker uses error code to mark failed job.
set -e

if [[ -f 'requirements.txt' ]]; then
    # Optionally log into CodeArtifact
    if ! hash aws 2>/dev/null; then
        echo "AWS CLI is not installed. Skipping CodeArtifact login."
    else
        {login}
    fi

    # Some py3 containers has typing, which may breaks pip install
    pip uninstall --yes typing

    python -m pip install -r requirements.txt
fi

{command} {script} "$@"
"""

_PARSER = re.compile(
    re.escape(_TEMPLATE.split("{code_dir}")[0]) + r"(?P<code_dir>\S+)\n"
    + r"tar -xzf (?P<archive>\S+)\n"
    + r"[\s\S]*\n\n(?P<command>[^\n]*) (?P<script>[^\n ]+) \"\$@\"\n$"
)


def codeartifact_login_command(repository_arn: str) -> str:
    """The ``aws codeartifact login --tool pip ...`` line for a CodeArtifact repository ARN."""
    match = _CODEARTIFACT_ARN.match(repository_arn or "")
    if not match:
        raise ValueError(f"codeartifact_repo_arn={repository_arn!r} is not a CodeArtifact repository ARN "
                         "(arn:aws:codeartifact:<region>:<account>:repository/<domain>/<repository>)")
    return ("aws codeartifact login --tool pip --domain {domain} --domain-owner {account} "
            "--repository {repository} --region {region}").format(**match.groupdict())


def runproc_script(command: List[str], script: str, codeartifact_repo_arn: Optional[str] = None) -> str:
    """The text of ``runproc.sh`` that runs ``command script "$@"`` after unpacking the bundle."""
    login = codeartifact_login_command(codeartifact_repo_arn) if codeartifact_repo_arn else _NO_CODEARTIFACT
    return _TEMPLATE.format(code_dir=CODE_DIR, archive=SOURCE_ARCHIVE, login=login,
                            command=" ".join(command), script=script)


def parse_runproc(text: str) -> Optional[Tuple[List[str], str]]:
    """(command, script) of a ``runproc.sh`` this module wrote, or None for any other script."""
    match = _PARSER.match(text)
    if match is None or match.group("code_dir") != CODE_DIR or match.group("archive") != SOURCE_ARCHIVE:
        return None
    try:
        command = shlex.split(match.group("command"))
    except ValueError:
        return None
    return command, match.group("script")
