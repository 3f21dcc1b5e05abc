"""Fixtures for tests that need a real Docker engine and the stand-in SKLearn image.

Every test here is marked ``docker``.  Without a reachable engine they are skipped
with the reason; CI runs ``.ci/docker_setup.sh`` first so they run there.  The
stand-in image is built (or reused, when its input hash matches) by
``tools/standin_images/build.py``; nothing is ever pulled.
"""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import uuid
from typing import List

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
#: the real SKLearn 1.2-1 image URI in the tests' region; the stand-in carries this tag
SKLEARN_IMAGE = "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3"


def _engine_problem() -> str:
    try:
        import docker

        docker.from_env().ping()
    except Exception as error:  # any failure means: no engine for these tests
        return f"no Docker engine reachable ({error}); run `bash .ci/docker_setup.sh`"
    return ""


@pytest.fixture(scope="session")
def docker_client():
    problem = _engine_problem()
    if problem:
        pytest.skip(problem)
    import docker

    return docker.from_env()


@pytest.fixture(scope="session")
def standin_image(docker_client) -> str:
    """The stand-in image, built from the checkout if missing or stale."""
    build_script = os.path.join(REPO, "tools", "standin_images", "build.py")
    spec = importlib.util.spec_from_file_location("standin_build", build_script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if sys.version_info[:2] != (3, 11) and module.existing_hash(module.LOCAL_NAME) is None:
        pytest.skip("the stand-in image is missing and can only be built with CPython 3.11")
    if sys.version_info[:2] == (3, 11):
        module.build(os.environ.get("SAGEMAKER_ESTIMATORS_CACHE", module.DEFAULT_CACHE))
    return SKLEARN_IMAGE


@pytest.fixture
def job_name() -> str:
    return f"test-job-{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="session")
def compose_front_ends():
    """The usable Compose front ends by name (CI installs the v2 plugin and v1)."""
    from sagemaker_estimators.local.compose.compose_cli import usable_compose_commands

    usable, _refused = usable_compose_commands()
    return {command.name: command for command in usable}


def leftovers(client, name: str, wait_for_teardowns: bool = True) -> List[str]:
    """Containers and networks still around for job or endpoint ``name`` (by our job label).

    Waits for background teardowns of this process first unless told not to.
    """
    from sagemaker_estimators.local.compose.background_teardown import TEARDOWNS
    from sagemaker_estimators.local.compose.compose_file import LABEL_JOB

    if wait_for_teardowns:
        assert TEARDOWNS.wait(timeout=120), "background teardowns did not finish within 120 s"
    label = {"label": f"{LABEL_JOB}={name}"}
    found = [f"container {c.name}" for c in client.containers.list(all=True, filters=label)]
    found += [f"network {n.name}" for n in client.networks.list(filters=label)]
    return found


def run_python(code: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, **kwargs)
