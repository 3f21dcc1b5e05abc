#!/usr/bin/env python
"""Record what the real ``sagemaker-training`` toolkit hands a training script, as a test fixture.

Run it with an interpreter that has ``sagemaker-training`` installed::

    python tools/record_toolkit_env.py [--out tests/local/fixtures/toolkit_env.json]

For each case in ``CASES`` it writes the case's config files under a temporary
``/opt/ml`` stand-in, runs the toolkit's ``train()`` on a script that dumps its
environment and argv, and records the variables the toolkit added (with the
temporary root replaced by ``/opt/ml``), the script's argv and cwd.  The toolkit
starts from a clean environment (``PATH`` plus the case's own variables), so the
record depends on the case alone.  ``tests/local/test_toolkit_env.py`` compares
``toolkit_env`` with the record when the toolkit itself is not installed.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tests.local.toolkit_helpers import DUMP_SCRIPT, normalise, run_real_toolkit  # noqa: E402

# set by this harness, or (LC_CTYPE) by Python's own C-locale coercion in an environment without LANG
HARNESS_VARIABLES = ("SAGEMAKER_BASE_DIR", "SM_STUDIO_LOCAL_MODE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE",
                     "LC_CTYPE")

CASES = {
    "two-hosts-channels-framework-params": {
        "hyperparameters": {
            "sagemaker_program": '"dump.py"', "sagemaker_submit_directory": '"/opt/ml/code"',
            "sagemaker_container_log_level": "20", "sagemaker_job_name": '"job-env-1"',
            "sagemaker_region": '"eu-west-1"', "sagemaker_instance_type": '"local_process"',
            "C": "0.5", "max-iter": "200", "lr": '"0.2"', "optimizer": '{"name": "sgd", "momentum": 0.9}',
            "shuffle": "false", "seed": "null", "layers": "[128, 64, 10]", "plain": "not json",
        },
        "resource_config": {"current_host": "algo-2", "hosts": ["algo-1", "algo-2"],
                            "network_interface_name": "eth0", "current_instance_type": "local"},
        "input_data_config": {"train": {"TrainingInputMode": "File", "ContentType": "text/csv"},
                              "test": {"TrainingInputMode": "File"}},
        "environ": {"TRAINING_JOB_NAME": "job-env-1", "AWS_REGION": "eu-west-1"},
    },
    "one-host-no-channels-no-region": {
        "hyperparameters": {"sagemaker_program": '"dump.py"', "epochs": "3"},
        "resource_config": {"current_host": "algo-1", "hosts": ["algo-1"],
                            "network_interface_name": "eth0", "current_instance_type": "local"},
        "input_data_config": {},
        "environ": {"TRAINING_JOB_NAME": "job-env-2"},
    },
    "program-from-environment-and-model-parallel": {
        "hyperparameters": {"sagemaker_submit_directory": '"/opt/ml/code"', "a": "1"},
        "resource_config": {"current_host": "algo-1", "hosts": ["algo-1"],
                            "network_interface_name": "eth0", "current_instance_type": "local"},
        "input_data_config": {"training": {"TrainingInputMode": "File"}},
        "environ": {"SAGEMAKER_PROGRAM": "dump.py", "SM_HP_MP_PARAMETERS": '{"partitions": 2}'},
    },
}


def record_case(case: dict) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        base = os.path.join(os.path.realpath(scratch), "opt", "ml")
        hyperparameters = dict(case["hyperparameters"])
        if "sagemaker_submit_directory" in hyperparameters:
            hyperparameters["sagemaker_submit_directory"] = json.dumps(os.path.join(base, "code"))
        run = run_real_toolkit(base, {"dump.py": DUMP_SCRIPT}, hyperparameters, case["resource_config"],
                               case["input_data_config"], case["environ"], clean_env=True)
        if run.returncode != 0:
            raise RuntimeError(f"the toolkit failed:\n{run.stdout}\n{run.stderr}")
        with open(os.path.join(base, "output", "data", f"dump-{case['resource_config']['current_host']}.json")) as f:
            seen = json.load(f)
        given = {"PATH": os.environ.get("PATH", ""), **case["environ"]}
        added = {
            key: value for key, value in seen["env"].items()
            if given.get(key) != value and key not in HARNESS_VARIABLES and key != "PYTHONPATH"
        }
        return normalise({"added_env": added, "argv": seen["argv"], "cwd": seen["cwd"],
                          "pythonpath_head": seen["env"]["PYTHONPATH"].split(os.pathsep)[0]}, {base: "/opt/ml"})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "tests", "local", "fixtures", "toolkit_env.json"))
    args = parser.parse_args()
    import sagemaker_training  # noqa: F401 - fail early without the toolkit
    from importlib.metadata import version

    recorded = {"toolkit": f"sagemaker-training {version('sagemaker-training')}", "cases": {}}
    for name, case in CASES.items():
        recorded["cases"][name] = {"input": case, "output": record_case(case)}
    with open(args.out, "w") as handle:
        json.dump(recorded, handle, indent=1, sort_keys=True)
        handle.write("\n")
    print(f"wrote {len(CASES)} cases to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
