#!/usr/bin/env python
"""Local mode in Docker, here vs SDK V2, on the same stand-in SKLearn 1.2-1 image.

Prints, in one run:

* the floor: ``docker run --rm IMAGE python3 -c 'import sklearn'``;
* the container alone: ``docker run --rm IMAGE train`` with a one-host job's mounts, no
  SDK and no Compose - what the training toolkit and the script cost by themselves;
* local ``fit`` wall time (one host, then two) of a script-mode SKLearn estimator with
  ``instance_type="local"``, ``file://`` input and output, local code: here through
  ``sagemaker.local.LocalSession`` and through ``ComposeRuntime.train`` alone, and V2
  (``sagemaker==2.257.7`` in its own venv) through its LocalSession;
* local deploy-until-predict: ``estimator.deploy(1, "local")`` then one ``predict``;
* which Compose front end each SDK runs on this machine, and our one-host fit again with
  the Python docker-compose 1.x when it is installed too.

Each measurement runs in a fresh interpreter and times only the call (imports and
interpreter start-up excluded); the median of ``--repeat`` runs is shown.  V2 gets a
moto server for the AWS calls its local mode still makes; its left-over containers and
``sagemaker-local`` network are removed after each run.  Needs a running Docker engine
and the stand-in image (``bash .ci/docker_setup.sh``).  V2's interpreter: ``V2_PYTHON``
(default ``/work/main/.v2ref/bin/python``), skipped with a note when absent.

Usage: ``python benchmarks/bench_local_docker.py [--repeat N] [--skip-v2-deploy]``.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from typing import Dict, List, Optional

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
V2_PYTHON = os.environ.get("V2_PYTHON", "/work/main/.v2ref/bin/python")
IMAGE = "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3"
ROLE = "arn:aws:iam::111111111111:role/R"
ALONE = "container alone: docker run IMAGE train"

TRAIN_SCRIPT = '''
import argparse, os
import joblib


def model_fn(model_dir):
    return joblib.load(os.path.join(model_dir, "model.joblib"))


if __name__ == "__main__":
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    parser = argparse.ArgumentParser()
    parser.add_argument("-C", type=float, default=1.0)
    args, _ = parser.parse_known_args()
    data = np.loadtxt(os.path.join(os.environ["SM_CHANNEL_TRAIN"], "data.csv"), delimiter=",")
    model = LogisticRegression(C=args.C).fit(data[:, 1:], data[:, 0])
    joblib.dump(model, os.path.join(os.environ["SM_MODEL_DIR"], "model.joblib"))
'''

#: the same user code for both SDKs: argv = root, mode (fit1 | fit2 | deploy)
USER_CODE = textwrap.dedent('''
    import os, sys, time
    root, mode = sys.argv[1], sys.argv[2]
    from sagemaker.local import LocalSession
    from sagemaker.sklearn import SKLearn
    from sagemaker.serializers import CSVSerializer

    session = LocalSession()
    session.config = {"local": {"local_code": True}}
    common = dict(entry_point="train.py", source_dir=os.path.join(root, "code"), instance_type="local",
                  role=ROLE, sagemaker_session=session, hyperparameters={"C": 0.5},
                  output_path="file://" + os.path.join(root, "out"))
    if mode == "fit2":
        # SKLearn refuses instance_count > 1 (V2 too): a PyTorch estimator on the same image
        from sagemaker.pytorch import PyTorch

        estimator = PyTorch(image_uri=IMAGE, instance_count=2, **common)
    else:
        estimator = SKLearn(framework_version="1.2-1", py_version="py3", instance_count=1, **common)
    started = time.perf_counter()
    estimator.fit({"train": "file://" + os.path.join(root, "train")})
    fitted = time.perf_counter()
    if mode != "deploy":
        print("RESULT", fitted - started)
        sys.exit(0)
    predictor = estimator.deploy(1, "local", serializer=CSVSerializer())
    prediction = predictor.predict([[1, 2], [5, 5]])
    print("RESULT", time.perf_counter() - fitted, list(prediction))
    predictor.delete_endpoint()
''').replace("ROLE", repr(ROLE)).replace("IMAGE", repr(IMAGE))

OURS_PRELUDE = f"import sys\nsys.path.insert(0, {ROOT!r})\nimport sagemaker_estimators._startup\n"

RUNTIME_CODE = textwrap.dedent('''
    import json, os, sys, time
    sys.path.insert(0, ROOT)
    from sagemaker_estimators.local.compose.compose_runtime import ComposeRuntime
    from benchmarks.bench_local_docker import _training_spec
    root, mode = sys.argv[1], sys.argv[2]
    work = os.path.join(root, "runtime-" + str(os.getpid()))
    spec = _training_spec(root, work, "bench", instance_count=2 if mode == "fit2" else 1)
    compose = None
    if mode == "fit1-v1":  # the Python docker-compose 1.x, when installed
        from sagemaker_estimators.local.compose.compose_cli import usable_compose_commands
        compose = {c.name: c for c in usable_compose_commands()[0]}.get("docker-compose")
        if compose is None or compose.version.major != 1:
            print("RESULT nan")
            sys.exit(0)
    started = time.perf_counter()
    ComposeRuntime(compose=compose, pull=False).train(spec)
    print("RESULT", time.perf_counter() - started)
''').replace("ROOT", repr(ROOT)).replace("IMAGE", repr(IMAGE))


def _training_spec(root: str, work: str, job_name: str, instance_count: int = 1):
    """The benchmark's SKLearn job as the runtime gets it: hyperparameters as the SDK writes them."""
    from sagemaker_estimators.local.runtime import ChannelSpec, TrainingSpec

    hyperparameters = {"C": "0.5", "sagemaker_program": json.dumps("train.py"),
                       "sagemaker_submit_directory": json.dumps("/opt/ml/code"),
                       "sagemaker_container_log_level": "20", "sagemaker_job_name": json.dumps(job_name),
                       "sagemaker_region": json.dumps("us-west-2")}
    return TrainingSpec(job_name=job_name, image_uri=IMAGE, framework="sklearn", instance_type="local",
                        instance_count=instance_count, hyperparameters=hyperparameters,
                        channels=[ChannelSpec("train", os.path.join(root, "train"))],
                        code_dir=os.path.join(root, "code"), environment={},
                        work_dir=os.path.join(work, "work"), artifacts_dir=os.path.join(work, "out"))


