"""Issue 16 items 8 and 15: local_process output is pumped in bounded pieces with ``\\r`` progress
passed through, and a multi-host job shares one copy of the code."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from sagemaker_estimators.local.process.process_runtime import ProcessRuntime
from tests.local.test_process_runtime import make_spec

PUMP = textwrap.dedent("""
    import io, json, resource, sys
    from sagemaker_estimators.local.process.process_runtime import _Sink, _start
    child = sys.argv[1]
    out = open(sys.argv[2], "w", encoding="utf-8", newline="")
    sink = _Sink(out)
    host = _start("algo-1", "algo-1  | ", [sys.executable, "-c", child], ".", dict(PYTHONUNBUFFERED="1"), sink)
    host.process.wait()
    host.reader.join()
    out.close()
    print(json.dumps({"maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                      "tail_chars": sum(len(line) for line in host.tail)}))
""")


def _pump(tmp_path, child: str):
    target = tmp_path / "out.txt"
    baseline = subprocess.run([sys.executable, "-c", "import json, resource, sagemaker_estimators.local.process.process_runtime;"
                               "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"],
                              capture_output=True, text=True, check=True, cwd=os.getcwd())
    result = subprocess.run([sys.executable, "-c", PUMP, child, str(target)], capture_output=True, text=True,
                            check=True, timeout=300)
    stats = json.loads(result.stdout.strip().splitlines()[-1])
    stats["growth_mb"] = (stats["maxrss_kb"] - int(baseline.stdout)) / 1024
    return target.read_bytes().decode("utf-8"), stats


def test_output_without_newlines_is_bounded_and_complete(tmp_path):
    child = "import sys\nfor i in range(600):\n    sys.stdout.write(str(i % 10) * 100000)\nsys.stdout.flush()"
    text, stats = _pump(tmp_path, child)
    assert text.startswith("algo-1  | ") and text.endswith("\n")
    body = text[len("algo-1  | "):-1]
    assert body == "".join(str(i % 10) * 100000 for i in range(600))  # every byte, in order, prefixed once
    assert stats["growth_mb"] < 40, stats  # 60 MB printed; before: several hundred MB
    assert stats["tail_chars"] < 5 * 1024 * 1024


def test_carriage_return_progress_is_passed_through(tmp_path):
    child = ("import sys, time\nfor p in (10, 50, 100):\n    sys.stdout.write(f'{p}%\\r'); sys.stdout.flush(); "
             "time.sleep(0.05)\nprint()\nprint('done')\nsys.stdout.write('a\\r\\nb\\n')")
    text, _ = _pump(tmp_path, child)
    # "100%\r" then print()'s "\n" is a "\r\n" line end: the line stays on screen
    assert text == ("algo-1  | 10%\ralgo-1  | 50%\ralgo-1  | 100%\n"
                    "algo-1  | done\nalgo-1  | a\nalgo-1  | b\n")


def test_hosts_share_one_copy_of_the_code(tmp_path, monkeypatch):
    files = {
        "train.py": "import os, json\n"
                    "print(json.dumps({'cwd': os.path.realpath(os.getcwd())}))\n",
        "data.bin": "x" * 100,
    }
    spec = make_spec(tmp_path, files, instance_count=3)
    copies = []
    import shutil

    real_copytree = shutil.copytree

    def counting(source, destination, *args, **kwargs):
        if os.path.realpath(source) == os.path.realpath(spec.code_dir):
            copies.append(destination)
        return real_copytree(source, destination, *args, **kwargs)

    monkeypatch.setattr(shutil, "copytree", counting)
    with open(os.devnull, "w") as sink:
        ProcessRuntime(stream=sink).train(spec)
    assert len(copies) == 1, copies  # before: one copy of the code per host
