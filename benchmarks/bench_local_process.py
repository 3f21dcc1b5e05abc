"""``instance_type="local_process"``: fit() overhead and deploy-until-first-prediction.

    python benchmarks/bench_local_process.py [--repeat N]

fit overhead = fit() wall time minus the entry point's own run time (the
script stamps its start and end into its output); the goal is under 1 s.
deploy-until-first-prediction = ``estimator.deploy(1, "local_process")`` plus
the first ``predict()``, with the model server loading a scikit-learn model
(goal: under 2 s on a warm machine; V2 has no Docker-free local mode, and its
Docker local deploy sleeps ~35 s - see bench_local_docker.py).  Each run is a
fresh interpreter; medians are printed.  No AWS, no network, no Docker.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

TRAIN = textwrap.dedent("""
    import json, os, time

    if __name__ == "__main__":  # the model server imports this module for inference
        start = time.time()
        import joblib
        from sklearn.linear_model import LogisticRegression
        model = LogisticRegression(max_iter=200).fit([[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 1])
        joblib.dump(model, os.path.join(os.environ["SM_MODEL_DIR"], "model.joblib"))
        with open(os.path.join(os.environ["SM_OUTPUT_DATA_DIR"], "timing.json"), "w") as handle:
            json.dump({"start": start, "end": time.time()}, handle)
""")

RUN = """
import json, os, sys, tarfile, time
import sagemaker_estimators._startup
from sagemaker.local import LocalSession
from sagemaker.sklearn import SKLearn
work = sys.argv[1]
session = LocalSession()
session.config = {"local": {"local_code": True}}
est = SKLearn(entry_point="train.py", source_dir=os.path.join(work, "src"), framework_version="1.2-1",
              instance_type="local_process", role="arn:aws:iam::111111111111:role/R",
              output_path="file://" + os.path.join(work, "out"), sagemaker_session=session)
start = time.time()
est.fit(logs=False)
fit_seconds = time.time() - start
out_tar = est.model_data.replace("model.tar.gz", "output.tar.gz")[len("file://"):]
with tarfile.open(out_tar) as archive:
    timing = json.load(archive.extractfile("data/timing.json"))
start = time.time()
predictor = est.deploy(1, "local_process")
prediction = predictor.predict([[2.5]])
deploy_seconds = time.time() - start
predictor.delete_endpoint()
print("BENCH_RESULT", json.dumps({"fit": fit_seconds, "script": timing["end"] - timing["start"],
                                  "deploy": deploy_seconds}))
"""


def run_once() -> dict:
    work = tempfile.mkdtemp(prefix="bench-local-process-")
    try:
        os.makedirs(os.path.join(work, "src"))
        with open(os.path.join(work, "src", "train.py"), "w") as handle:
            handle.write(TRAIN)
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env["PYTHONPATH"] = REPO
        result = subprocess.run([sys.executable, "-c", RUN, work], capture_output=True, text=True, env=env)
        for line in result.stdout.splitlines():
            if line.startswith("BENCH_RESULT "):
                return json.loads(line[len("BENCH_RESULT "):])
        raise RuntimeError(f"benchmark run failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    runs = [run_once() for _ in range(args.repeat)]
    fit = statistics.median(r["fit"] for r in runs)
    script = statistics.median(r["script"] for r in runs)
    overhead = statistics.median(r["fit"] - r["script"] for r in runs)
    deploy = statistics.median(r["deploy"] for r in runs)
    print(f"local_process, median of {args.repeat} runs")
    print(f"fit() wall time:                    {fit:.3f} s")
    print(f"entry point's own run time:         {script:.3f} s")
    print(f"fit() overhead (wall - script):     {overhead:.3f} s   (goal < 1 s)")
    print(f"deploy until first prediction:      {deploy:.3f} s")


if __name__ == "__main__":
    main()