def _prepare(root: str) -> None:
    os.makedirs(os.path.join(root, "code"))
    os.makedirs(os.path.join(root, "train"))
    with open(os.path.join(root, "code", "train.py"), "w") as handle:
        handle.write(TRAIN_SCRIPT)
    with open(os.path.join(root, "train", "data.csv"), "w") as handle:
        handle.write("0,1,2\n1,3,4\n0,1,1\n1,5,5\n0,2,1\n1,4,6\n")


def _quiet_env(extra: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    env = dict(os.environ)
    env.update({"AWS_DEFAULT_REGION": "us-west-2", "SAGEMAKER_SUPPRESS_V2_WARNING": "1"})
    env.update(extra or {})
    return env


def _run(argv: List[str], env: Dict[str, str], cwd: str) -> float:
    result = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=cwd, timeout=600)
    lines = [line for line in result.stdout.splitlines() if line.startswith("RESULT")]
    if result.returncode != 0 or not lines:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise RuntimeError(f"{argv[0]} {argv[1:3]} failed ({result.returncode}):\n{tail}")
    return float(lines[-1].split()[1])


def _floor() -> float:
    started = time.perf_counter()
    subprocess.run(["docker", "run", "--rm", IMAGE, "python3", "-c", "import sklearn"], check=True,
                   capture_output=True)
    return time.perf_counter() - started


def _container_alone(root: str) -> float:
    """``docker run --rm IMAGE train`` with a one-host job's mounts: the container's own cost.

    The same config files, channel, code and hostname the runtimes give ``algo-1``,
    without any SDK, Compose or network around it.
    """
    from sagemaker_estimators.local.compose import compose_file
    from sagemaker_estimators.local.layout import create_job_layout

    work = tempfile.mkdtemp(prefix="alone-", dir=root)
    try:
        spec = _training_spec(root, work, "alone")
        layout = create_job_layout(spec.work_dir, 1, spec.hyperparameters, spec.channels, "local")
        service = compose_file.training_compose(spec, layout)["services"]["algo-1"]
        argv = ["docker", "run", "--rm", "--hostname", service["hostname"]]
        for volume in service["volumes"]:
            argv += ["-v", f"{volume['source']}:{volume['target']}"]
        argv += [IMAGE, *service["command"]]
        started = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        return time.perf_counter() - started
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _compose_front_ends() -> str:
    """Which Compose each SDK runs here (V2 takes `docker compose` only if its version text has "v2")."""
    from sagemaker_estimators.local.compose.compose_cli import compose_command

    ours = compose_command()
    probe = subprocess.run(["docker", "compose", "version"], capture_output=True, text=True)
    v2_choice = "docker compose" if probe.returncode == 0 and "v2" in probe.stdout else "docker-compose"
    return f"compose: here `{ours.name}` {ours.version}; V2 `{v2_choice}`"


