"""The environment and command line the ``sagemaker-training`` toolkit gives a training script.

Framework containers (SKLearn, PyTorch, XGBoost script mode, HuggingFace) start
the user's entry point through the toolkit, which reads ``/opt/ml/input/config``
and passes the script ``SM_*`` environment variables and the hyperparameters as
sorted command-line arguments.  The process runtime has no container and no
toolkit, so :func:`toolkit_environment` computes the same values from the same
config files, with every path rooted at the host's layout instead of ``/opt/ml``.

Nothing here imports the toolkit; the behaviour was read off ``sagemaker-training``
5.x and is checked against the real toolkit by the tests.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
from typing import Any, Dict, List, Mapping, Optional, Tuple

import attrs

logger = logging.getLogger(__name__)

SAGEMAKER_PREFIX = "sagemaker_"
#: ``sagemaker_*`` hyperparameters the toolkit consumes itself (not passed on as framework params)
TOOLKIT_HYPERPARAMETERS = (
    "sagemaker_program",
    "sagemaker_submit_directory",
    "sagemaker_enable_cloudwatch_metrics",
    "sagemaker_region",
    "sagemaker_container_log_level",
    "sagemaker_job_name",
    "default_user_module_name",
    "_tuning_objective_metric",
    "sagemaker_s3_output",
)
#: hyperparameters that ask the toolkit for a distributed launcher
DISTRIBUTION_HYPERPARAMETERS = (
    "sagemaker_mpi_enabled",
    "sagemaker_parameter_server_enabled",
    "sagemaker_distributed_dataparallel_enabled",
    "sagemaker_pytorch_ddp_enabled",
    "sagemaker_pytorch_xla_multi_worker_enabled",
    "sagemaker_multi_worker_mirrored_strategy_enabled",
    "sagemaker_torch_distributed_enabled",
)
#: ``SAGEMAKER_TRAINING_MODULE`` of the framework images (what ``SM_FRAMEWORK_MODULE`` shows)
FRAMEWORK_TRAINING_MODULES = {
    "sklearn": "sagemaker_sklearn_container.training:main",
    "pytorch": "sagemaker_pytorch_container.training:main",
    "xgboost": "sagemaker_xgboost_container.training:main",
    "huggingface": "sagemaker_pytorch_container.training:main",
    "tensorflow": "sagemaker_tensorflow_container.training:main",
    "mxnet": "sagemaker_mxnet_container.training:main",
}
DEFAULT_INSTANCE_GROUP = "homogeneousCluster"
DEFAULT_LOG_LEVEL = 20  # logging.INFO


def decode_hyperparameters(hyperparameters: Mapping[str, str]) -> Dict[str, Any]:
    """JSON-decode every value as the toolkit does; a value that is not JSON stays the string it is."""
    decoded: Dict[str, Any] = {}
    for key, value in hyperparameters.items():
        try:
            decoded[key] = json.loads(value)
        except (TypeError, ValueError):
            decoded[key] = value
    return decoded


def split_hyperparameters(decoded: Mapping[str, Any]) -> Tuple[Dict[str, Any], Dict[str, Any]]:
    """(SageMaker's ``sagemaker_*`` and toolkit keys, the user's hyperparameters)."""
    sagemaker: Dict[str, Any] = {}
    user: Dict[str, Any] = {}
    for key, value in decoded.items():
        if key in TOOLKIT_HYPERPARAMETERS or key.startswith(SAGEMAKER_PREFIX):
            sagemaker[key] = value
        else:
            user[key] = value
    return sagemaker, user


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("latin1")
    return str(value)


def to_cmd_args(hyperparameters: Mapping[str, Any]) -> List[str]:
    """Hyperparameters as the toolkit's command line: sorted keys, ``-k`` for one letter, ``--key`` else.

    Values are ``str()`` of the decoded JSON (``False``, ``[128, 64]``), ``None``
    becomes an empty string and a dict becomes ``k1=v1,k2=v2``.
    """
    args: List[str] = []
    for key in sorted(hyperparameters):
        name = _text(key)
        args.append(("--" if len(name) > 1 else "-") + name if name else "")
        value = hyperparameters[key]
        if hasattr(value, "items"):
            args.append(",".join(f"{item_key}={item_value}" for item_key, item_value in sorted(value.items())))
        else:
            args.append(_text(value))
    return args


def to_env_vars(mapping: Mapping[str, Any]) -> Dict[str, str]:
    """``{"model_dir": ...}`` -> ``{"SM_MODEL_DIR": ...}``; non-strings as compact sorted JSON."""
    env: Dict[str, str] = {}
    for key, value in mapping.items():
        name = f"SM_{str(key).upper()}" if key else ""
        if isinstance(value, bytes):
            env[name] = value.decode("latin1")
        elif value is None:
            env[name] = ""
        elif isinstance(value, str):
            env[name] = value
        else:
            env[name] = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return env


def distribution_requested(hyperparameters: Mapping[str, str]) -> List[str]:
    """Names of the distribution hyperparameters that are switched on."""
    decoded = decode_hyperparameters(hyperparameters)
    return [key for key in DISTRIBUTION_HYPERPARAMETERS if decoded.get(key)]


_GPU_COUNT: Optional[int] = None


def count_gpus() -> int:
    """GPUs ``nvidia-smi --list-gpus`` reports (0 without nvidia-smi); computed once per process."""
    global _GPU_COUNT
    if _GPU_COUNT is None:
        count = 0
        executable = shutil.which("nvidia-smi")
        if executable:
            try:
                listing = subprocess.run(
                    [executable, "--list-gpus"], capture_output=True, text=True, timeout=20, check=True
                ).stdout
                count = sum(1 for line in listing.splitlines() if line.startswith("GPU "))
            except (OSError, subprocess.SubprocessError):
                count = 0
        _GPU_COUNT = count
    return _GPU_COUNT


def module_name(entry_point: Optional[str]) -> Optional[str]:
    """The toolkit's module name for an entry point: ``train.py`` -> ``train``."""
    if entry_point and entry_point.endswith(".py"):
        return entry_point[: -len(".py")]
    return entry_point


