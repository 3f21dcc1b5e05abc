#!/usr/bin/env python
"""Image-URI registry speed here vs SDK V2, in one run.

Prints, for a few representative retrieve() calls:

* warm latency: the same call repeated in one process (here: memo hit; also the
  full lookup walk with the memo cleared before each call), V2 beside it;
* cold cost: a fresh interpreter importing the module and making the first call.

V2 runs in a subprocess of its own venv: set ``V2_PYTHON`` (default
``/work/main/.v2ref/bin/python``); it is skipped with a note when absent.
Usage: ``python benchmarks/bench_image_uris.py [--repeat N]``.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
V2_PYTHON = os.environ.get("V2_PYTHON", "/work/main/.v2ref/bin/python")

CASES = {
    "pytorch training gpu": dict(framework="pytorch", region="us-west-2", version="2.1",
                                 py_version="py310", instance_type="ml.g5.xlarge",
                                 image_scope="training"),
    "huggingface training": dict(framework="huggingface", region="us-east-1", version="4.28",
                                 py_version="py310", instance_type="ml.g5.xlarge",
                                 image_scope="training", base_framework_version="pytorch2.0"),
    "xgboost algorithm": dict(framework="xgboost", region="cn-north-1", version="1.7-1"),
    "kmeans algorithm": dict(framework="kmeans", region="us-gov-west-1"),
}

#: run in a fresh interpreter: import, first call, then warm loops; prints JSON
PROBE = textwrap.dedent("""
    import json, logging, os, sys, time
    t0 = time.perf_counter()
    {import_line}
    t1 = time.perf_counter()
    cases = json.loads(sys.argv[1]); repeat = int(sys.argv[2])
    logging.disable(logging.CRITICAL)
    first = next(iter(cases.values()))
    retrieve(**first)
    t2 = time.perf_counter()
    out = {{"import_s": t1 - t0, "first_call_s": t2 - t1, "warm_s": {{}}, "walk_s": {{}}}}
    for name, kwargs in cases.items():
        retrieve(**kwargs)
        start = time.perf_counter()
        for _ in range(repeat):
            retrieve(**kwargs)
        out["warm_s"][name] = (time.perf_counter() - start) / repeat
        {walk}
    print(json.dumps(out))
""")

WALK_HERE = """clear = default_registry().clear_memo
    start = time.perf_counter()
    for _ in range(repeat):
        clear(); retrieve(**kwargs)
    out["walk_s"][name] = (time.perf_counter() - start) / repeat"""


def probe(python: str, import_line: str, repeat: int, walk: str = "pass", env=None) -> dict:
    code = PROBE.format(import_line=import_line, walk=walk)
    result = subprocess.run([python, "-c", code, json.dumps(CASES), str(repeat)],
                            capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def median_of(runs, key, name=None):
    values = [r[key][name] if name else r[key] for r in runs]
    return statistics.median(values)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2000, help="warm calls per case here")
    parser.add_argument("--v2-repeat", type=int, default=20, help="warm calls per case in V2")
    parser.add_argument("--cold-runs", type=int, default=5, help="fresh interpreters each")
    args = parser.parse_args(argv)

    env = dict(os.environ, PYTHONPATH=ROOT)
    here = [probe(sys.executable, "from sagemaker_estimators.image_uris import retrieve, "
                  "default_registry", args.repeat, WALK_HERE, env)
            for _ in range(args.cold_runs)]
    v2 = None
    if os.path.exists(V2_PYTHON):
        v2_env = dict(os.environ, SAGEMAKER_SUPPRESS_V2_WARNING="1")
        v2_env.pop("PYTHONPATH", None)
        v2 = [probe(V2_PYTHON, "from sagemaker.image_uris import retrieve", args.v2_repeat,
                    env=v2_env) for _ in range(max(1, args.cold_runs // 2))]
    else:
        print(f"V2 not found at {V2_PYTHON} (set V2_PYTHON); showing this package only\n")

    print(f"{'warm retrieve()':26} {'here (memo)':>12} {'here (walk)':>12} {'V2':>11} "
          f"{'V2/memo':>9} {'V2/walk':>9}")
    for name in CASES:
        memo = median_of(here, "warm_s", name) * 1e3
        walk = median_of(here, "walk_s", name) * 1e3
        line = f"{name:26} {memo:10.4f}ms {walk:10.4f}ms"
        if v2:
            old = median_of(v2, "warm_s", name) * 1e3
            line += f" {old:9.2f}ms {old / memo:8.0f}x {old / walk:8.0f}x"
        print(line)
    print()
    print(f"{'cold (fresh interpreter)':26} {'here':>12} {'V2':>12} {'V2/here':>9}")
    for key, label in (("import_s", "import"), ("first_call_s", "first retrieve()")):
        mine = median_of(here, key) * 1e3
        line = f"{label:26} {mine:10.2f}ms"
        if v2:
            old = median_of(v2, key) * 1e3
            line += f" {old:10.2f}ms {old / mine:8.1f}x"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