def _v2_leftovers(client, before: set) -> None:
    """V2 leaves exited containers and its fixed network behind: remove what it added."""
    for container in client.containers.list(all=True):
        if container.id not in before and "com.docker.compose.project" in container.labels:
            container.remove(force=True)
    for network in client.networks.list(names=["sagemaker-local"]):
        try:
            network.remove()
        except Exception:  # still in use by a container of someone else
            pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-v2-deploy", action="store_true", help="V2's deploy sleeps ~35 s per run")
    args = parser.parse_args()

    import docker

    client = docker.from_env()
    client.images.get(IMAGE)  # fails clearly when the stand-in image is missing
    have_v2 = os.path.exists(V2_PYTHON)
    moto = None
    if have_v2:
        from tests.moto_server import start_moto_server

        moto = start_moto_server()
    root = tempfile.mkdtemp(prefix="bench-local-docker-")
    results: Dict[str, List[float]] = {}
    failures: Dict[str, str] = {}
    try:
        _prepare(root)
        _floor()  # warm the image's files into the page cache once
        ours_code = os.path.join(root, "ours.py")
        with open(ours_code, "w") as handle:
            handle.write(OURS_PRELUDE + USER_CODE)
        v2_code = os.path.join(root, "v2.py")
        with open(v2_code, "w") as handle:
            handle.write(USER_CODE)
        runtime_code = os.path.join(root, "runtime.py")
        with open(runtime_code, "w") as handle:
            handle.write(RUNTIME_CODE)
        front_ends = _compose_front_ends()
        v2_env = _quiet_env(moto.environment() if moto else None)
        for _ in range(args.repeat):
            results.setdefault("floor: docker run python3 -c 'import sklearn'", []).append(_floor())
            results.setdefault(ALONE, []).append(_container_alone(root))
            for mode in ("fit1", "fit2", "deploy"):
                label = {"fit1": "fit, 1 host", "fit2": "fit, 2 hosts", "deploy": "deploy until predict"}[mode]
                results.setdefault(f"{label}: here (LocalSession)", []).append(
                    _run([sys.executable, ours_code, root, mode], _quiet_env(), root))
                if mode != "deploy":
                    results.setdefault(f"{label}: here (ComposeRuntime.train)", []).append(
                        _run([sys.executable, runtime_code, root, mode], _quiet_env(), root))
                if mode == "fit1":
                    value = _run([sys.executable, runtime_code, root, "fit1-v1"], _quiet_env(), root)
                    if not math.isnan(value):  # docker-compose 1.x is installed
                        results.setdefault(f"{label}: here with docker-compose 1.x (ComposeRuntime.train)",
                                           []).append(value)
                if have_v2 and not (mode == "deploy" and args.skip_v2_deploy):
                    before = {container.id for container in client.containers.list(all=True)}
                    try:
                        value = _run([V2_PYTHON, v2_code, root, mode], v2_env, root)
                        results.setdefault(f"{label}: V2", []).append(value)
                    except RuntimeError as error:
                        # V2's local deploy calls STS's regional endpoint itself (ignoring
                        # AWS_ENDPOINT_URL): without a network it cannot run here
                        lines = [line.strip() for line in str(error).splitlines() if "Error" in line]
                        causes = [line for line in lines if "telemetry" not in line] or lines or [str(error)]
                        failures[f"{label}: V2"] = causes[-1][:160]
                    finally:
                        _v2_leftovers(client, before)
    finally:
        shutil.rmtree(root, ignore_errors=True)
        if moto:
            moto.stop()

    medians = {label: statistics.median(values) for label, values in results.items() if values}
    width = max(len(label) for label in medians)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"local mode in Docker, median of {args.repeat} (image {IMAGE}; load average {load:.1f} "
          f"on {os.cpu_count()} CPUs)")
    for label, value in medians.items():
        print(f"  {label:<{width}}  {value:7.2f} s")
    for label, reason in failures.items():
        if label not in medians:
            print(f"  {label:<{width}}  failed: {reason}")
    print(f"  {front_ends}")
    floor = medians["floor: docker run python3 -c 'import sklearn'"]
    alone = medians[ALONE]
    print(f"ratios (the container alone is floor + {alone - floor:4.2f} s: the training toolkit's start and the "
          "script's own work, which no SDK can avoid)")
    for label in ("fit, 1 host", "fit, 2 hosts", "deploy until predict"):
        ours = medians.get(f"{label}: here (LocalSession)")
        v2 = medians.get(f"{label}: V2")
        line = f"  {label:<22} here {ours:5.2f} s"
        if label.startswith("fit"):
            line += f" = floor + {ours - floor:4.2f} s"
        if label == "fit, 1 host":
            line += f" = container alone {ours - alone:+4.2f} s"
            if v2:
                line += f"; V2 {v2:5.2f} s = container alone {v2 - alone:+4.2f} s"
        if v2:
            line += f"; V2/here {v2 / ours:4.1f}x"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
