"""Training specs, user scripts and data for the docker-marked local-mode tests."""
from __future__ import annotations

import json
import os
import tarfile
from typing import Dict, List, Optional

from sagemaker_estimators.local.runtime import ChannelSpec, ServingSpec, TrainingSpec

TRAIN_SCRIPT = '''
import argparse, json, os, socket, sys, time
import joblib, numpy as np
from sklearn.linear_model import LogisticRegression

parser = argparse.ArgumentParser()
parser.add_argument("-C", type=float, default=1.0)
parser.add_argument("--fail-on", default="")
parser.add_argument("--sleep-on", default="")
parser.add_argument("--sleep", type=float, default=0)
args = parser.parse_args()
host = os.environ["SM_CURRENT_HOST"]
hosts = json.loads(os.environ["SM_HOSTS"])
print(f"training on {host} of {hosts} with C={args.C}", flush=True)
if args.fail_on == host:
    raise ValueError(f"boom on {host}")
if args.sleep_on == host:
    time.sleep(args.sleep)
def resolve(name, deadline=time.monotonic() + 60):
    # hosts start together but not at the same instant (as the toolkit does, retry)
    while True:
        try:
            return socket.gethostbyname(name)
        except socket.gaierror:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


peers = {h: resolve(h) for h in hosts}
data = np.loadtxt(os.path.join(os.environ["SM_CHANNEL_TRAIN"], "data.csv"), delimiter=",")
model = LogisticRegression(C=args.C).fit(data[:, 1:], data[:, 0])
joblib.dump(model, os.path.join(os.environ["SM_MODEL_DIR"], "model.joblib"))
with open(os.path.join(os.environ["SM_MODEL_DIR"], f"written-by-{host}.txt"), "w") as handle:
    handle.write(host)
with open(os.path.join(os.environ["SM_OUTPUT_DATA_DIR"], "info.json"), "w") as handle:
    json.dump({"host": host, "peers": sorted(peers), "args": sys.argv[1:]}, handle)
'''

INFERENCE_SCRIPT = '''
import os, time, joblib

def model_fn(model_dir):
    time.sleep(float(os.environ.get("SLOW_LOAD", "0")))
    if os.environ.get("FAIL_TO_LOAD"):
        raise RuntimeError("model_fn refused to load: " + os.environ["FAIL_TO_LOAD"])
    return joblib.load(os.path.join(model_dir, "model.joblib"))
'''

ROWS = "0,1,2\n1,3,4\n0,1,1\n1,5,5\n0,2,1\n1,4,6\n"


def write_code(folder: str) -> str:
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "train.py"), "w") as handle:
        handle.write(TRAIN_SCRIPT)
    with open(os.path.join(folder, "inference.py"), "w") as handle:
        handle.write(INFERENCE_SCRIPT)
    return folder


def write_data(folder: str) -> str:
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "data.csv"), "w") as handle:
        handle.write(ROWS)
    return folder


def training_spec(
    root: str,
    job_name: str,
    image: str,
    instance_count: int = 1,
    extra_hyperparameters: Optional[Dict[str, object]] = None,
    instance_type: str = "local",
) -> TrainingSpec:
    """A script-mode SKLearn job as LocalSession's client would hand it over."""
    hyperparameters = {"C": 0.5, **(extra_hyperparameters or {})}
    encoded = {key: json.dumps(value) for key, value in hyperparameters.items()}
    encoded.update(
        {
            "sagemaker_program": json.dumps("train.py"),
            "sagemaker_submit_directory": json.dumps("/opt/ml/code"),
            "sagemaker_container_log_level": "20",
            "sagemaker_job_name": json.dumps(job_name),
            "sagemaker_region": json.dumps("us-west-2"),
        }
    )
    return TrainingSpec(
        job_name=job_name,
        image_uri=image,
        framework="sklearn",
        instance_type=instance_type,
        instance_count=instance_count,
        hyperparameters=encoded,
        channels=[ChannelSpec("train", write_data(os.path.join(root, "data")), content_type="text/csv")],
        code_dir=write_code(os.path.join(root, "code")),
        environment={},
        work_dir=os.path.join(root, "work"),
        artifacts_dir=os.path.join(root, "artifacts"),
    )


def serving_spec(name: str, image: str, model_dir: str, code_dir: str, environment: Optional[Dict[str, str]] = None,
                 port: Optional[int] = None) -> ServingSpec:
    env = {"SAGEMAKER_PROGRAM": "inference.py", "SAGEMAKER_SUBMIT_DIRECTORY": "/opt/ml/code"}
    env.update(environment or {})
    return ServingSpec(endpoint_name=name, image_uri=image, framework="sklearn", instance_type="local",
                       model_dir=model_dir, environment=env, code_dir=code_dir, port=port)


def tar_names(path: str) -> List[str]:
    with tarfile.open(path) as archive:
        return sorted(archive.getnames())


def tar_member(path: str, name: str) -> bytes:
    with tarfile.open(path) as archive:
        return archive.extractfile(name).read()
