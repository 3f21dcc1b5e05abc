#!/usr/bin/env python3
"""Build the stand-in TensorFlow image for the docker-marked TensorFlow tests (no TensorFlow inside).

It is the stand-in scikit-learn image (``tools/standin_images/build.py``, built
first when missing) plus a few small files, so it adds seconds and a few KB:

* ``sagemaker_tensorflow_container/training.py`` as ``SAGEMAKER_TRAINING_MODULE``:
  the image's ``train`` (the ``sagemaker-training`` toolkit) runs the script with
  the TensorFlow toolkit's contract (``--model_dir``, ``TF_CONFIG``, ``S3_REGION``);
* ``tfs_standin.py`` as ``serve``: a documented stand-in for the SageMaker TF
  Serving container (TF Serving's REST API behind ``/invocations``) that
  evaluates a linear model described by ``standin.json`` instead of a graph.

The image is tagged with the real TensorFlow 2.13 training and inference URIs of
us-west-2 so local mode finds it and never pulls.  Reused when its label matches
the hash of its inputs (the base image id and these files).  Usage::

    python tools/standin_images/tensorflow/build.py          # build if missing or stale
    python tools/standin_images/tensorflow/build.py --force
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from typing import Dict, List, Optional, Tuple

logger = logging.getLogger("standin_images.tensorflow")

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
LOCAL_NAME = "sagemaker-estimators/tensorflow-standin:2.13"
TAGS = [
    LOCAL_NAME,
    "763104351884.dkr.ecr.us-west-2.amazonaws.com/tensorflow-training:2.13-cpu-py310",
    "763104351884.dkr.ecr.us-west-2.amazonaws.com/tensorflow-inference:2.13-cpu",
]
SITE = "/usr/local/lib/python3.11/dist-packages"
#: (source relative to the repo, path in the image)
FILES: List[Tuple[str, str]] = [
    ("tools/standin_images/tensorflow/sagemaker_tensorflow_container/__init__.py",
     f"{SITE}/sagemaker_tensorflow_container/__init__.py"),
    ("tools/standin_images/tensorflow/sagemaker_tensorflow_container/training.py",
     f"{SITE}/sagemaker_tensorflow_container/training.py"),
    ("sagemaker_estimators/local/process/tensorflow_toolkit.py",
     f"{SITE}/sagemaker_estimators/local/process/tensorflow_toolkit.py"),
    ("tools/standin_images/tensorflow/tfs_standin.py", f"{SITE}/tfs_standin.py"),
    ("tools/standin_images/tensorflow/serve", "/usr/local/bin/serve"),
]
ENV = {"SAGEMAKER_TRAINING_MODULE": "sagemaker_tensorflow_container.training:main",
       "SAGEMAKER_ESTIMATORS_FRAMEWORK": "tensorflow"}


def _base_builder():
    spec = importlib.util.spec_from_file_location("standin_build", os.path.join(REPO, "tools", "standin_images",
                                                                                  "build.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _inspect(name: str, template: str) -> Optional[str]:
    result = subprocess.run(["docker", "image", "inspect", "-f", template, name], capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 else None


def input_hash(base_id: str) -> str:
    digest = hashlib.sha256(base_id.encode())
    for source, target in FILES:
        digest.update(target.encode())
        with open(os.path.join(REPO, source), "rb") as handle:
            digest.update(handle.read())
    digest.update(repr(sorted(ENV.items())).encode())
    return digest.hexdigest()[:16]


def build(cache_dir: str, force: bool = False) -> Dict[str, str]:
    base = _base_builder()
    base.build(cache_dir)  # the scikit-learn stand-in (reused when current)
    base_id = _inspect(base.LOCAL_NAME, "{{.Id}}") or ""
    wanted = input_hash(base_id)
    label = base.HASH_LABEL
    if not force and _inspect(LOCAL_NAME, "{{index .Config.Labels \"%s\"}}" % label) == wanted:
        action = "reused"
    else:
        context = tempfile.mkdtemp(prefix="tf-standin-")
        try:
            lines = [f"FROM {base.LOCAL_NAME}"]
            for index, (source, target) in enumerate(FILES):
                shutil.copy2(os.path.join(REPO, source), os.path.join(context, f"f{index}"))
                lines.append(f"COPY f{index} {target}")
            lines.append("RUN chmod 755 /usr/local/bin/serve")
            lines += [f"ENV {key}={value}" for key, value in ENV.items()]
            lines.append(f"LABEL {label}={wanted}")
            with open(os.path.join(context, "Dockerfile"), "w") as handle:
                handle.write("\n".join(lines) + "\n")
            env = dict(os.environ, DOCKER_BUILDKIT="0")  # the plain builder: no buildx needed, FROM a local image
            result = subprocess.run(["docker", "build", "-q", "-t", LOCAL_NAME, context], capture_output=True,
                                    text=True, env=env)
            if result.returncode != 0:
                raise SystemExit(f"docker build failed:\n{result.stdout}\n{result.stderr}")
        finally:
            shutil.rmtree(context, ignore_errors=True)
        action = "built"
    for tag in TAGS[1:]:
        subprocess.run(["docker", "tag", LOCAL_NAME, tag], check=True)
    return {"hash": wanted, "action": action}


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache-dir", default=os.environ.get("SAGEMAKER_ESTIMATORS_CACHE",
                                                              "/var/cache/sagemaker-estimators"))
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="standin-tf: %(message)s")
    result = build(args.cache_dir, force=args.force)
    logger.info("%s (hash %s); tags: %s", result["action"], result["hash"], ", ".join(TAGS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
