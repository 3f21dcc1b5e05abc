"""Issue 16 items 3 and 7 on a real engine: no secret in the compose file, and every byte a
container prints reaches the user, in order, ``\\r`` progress included, before fit() returns."""
from __future__ import annotations

import os
import re
import time

import attrs
import pytest

from sagemaker_estimators.local.compose.compose_runtime import ComposeRuntime
from tests.local_docker.conftest import leftovers
from tests.local_docker.helpers import training_spec

pytestmark = pytest.mark.docker

SECRET_SCRIPT = '''
import os
model = os.environ["SM_MODEL_DIR"]
with open(os.path.join(model, "seen.txt"), "w") as handle:
    handle.write(os.environ.get("AWS_SECRET_ACCESS_KEY", "") + "|" + os.environ.get("MY_TOKEN", "")
                 + "|" + os.environ.get("PYTHONHASHSEED", ""))
'''

LOUD_SCRIPT = '''
import os, sys
out = sys.stdout
for p in range(0, 101, 25):
    out.write(f"progress {p}%\\r")
    out.flush()
out.write("\\n")
line = "x" * 90
for i in range(LINES):
    out.write(f"{i:08d} {line}\\n")
out.write("last line without newline")
out.flush()
open(os.path.join(os.environ["SM_MODEL_DIR"], "done"), "w").close()
'''


def _spec_with_script(tmp_path, job_name, image, script, **changes):
    spec = training_spec(str(tmp_path), job_name, image)
    with open(os.path.join(spec.code_dir, "train.py"), "w") as handle:
        handle.write(script)
    return attrs.evolve(spec, **changes)


def test_compose_file_holds_no_secret_and_the_container_sees_the_values(
        tmp_path, job_name, standin_image, docker_client):
    secrets = {"AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI-secret-value", "MY_TOKEN": "tok$en with spaces",
               "PYTHONHASHSEED": "7"}
    spec = _spec_with_script(tmp_path, job_name, standin_image, SECRET_SCRIPT, environment=secrets)
    written = []
    from sagemaker_estimators.local.compose import compose_file

    real_write = compose_file.write_compose_file

    def spy(content, path):
        result = real_write(content, path)
        written.append(open(path).read())
        return result

    compose_file.write_compose_file, original = spy, compose_file.write_compose_file
    try:
        result = ComposeRuntime(pull=False).train(spec)
    finally:
        compose_file.write_compose_file = original
    import tarfile

    with tarfile.open(result.model_artifacts) as archive:
        seen = archive.extractfile("seen.txt").read().decode()
    assert seen == "wJalrXUtnFEMI-secret-value|tok$en with spaces|7"
    assert written and all(secrets[name] not in text for text in written for name in ("AWS_SECRET_ACCESS_KEY", "MY_TOKEN"))
    assert leftovers(docker_client, job_name) == []


def test_every_byte_of_a_loud_container_arrives_in_order(tmp_path, job_name, standin_image, docker_client, capfd):
    lines = 120_000  # ~12 MB of log text
    spec = _spec_with_script(tmp_path, job_name, standin_image, LOUD_SCRIPT.replace("LINES", str(lines)))
    start = time.perf_counter()
    ComposeRuntime(pull=False).train(spec)
    elapsed = time.perf_counter() - start
    out = capfd.readouterr().out
    prefix = "algo-1 | "
    assert prefix + "progress 0%\r" + prefix + "progress 25%\r" in out  # \r redraws pass through
    pattern = re.compile(r"^algo-1 \| (\d{8}) x{90}$")
    body = [match.group(1) for match in map(pattern.match, out.split("\n")) if match]
    assert len(body) == lines
    assert all(int(number) == index for index, number in enumerate(body))  # none lost, none reordered
    assert f"{lines - 1:08d} {'x' * 90}\n" + prefix + "last line without newline" in out
    print(f"{len(out) / elapsed / 1e6:.1f} MB/s of log text end to end (fit included)")
    assert leftovers(docker_client, job_name) == []
