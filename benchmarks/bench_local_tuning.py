"""Local tuning: overhead per trial beyond the trial's own run, beside a plain local_process fit.

    python benchmarks/bench_local_tuning.py [--trials N] [--repeat R]

A ``HyperparameterTuner`` with ``instance_type="local_process"`` runs N trials one
at a time (``max_parallel_jobs=1``, Random search); each trial's script stamps
its start and end into its log.  Overhead per trial = (tuner.fit() wall time -
the scripts' own run time) / N.  The baseline is the same script run by a plain
``estimator.fit()`` (its wall time minus the script's own time): what is left
above it is what tuning itself costs (search, log reading, bookkeeping).  V2
has no local tuning, so there is no V2 figure.  Each run is a fresh interpreter;
medians are printed.  No AWS, no network, no Docker.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

TRAIN = textwrap.dedent("""
    import argparse, time
    start = time.time()
    parser = argparse.ArgumentParser()
    parser.add_argument("--lr", type=float, default=0.1)
    args, _ = parser.parse_known_args()
    time.sleep(0.2)
    print(f"score={1 - abs(args.lr - 0.1):.4f}", flush=True)
    print("TIMING", start, time.time(), flush=True)
""")

RUN = """
import json, os, sys, time
import sagemaker_estimators._startup
from sagemaker.estimator import Estimator
from sagemaker.local import LocalSession
from sagemaker.tuner import ContinuousParameter, HyperparameterTuner
work, mode, trials = sys.argv[1], sys.argv[2], int(sys.argv[3])
session = LocalSession()
session.config = {"local": {"local_code": True, "container_root": os.path.join(work, "root")}}
est = Estimator(image_uri="my-algo:1", entry_point="train.py", source_dir=os.path.join(work, "src"),
                instance_type="local_process", instance_count=1, role="arn:aws:iam::111111111111:role/R",
                output_path="file://" + os.path.join(work, "out"), sagemaker_session=session)
start = time.time()
if mode == "fit":
    est.fit(logs=False)
else:
    tuner = HyperparameterTuner(est, "score", {"lr": ContinuousParameter(0.01, 0.5)}, strategy="Random",
                                metric_definitions=[{"Name": "score", "Regex": "score=([0-9.]+)"}],
                                max_jobs=trials, max_parallel_jobs=1)
    tuner.fit()
print("BENCH_WALL", time.time() - start)
"""


def run_once(mode: str, trials: int) -> dict:
    work = tempfile.mkdtemp(prefix="bench-local-tuning-")
    try:
        for folder in ("src", "root"):
            os.makedirs(os.path.join(work, folder))
        with open(os.path.join(work, "src", "train.py"), "w") as handle:
            handle.write(TRAIN)
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env["PYTHONPATH"] = REPO
        result = subprocess.run([sys.executable, "-c", RUN, work, mode, str(trials)], capture_output=True,
                                text=True, env=env)
        wall, scripts = None, []
        for line in result.stdout.splitlines():
            if line.startswith("BENCH_WALL "):
                wall = float(line.split()[1])
            elif "TIMING " in line:
                start, end = (float(x) for x in line.split("TIMING ", 1)[1].split())
                scripts.append(end - start)
        if wall is None:
            raise RuntimeError(f"benchmark run failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
        return {"wall": wall, "scripts": sum(scripts), "count": len(scripts)}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    fits = [run_once("fit", 1) for _ in range(args.repeat)]
    tunes = [run_once("tune", args.trials) for _ in range(args.repeat)]
    assert all(t["count"] == args.trials for t in tunes), tunes
    fit_overhead = statistics.median(r["wall"] - r["scripts"] for r in fits)
    per_trial = statistics.median((r["wall"] - r["scripts"]) / args.trials for r in tunes)
    print(f"local tuning, local_process, {args.trials} trials one at a time, median of {args.repeat} runs")
    print(f"tuner.fit() wall time:                       {statistics.median(r['wall'] for r in tunes):.3f} s")
    print(f"overhead per trial (wall - scripts) / trials: {per_trial:.3f} s")
    print(f"plain fit() overhead (baseline, per job):     {fit_overhead:.3f} s")
    print(f"tuning's own cost per trial above a fit:      {per_trial - fit_overhead:.3f} s")
    print("V2: no local tuning")


if __name__ == "__main__":
    main()
