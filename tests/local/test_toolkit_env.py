"""The SM_* environment and command line of toolkit_env, against the real sagemaker-training toolkit."""
from __future__ import annotations

import json
import os

import pytest

from sagemaker_estimators.local.process import toolkit_env
from tests.local.toolkit_helpers import DUMP_SCRIPT, normalise, run_real_toolkit, toolkit_available

needs_toolkit = pytest.mark.skipif(not toolkit_available(), reason="sagemaker-training is not installed (test extra)")

# values JSON-encoded as V2's framework estimators send them
HYPERPARAMETERS = {
    "sagemaker_program": '"dump.py"',
    "sagemaker_submit_directory": '"/opt/ml/code"',
    "sagemaker_container_log_level": "20",
    "sagemaker_job_name": '"job-env-1"',
    "sagemaker_region": '"eu-west-1"',
    "sagemaker_instance_type": '"local_process"',
    "C": "0.5",
    "max-iter": "200",
    "lr": '"0.2"',
    "optimizer": '{"name": "sgd", "momentum": 0.9}',
    "shuffle": "false",
    "seed": "null",
    "layers": "[128, 64, 10]",
    "plain": "not json",
}


def test_cmd_args_sorted_one_letter_keys_and_python_str_of_values():
    decoded = toolkit_env.decode_hyperparameters(
        {"max-iter": "200", "C": "0.5", "flag": "true", "none": "null", "opt": '{"b": 2, "a": "x"}',
         "layers": "[1, 2]", "text": "not json", "quoted": '"0.2"'}
    )
    assert toolkit_env.to_cmd_args(decoded) == [
        "-C", "0.5", "--flag", "True", "--layers", "[1, 2]", "--max-iter", "200",
        "--none", "", "--opt", "a=x,b=2", "--quoted", "0.2", "--text", "not json",
    ]


def test_env_vars_format_non_strings_as_compact_sorted_json():
    env = toolkit_env.to_env_vars({"hps": {"b": 1, "a": [1, 2]}, "model_dir": "/m", "none": None, "flag": False})
    assert env == {"SM_HPS": '{"a":[1,2],"b":1}', "SM_MODEL_DIR": "/m", "SM_NONE": "", "SM_FLAG": "false"}


def test_split_keeps_sagemaker_keys_out_of_user_hyperparameters():
    sagemaker, user = toolkit_env.split_hyperparameters(toolkit_env.decode_hyperparameters(HYPERPARAMETERS))
    assert set(user) == {"C", "max-iter", "lr", "optimizer", "shuffle", "seed", "layers", "plain"}
    assert sagemaker["sagemaker_instance_type"] == "local_process"


def test_distribution_requested_names_the_switched_on_launchers():
    assert toolkit_env.distribution_requested({"sagemaker_mpi_enabled": "true", "sagemaker_torch_distributed_enabled": "false"}) == [
        "sagemaker_mpi_enabled"
    ]
    assert toolkit_env.distribution_requested(HYPERPARAMETERS) == []


def test_framework_module_and_distribution_fields_follow_the_hyperparameters(tmp_path):
    result = toolkit_env.toolkit_environment(
        str(tmp_path),
        {"sagemaker_program": '"train.py"', "sagemaker_pytorch_ddp_enabled": "true"},
        {"current_host": "algo-2", "hosts": ["algo-1", "algo-2"]},
        {},
        environ={},
        framework_module=toolkit_env.FRAMEWORK_TRAINING_MODULES["sklearn"],
        num_cpus=3,
        num_gpus=0,
    )
    assert result.env["SM_FRAMEWORK_MODULE"] == "sagemaker_sklearn_container.training:main"
    assert result.env["SM_DISTRIBUTION_INSTANCE_GROUPS"] == '["homogeneousCluster"]'
    assert result.training_env["is_master"] is False
    assert result.training_env["master_hostname"] == "algo-1"
    assert result.env["SM_NUM_CPUS"] == "3"
    assert result.env["SM_MODULE_NAME"] == "train"
    assert result.env["SM_CHANNELS"] == "[]"


