"""What the TensorFlow training container's toolkit adds for a script, beyond ``sagemaker-training``.

The TensorFlow images start scripts through ``sagemaker_tensorflow_container.training``,
which (read off its 20.x source; nothing here imports it):

* sets ``S3_REGION`` (the job's region), ``TF_CPP_MIN_LOG_LEVEL=1`` and ``S3_USE_HTTPS=1``;
* with ``parameter_server`` on more than one host, gives every host a ``TF_CONFIG``
  whose cluster has one ``master`` (the first host, port 2222), the other hosts as
  ``worker`` (port 2222) and every host as ``ps`` (port 2223), and starts a
  parameter server process beside the script;
* with ``multi_worker_mirrored_strategy``, gives every host a ``TF_CONFIG`` listing
  all hosts as ``worker`` on port 8890.

:func:`tensorflow_environment` computes those variables for one host.  A
container reaches its peers by host name; processes on one machine cannot, so
the process runtime passes ``address`` to map each (host, port) to a loopback
address with a port of its own.
"""
from __future__ import annotations

import json
from typing import Any, Callable, Dict, List, Mapping, Optional

PARAMETER_SERVER = "sagemaker_parameter_server_enabled"
MULTI_WORKER_MIRRORED = "sagemaker_multi_worker_mirrored_strategy_enabled"
TRAINING_MODULE = "sagemaker_tensorflow_container.training:main"
PS_WORKER_PORT = 2222
PS_SERVER_PORT = 2223
MWMS_PORT = 8890

Address = Callable[[str, int], str]


def _host_address(host: str, port: int) -> str:
    return f"{host}:{port}"


def parameter_server_tf_config(hosts: List[str], current_host: str, address: Address = _host_address,
                               ps_task: bool = False) -> Dict[str, Any]:
    """TF_CONFIG of a parameter-server cluster: first host master, the rest workers, all hosts ps."""
    if len(hosts) < 2:
        raise ValueError("a parameter-server TF_CONFIG needs two or more hosts")
    workers = hosts[1:]
    cluster = {
        "master": [address(hosts[0], PS_WORKER_PORT)],
        "ps": [address(host, PS_SERVER_PORT) for host in hosts],
        "worker": [address(host, PS_WORKER_PORT) for host in workers],
    }
    if ps_task:
        task = {"index": hosts.index(current_host), "type": "ps"}
    elif current_host == hosts[0]:
        task = {"index": 0, "type": "master"}
    else:
        task = {"index": workers.index(current_host), "type": "worker"}
    return {"cluster": cluster, "environment": "cloud", "task": task}


def mirrored_strategy_tf_config(hosts: List[str], current_host: str,
                                address: Address = _host_address) -> Dict[str, Any]:
    """TF_CONFIG for MultiWorkerMirroredStrategy: every host a worker."""
    return {
        "cluster": {"worker": [address(host, MWMS_PORT) for host in hosts]},
        "environment": "cloud",
        "task": {"index": hosts.index(current_host), "type": "worker"},
    }


def tensorflow_environment(framework_params: Mapping[str, Any], hosts: List[str], current_host: str,
                           region: Optional[str], address: Address = _host_address) -> Dict[str, str]:
    """The variables the TensorFlow toolkit adds to the script's environment on ``current_host``.

    ``framework_params`` are the decoded ``sagemaker_*`` hyperparameters.
    """
    env = {"S3_REGION": region or "", "TF_CPP_MIN_LOG_LEVEL": "1", "S3_USE_HTTPS": "1"}
    if framework_params.get(PARAMETER_SERVER) and len(hosts) > 1:
        env["TF_CONFIG"] = json.dumps(parameter_server_tf_config(hosts, current_host, address))
    elif framework_params.get(MULTI_WORKER_MIRRORED):
        env["TF_CONFIG"] = json.dumps(mirrored_strategy_tf_config(hosts, current_host, address))
    return env

