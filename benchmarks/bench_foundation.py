"""Import cost and fit()+wait time: this package vs the V2 reference vs plain boto3, in one run.

    python benchmarks/bench_foundation.py [--repeat N]

V2 runs from the virtualenv named by V2_PYTHON (default .v2ref/bin/python, see
tools/make_v2_reference.sh); it is skipped with a note when absent.  Each
measurement is a fresh subprocess; the median of N runs is printed, with the
ratio to V2 and to ``import boto3``.  fit() runs against a moto server on
127.0.0.1 where the job is already Completed, so it measures the SDK's own
overhead: request building, the first status check and log polling.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import textwrap

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from tests.moto_server import start_moto_server  # noqa: E402

V2_PYTHON = os.environ.get("V2_PYTHON", os.path.join(REPO, ".v2ref", "bin", "python"))

MEASURE_IMPORT = """
import resource, time, json
start = time.perf_counter()
{statement}
elapsed = time.perf_counter() - start
print("BENCH_RESULT", json.dumps({{"seconds": elapsed, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""

BASELINE_RSS = """
import resource, json
print("BENCH_RESULT", json.dumps({"rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

MEASURE_FIT = """
import json, time, boto3
boto3.client("s3").create_bucket(Bucket="bench-bucket", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
import sagemaker
from sagemaker.estimator import Estimator
session = sagemaker.Session(default_bucket="bench-bucket")
est = Estimator(image_uri="123456789012.dkr.ecr.us-west-2.amazonaws.com/algo:1",
                role="arn:aws:iam::123456789012:role/R", instance_count=1, instance_type="ml.m5.large",
                output_path="s3://bench-bucket/out", sagemaker_session=session)
start = time.perf_counter()
est.fit("s3://bench-bucket/data")
print("BENCH_RESULT", json.dumps({"seconds": time.perf_counter() - start}))
"""


def _run(python: str, code: str, env: dict) -> dict:
    result = subprocess.run([python, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=env, cwd="/")
    if result.returncode != 0:
        raise RuntimeError(f"{python} failed:\n{result.stderr[-2000:]}")
    for line in reversed(result.stdout.splitlines()):
        if "BENCH_RESULT " in line:
            return json.loads(line.split("BENCH_RESULT ", 1)[1])
    raise RuntimeError(f"{python} printed no result:\n{result.stdout[-2000:]}")


def _ours_env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = REPO + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _median(python: str, code: str, env: dict, repeat: int, key: str) -> float:
    return statistics.median(_run(python, code, env)[key] for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    have_v2 = os.path.exists(V2_PYTHON)
    ours_import = "import sagemaker_estimators._startup\nfrom sagemaker.estimator import Estimator"
    rows = []
    env = _ours_env()
    base_rss = _median(sys.executable, BASELINE_RSS, env, args.repeat, "rss_mb")
    boto = _run(sys.executable, MEASURE_IMPORT.format(statement="import boto3"), env)
    boto_s = _median(sys.executable, MEASURE_IMPORT.format(statement="import boto3"), env, args.repeat, "seconds")
    ours_s = _median(sys.executable, MEASURE_IMPORT.format(statement=ours_import), env, args.repeat, "seconds")
    ours_rss = _median(sys.executable, MEASURE_IMPORT.format(statement=ours_import), env, args.repeat, "rss_mb")
    rows.append(("import boto3", boto_s, boto["rss_mb"]))
    rows.append(("from sagemaker.estimator import Estimator (here)", ours_s, ours_rss))
    v2_s = v2_rss = None
    if have_v2:
        v2_env = dict(os.environ, SAGEMAKER_SUPPRESS_V2_WARNING="1")
        v2_env.pop("PYTHONPATH", None)
        statement = "from sagemaker.estimator import Estimator"
        v2_s = _median(V2_PYTHON, MEASURE_IMPORT.format(statement=statement), v2_env, args.repeat, "seconds")
        v2_rss = _median(V2_PYTHON, MEASURE_IMPORT.format(statement=statement), v2_env, args.repeat, "rss_mb")
        rows.append(("from sagemaker.estimator import Estimator (V2)", v2_s, v2_rss))
    print(f"interpreter baseline peak RSS: {base_rss:.1f} MB")
    print(f"{'import':52} {'wall ms':>9} {'peak RSS MB':>12}")
    for name, seconds, rss in rows:
        print(f"{name:52} {seconds * 1000:9.1f} {rss:12.1f}")
    print(f"here / boto3 import time: {ours_s / boto_s:.2f}x (target <= 1.5x); "
          f"peak RSS {ours_rss:.1f} MB, {max(ours_rss - base_rss, 0):.1f} MB above a bare interpreter "
          "(target < 50 MB)")
    if v2_s:
        print(f"V2 / here import time: {v2_s / ours_s:.1f}x; V2 / here peak RSS: {v2_rss / ours_rss:.1f}x")

    server = start_moto_server()
    try:
        fit_env = dict(os.environ, **server.environment())
        ours_fit = []
        v2_fit = []
        for _ in range(args.repeat):
            server.reset()
            ours_fit.append(_run(sys.executable, "import sagemaker_estimators._startup\n" + MEASURE_FIT,
                                 dict(_ours_env(), **server.environment()))["seconds"])
            if have_v2:
                server.reset()
                v2_env = dict(fit_env, SAGEMAKER_SUPPRESS_V2_WARNING="1")
                v2_env.pop("PYTHONPATH", None)
                # V2 pins STS to its regional endpoint and sends telemetry: allow both to fail fast
                v2_fit.append(_run(V2_PYTHON, _V2_ENDPOINT_SHIM + MEASURE_FIT, v2_env)["seconds"])
        print(f"\n{'fit()+wait on a completed job':52} {'median s':>9}")
        print(f"{'here':52} {statistics.median(ours_fit):9.3f}   (target < 0.5 s)")
        if v2_fit:
            print(f"{'V2':52} {statistics.median(v2_fit):9.3f}")
            print(f"V2 / here fit()+wait: {statistics.median(v2_fit) / statistics.median(ours_fit):.1f}x")
    finally:
        server.stop()
    if not have_v2:
        print(f"\n(V2 reference not found at {V2_PYTHON}: run tools/make_v2_reference.sh)")


#: V2 passes explicit AWS endpoints to STS; route them to AWS_ENDPOINT_URL like every other client
_V2_ENDPOINT_SHIM = """
import boto3.session
_client = boto3.session.Session.client
def _no_aws_endpoints(self, *args, **kwargs):
    if "amazonaws.com" in str(kwargs.get("endpoint_url") or ""):
        kwargs.pop("endpoint_url")
    return _client(self, *args, **kwargs)
boto3.session.Session.client = _no_aws_endpoints
"""


if __name__ == "__main__":
    main()