CASES = {
    "two-hosts-channels": dict(
        hyperparameters=HYPERPARAMETERS,
        resource_config={"current_host": "algo-2", "hosts": ["algo-1", "algo-2"],
                         "network_interface_name": "eth0", "current_instance_type": "local"},
        input_data_config={"train": {"TrainingInputMode": "File", "ContentType": "text/csv"},
                           "test": {"TrainingInputMode": "File"}},
        extra_env={"TRAINING_JOB_NAME": "job-env-1", "AWS_REGION": "eu-west-1"},
    ),
    "bare": dict(
        hyperparameters={"sagemaker_program": '"dump.py"', "epochs": "3"},
        resource_config={"current_host": "algo-1", "hosts": ["algo-1"],
                         "network_interface_name": "eth0", "current_instance_type": "local"},
        input_data_config={},
        extra_env={"TRAINING_JOB_NAME": "job-env-2"},
    ),
}


@needs_toolkit
@pytest.mark.parametrize("case", sorted(CASES))
def test_environment_and_args_equal_the_real_toolkit(tmp_path, case):
    """Run the real toolkit on a relocated /opt/ml and compare what the script saw with ours."""
    params = CASES[case]
    base = str(tmp_path / "opt" / "ml")
    hyperparameters = dict(params["hyperparameters"])
    if "sagemaker_submit_directory" in hyperparameters:
        hyperparameters["sagemaker_submit_directory"] = json.dumps(os.path.join(base, "code"))
    run = run_real_toolkit(base, {"dump.py": DUMP_SCRIPT}, hyperparameters, params["resource_config"],
                           params["input_data_config"], params["extra_env"])
    assert run.returncode == 0, run.stdout + run.stderr
    host = params["resource_config"]["current_host"]
    with open(os.path.join(base, "output", "data", f"dump-{host}.json")) as handle:
        seen = json.load(handle)

    environ = dict(os.environ)
    environ.update(params["extra_env"])
    ours = toolkit_env.toolkit_environment(
        base, hyperparameters, params["resource_config"], params["input_data_config"], environ=environ
    )
    added_by_toolkit = {
        key: value for key, value in seen["env"].items()
        if environ.get(key) != value and key not in ("SAGEMAKER_BASE_DIR", "SM_STUDIO_LOCAL_MODE", "PYTHONPATH")
    }
    # every value identical: SM_TRAINING_ENV, SM_HPS, SM_HP_*, SM_CHANNEL_*, CURRENT_HOST, ...
    assert {key: ours.env[key] for key in added_by_toolkit if key in ours.env} == added_by_toolkit
    assert set(added_by_toolkit) <= set(ours.env)
    missing = {key: value for key, value in ours.env.items() if key not in added_by_toolkit}
    assert all(environ.get(key) == value for key, value in missing.items()), missing
    assert seen["argv"] == [ours.user_entry_point] + ours.args
    assert json.loads(seen["env"]["SM_TRAINING_ENV"]) == ours.training_env
    assert normalise(seen["env"]["PYTHONPATH"].split(os.pathsep)[0], {base: "/opt/ml"}) == "/opt/ml/code"


RECORDED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "toolkit_env.json")
with open(RECORDED) as _handle:
    RECORDED_CASES = json.load(_handle)["cases"]


@pytest.mark.parametrize("case", sorted(RECORDED_CASES))
def test_environment_and_args_equal_the_recorded_toolkit(case):
    """The same comparison against a record of the toolkit (tools/record_toolkit_env.py), toolkit or not."""
    given, seen = RECORDED_CASES[case]["input"], RECORDED_CASES[case]["output"]
    ours = toolkit_env.toolkit_environment(
        "/opt/ml", given["hyperparameters"], given["resource_config"], given["input_data_config"],
        environ=given["environ"], num_cpus=int(seen["added_env"]["SM_NUM_CPUS"]), num_gpus=0,
    )
    assert ours.env == seen["added_env"]
    assert [ours.user_entry_point] + ours.args == seen["argv"]
    assert ours.module_dir == seen["cwd"] == seen["pythonpath_head"] == "/opt/ml/code"