@attrs.frozen
class ToolkitEnvironment:
    """What the toolkit hands the entry point of one host."""

    #: every variable the toolkit adds to the script's environment (SM_*, CURRENT_HOST, ...)
    env: Dict[str, str]
    #: the command-line arguments after the entry point
    args: List[str]
    #: ``SM_TRAINING_ENV`` decoded
    training_env: Dict[str, Any]
    #: ``sagemaker_program`` (or ``SAGEMAKER_PROGRAM``), None when neither is set
    user_entry_point: Optional[str]
    module_dir: str


def toolkit_environment(
    base_dir: str,
    hyperparameters: Mapping[str, str],
    resource_config: Mapping[str, Any],
    input_data_config: Mapping[str, Any],
    environ: Optional[Mapping[str, str]] = None,
    framework_module: Optional[str] = None,
    num_cpus: Optional[int] = None,
    num_gpus: Optional[int] = None,
) -> ToolkitEnvironment:
    """Compute the toolkit's environment for a host whose ``/opt/ml`` is ``base_dir``.

    ``hyperparameters``, ``resource_config`` and ``input_data_config`` are the
    contents of the host's three config files (hyperparameter values still
    JSON-encoded strings).  ``environ`` is the environment the toolkit itself
    would run in (it reads ``SAGEMAKER_PROGRAM``, ``TRAINING_JOB_NAME``,
    ``SM_HP_MP_PARAMETERS`` and the region from it); ``framework_module`` is the
    image's ``SAGEMAKER_TRAINING_MODULE``.
    """
    environ = dict(os.environ if environ is None else environ)
    base_dir = os.path.abspath(base_dir)
    paths = {
        "code_dir": os.path.join(base_dir, "code"),
        "model_dir": os.path.join(base_dir, "model"),
        "input_dir": os.path.join(base_dir, "input"),
        "input_config_dir": os.path.join(base_dir, "input", "config"),
        "output_dir": os.path.join(base_dir, "output"),
        "output_data_dir": os.path.join(base_dir, "output", "data"),
        "output_intermediate_dir": os.path.join(base_dir, "output", "intermediate"),
    }
    sagemaker_hps, user_hps = split_hyperparameters(decode_hyperparameters(hyperparameters))
    framework_params = {key: value for key, value in sagemaker_hps.items() if key not in TOOLKIT_HYPERPARAMETERS}

    hosts = list(resource_config["hosts"])
    current_host = resource_config["current_host"]
    instance_type = resource_config.get("current_instance_type", "local")
    instance_group = resource_config.get("current_group_name", DEFAULT_INSTANCE_GROUP)
    groups_config = list(resource_config.get("instance_groups", []))
    instance_groups = [group["instance_group_name"] for group in groups_config]
    instance_groups_dict = {group["instance_group_name"]: group for group in groups_config}
    group_hosts: List[str] = next(
        (list(group["hosts"]) for group in groups_config if group["instance_group_name"] == instance_group), []
    )
    if "sagemaker_distribution_instance_groups" in framework_params:
        distribution_groups = framework_params["sagemaker_distribution_instance_groups"]
    else:
        distribution_groups = [instance_group] if any(framework_params.get(key) for key in DISTRIBUTION_HYPERPARAMETERS) else []
    if groups_config:
        distribution_hosts = [
            host for group in groups_config if group["instance_group_name"] in distribution_groups for host in group["hosts"]
        ]
    else:
        distribution_hosts = list(hosts)
    master = distribution_hosts[0] if distribution_hosts else hosts[0]

    entry_point = environ.get("SAGEMAKER_PROGRAM") or sagemaker_hps.get("sagemaker_program")
    module = environ.get("SAGEMAKER_PROGRAM")
    if module is None:
        module = str(sagemaker_hps.get("sagemaker_program"))
    module_dir = str(sagemaker_hps.get("sagemaker_submit_directory", paths["code_dir"]))
    log_level = sagemaker_hps.get("sagemaker_container_log_level", DEFAULT_LOG_LEVEL)
    region = sagemaker_hps.get("sagemaker_region", environ.get("AWS_REGION") or environ.get("AWS_DEFAULT_REGION"))
    mp_parameters = environ.get("SM_HP_MP_PARAMETERS")
    channels = {name: os.path.join(paths["input_dir"], "data", name) for name in input_data_config}
    cpus = num_cpus if num_cpus is not None else (os.cpu_count() or 1)
    gpus = num_gpus if num_gpus is not None else count_gpus()
    cmd_args = to_cmd_args(user_hps)

    # SM_TRAINING_ENV: the toolkit's Environment as a dict of its public properties
    training_env: Dict[str, Any] = {
        "additional_framework_parameters": framework_params,
        "channel_input_dirs": channels,
        "current_host": current_host,
        "current_instance_group": instance_group,
        "current_instance_group_hosts": group_hosts,
        "current_instance_type": instance_type,
        "distribution_hosts": distribution_hosts,
        "distribution_instance_groups": distribution_groups,
        "framework_module": framework_module,
        "hosts": hosts,
        "hyperparameters": user_hps,
        "input_config_dir": paths["input_config_dir"],
        "input_data_config": dict(input_data_config),
        "input_dir": paths["input_dir"],
        "instance_groups": instance_groups,
        "instance_groups_dict": instance_groups_dict,
        "is_hetero": len(instance_groups) > 1,
        "is_master": current_host == master,
        "is_modelparallel_enabled": (mp_parameters and mp_parameters != "{}") if mp_parameters is not None else None,
        "is_smddpmprun_installed": shutil.which("smddpmprun") is not None,
        "is_smddprun_installed": shutil.which("smddprun") is not None,
        "job_name": environ.get("TRAINING_JOB_NAME"),
        "log_level": log_level,
        "master_hostname": master,
        "model_dir": paths["model_dir"],
        "module_dir": module_dir,
        "module_name": module_name(module),
        "network_interface_name": resource_config.get("network_interface_name", "eth0"),
        "num_cpus": cpus,
        "num_gpus": gpus,
        "num_neurons": 0,
        "output_data_dir": paths["output_data_dir"],
        "output_dir": paths["output_dir"],
        "output_intermediate_dir": paths["output_intermediate_dir"],
        "resource_config": dict(resource_config),
        "topology": list(resource_config.get("topology", [])),
        "user_entry_point": entry_point,
    }
    sm_fields: Dict[str, Any] = {
        "hosts": hosts,
        "network_interface_name": training_env["network_interface_name"],
        "hps": user_hps,
        "user_entry_point": entry_point,
        "framework_params": framework_params,
        "resource_config": training_env["resource_config"],
        "input_data_config": training_env["input_data_config"],
        "output_data_dir": paths["output_data_dir"],
        "channels": sorted(channels),
        "current_host": current_host,
        "current_instance_type": instance_type,
        "current_instance_group": instance_group,
        "current_instance_group_hosts": group_hosts,
        "instance_groups": instance_groups,
        "instance_groups_dict": instance_groups_dict,
        "distribution_instance_groups": distribution_groups,
        "is_hetero": training_env["is_hetero"],
        "module_name": training_env["module_name"],
        "log_level": log_level,
        "framework_module": framework_module,
        "input_dir": paths["input_dir"],
        "input_config_dir": paths["input_config_dir"],
        "output_dir": paths["output_dir"],
        "num_cpus": cpus,
        "num_gpus": gpus,
        "num_neurons": 0,
        "model_dir": paths["model_dir"],
        "module_dir": module_dir,
        "training_env": training_env,
        "user_args": cmd_args,
        "output_intermediate_dir": paths["output_intermediate_dir"],
    }
    if training_env["topology"]:
        sm_fields["topology"] = training_env["topology"]
    for name, path in channels.items():
        sm_fields[f"channel_{name}"] = path
    for key, value in user_hps.items():
        sm_fields[f"hp_{key}"] = value

    env = to_env_vars(sm_fields)
    # the toolkit also exports these into its own environment before starting the script
    env["SAGEMAKER_JOB_NAME"] = _text(sagemaker_hps.get("sagemaker_job_name", ""))
    env["CURRENT_HOST"] = current_host
    env["SAGEMAKER_REGION"] = _text(region or "")
    return ToolkitEnvironment(
        env=env, args=cmd_args, training_env=training_env, user_entry_point=entry_point, module_dir=module_dir
    )
