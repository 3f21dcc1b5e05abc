"""Stand-in for ``sagemaker_tensorflow_container.training:main`` in the TensorFlow stand-in image.

The image's ``train`` runs the ``sagemaker-training`` toolkit, which imports
``SAGEMAKER_TRAINING_MODULE`` (this module) and calls :func:`main`, as in the real
TensorFlow training images.  It gives the script the real toolkit's contract:
the user hyperparameters as CLI arguments (``--model_dir`` among them), the SM_*
environment, ``S3_REGION``/``TF_CPP_MIN_LOG_LEVEL``/``S3_USE_HTTPS`` and, for
``parameter_server`` on two or more hosts or ``multi_worker_mirrored_strategy``,
``TF_CONFIG`` with the hosts' names and the real ports (computed by
``sagemaker_estimators.local.process.tensorflow_toolkit``, copied into the image).

What it does NOT do (this image has no TensorFlow): start the parameter-server
process beside the script, nor make worker hosts wait for the master to finish.
"""
import logging
import os

from sagemaker_training import entry_point, environment, mapping, runner

from sagemaker_estimators.local.process.tensorflow_toolkit import tensorflow_environment

logger = logging.getLogger(__name__)


def main():
    env = environment.Environment(hyperparameters=environment.read_hyperparameters())
    framework_params = env.additional_framework_parameters
    hosts = list(env.distribution_hosts or env.hosts)
    region = os.environ.get("SAGEMAKER_REGION") or os.environ.get("AWS_REGION")
    extra = tensorflow_environment(framework_params, hosts, env.current_host, region)
    os.environ.update({key: value for key, value in extra.items() if key != "TF_CONFIG"})
    env_vars = env.to_env_vars()
    env_vars.update(extra)
    if "TF_CONFIG" in extra:
        logger.info("TF_CONFIG=%s", extra["TF_CONFIG"])
    runner_type = runner.MPIRunnerType if framework_params.get("sagemaker_mpi_enabled") else runner.ProcessRunnerType
    entry_point.run(uri=env.module_dir, user_entry_point=env.user_entry_point,
                    args=mapping.to_cmd_args(env.hyperparameters), env_vars=env_vars, capture_error=True,
                    runner_type=runner_type)
