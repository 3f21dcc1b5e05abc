"""Packaging + upload of a large source_dir (100 MB in 5,000 files): here vs V2, in one run.

    python benchmarks/bench_source_packaging.py [--megabytes 100] [--files 5000] [--repeat 3]

Both SDKs run the same user code, ``PyTorch(source_dir=BIG).fit(wait=False)``,
against a moto server on 127.0.0.1, so the time is building sourcedir.tar.gz,
uploading it and sending CreateTrainingJob.  Half of every file is random bytes
and half is text, so gzip has realistic work to do.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from benchmarks.bench_foundation import V2_PYTHON, _V2_ENDPOINT_SHIM, _ours_env, _run  # noqa: E402
from tests.moto_server import start_moto_server  # noqa: E402

FIT = """
import json, time, boto3
boto3.client("s3").create_bucket(Bucket="bench-bucket", CreateBucketConfiguration={{"LocationConstraint": "us-west-2"}})
import sagemaker
from sagemaker.pytorch import PyTorch
est = PyTorch(entry_point="train.py", source_dir={source!r}, framework_version="2.1.0", py_version="py310",
              role="arn:aws:iam::123456789012:role/R", instance_count=1, instance_type="ml.g5.xlarge",
              output_path="s3://bench-bucket/out", sagemaker_session=sagemaker.Session(default_bucket="bench-bucket"))
start = time.perf_counter()
est.fit("s3://bench-bucket/data", wait=False)
print("BENCH_RESULT", json.dumps({{"seconds": time.perf_counter() - start}}))
"""


def make_source_dir(root: str, megabytes: int, files: int) -> None:
    size = megabytes * 1024 * 1024 // files
    text = (b"def f(x):\n    return x * 2  # padding text\n" * (size // 40 + 1))[: size // 2]
    for index in range(files):
        folder = os.path.join(root, f"pkg{index % 50}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"m{index}.py"), "wb") as handle:
            handle.write(text + os.urandom(size - len(text)))
    with open(os.path.join(root, "train.py"), "w") as handle:
        handle.write("print('train')\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=100)
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="bench-sourcedir-")
    server = start_moto_server()
    try:
        source = os.path.join(workdir, "src")
        make_source_dir(source, args.megabytes, args.files)
        code = FIT.format(source=source)
        ours, v2 = [], []
        for _ in range(args.repeat):
            server.reset()
            ours.append(_run(sys.executable, "import sagemaker_estimators._startup\n" + code,
                             dict(_ours_env(), **server.environment()))["seconds"])
            if os.path.exists(V2_PYTHON):
                server.reset()
                env = dict(os.environ, SAGEMAKER_SUPPRESS_V2_WARNING="1", **server.environment())
                env.pop("PYTHONPATH", None)
                v2.append(_run(V2_PYTHON, _V2_ENDPOINT_SHIM + code, env)["seconds"])
        print(f"source_dir: {args.megabytes} MB in {args.files} files; median of {args.repeat}")
        print(f"here: {statistics.median(ours):.2f} s")
        if v2:
            print(f"V2:   {statistics.median(v2):.2f} s")
            print(f"V2 / here: {statistics.median(v2) / statistics.median(ours):.2f}x (goal >= 1.0)")
        else:
            print(f"(V2 reference not found at {V2_PYTHON}: run tools/make_v2_reference.sh)")
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
