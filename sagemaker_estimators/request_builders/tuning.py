"""Pure builders of CreateHyperParameterTuningJob requests (no I/O).

The arguments are those of V2's ``Session.create_tuning_job`` (``tuning_config``
and ``training_config`` dicts in V2's snake-case form), so code that calls the
session directly keeps working; the field set and values equal V2's.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from sagemaker_estimators.request_builders.training import set_job_flags
from sagemaker_estimators.request_builders.fields import set_present


def tuning_objective(objective_type: Optional[str], objective_metric_name: Optional[str]) -> Optional[Dict[str, Any]]:
    """``HyperParameterTuningJobObjective`` / ``TuningObjective``, or None when neither part is set."""
    if objective_type is None and objective_metric_name is None:
        return None
    objective: Dict[str, Any] = {}
    set_present(objective, (("Type", objective_type), ("MetricName", objective_metric_name)))
    return objective


def _with_auto_parameters(parameter_ranges: Optional[Dict[str, Any]],
                          auto_parameters: Optional[Dict[str, str]]) -> Optional[Dict[str, Any]]:
    if auto_parameters is None:
        return parameter_ranges
    ranges = dict(parameter_ranges or {})
    ranges["AutoParameters"] = [{"Name": name, "ValueHint": hint} for name, hint in auto_parameters.items()]
    return ranges


def tuning_job_config(
    strategy: str,
    max_jobs: Optional[int],
    max_parallel_jobs: int,
    max_runtime_in_seconds: Optional[int] = None,
    early_stopping_type: str = "Off",
    objective_type: Optional[str] = None,
    objective_metric_name: Optional[str] = None,
    parameter_ranges: Optional[Dict[str, Any]] = None,
    random_seed: Optional[int] = None,
    strategy_config: Optional[Dict[str, Any]] = None,
    completion_criteria_config: Optional[Dict[str, Any]] = None,
    auto_parameters: Optional[Dict[str, str]] = None,
) -> Dict[str, Any]:
    """``HyperParameterTuningJobConfig``."""
    # Grid search may leave MaxNumberOfTrainingJobs out (every combination runs); V2 sends None,
    # which botocore refuses
    limits: Dict[str, Any] = {}
    set_present(limits, (("MaxNumberOfTrainingJobs", max_jobs), ("MaxParallelTrainingJobs", max_parallel_jobs),
                         ("MaxRuntimeInSeconds", max_runtime_in_seconds)))
    config: Dict[str, Any] = {
        "Strategy": strategy,
        "ResourceLimits": limits,
        "TrainingJobEarlyStoppingType": early_stopping_type,
    }
    set_present(config, (
        ("RandomSeed", random_seed),
        ("HyperParameterTuningJobObjective", tuning_objective(objective_type, objective_metric_name)),
        ("ParameterRanges", _with_auto_parameters(parameter_ranges, auto_parameters)),
        ("StrategyConfig", strategy_config),
        ("TuningJobCompletionCriteria", completion_criteria_config),
    ))
    return config


def training_job_definition(
    static_hyperparameters: Optional[Dict[str, str]],
    input_mode: str,
    role: Optional[str],
    output_config: Dict[str, Any],
    stop_condition: Dict[str, Any],
    input_config: Optional[List[Dict[str, Any]]] = None,
    resource_config: Optional[Dict[str, Any]] = None,
    hpo_resource_config: Optional[Dict[str, Any]] = None,
    metric_definitions: Optional[List[Dict[str, str]]] = None,
    image_uri: Optional[str] = None,
    algorithm_arn: Optional[str] = None,
    vpc_config: Optional[Dict[str, Any]] = None,
    enable_network_isolation: bool = False,
    encrypt_inter_container_traffic: bool = False,
    estimator_name: Optional[str] = None,
    objective_type: Optional[str] = None,
    objective_metric_name: Optional[str] = None,
    parameter_ranges: Optional[Dict[str, Any]] = None,
    use_spot_instances: bool = False,
    checkpoint_s3_uri: Optional[str] = None,
    checkpoint_local_path: Optional[str] = None,
    max_retry_attempts: Optional[int] = None,
    environment: Optional[Dict[str, str]] = None,
    auto_parameters: Optional[Dict[str, str]] = None,
) -> Dict[str, Any]:
    """One ``TrainingJobDefinition`` (or an entry of ``TrainingJobDefinitions``)."""
    definition: Dict[str, Any] = {
        "StaticHyperParameters": static_hyperparameters,
        "RoleArn": role,
        "OutputDataConfig": output_config,
        "StoppingCondition": stop_condition,
    }
    if hpo_resource_config is not None:
        definition["HyperParameterTuningResourceConfig"] = hpo_resource_config
    else:
        definition["ResourceConfig"] = resource_config
    algorithm: Dict[str, Any] = {"TrainingInputMode": input_mode}
    set_present(algorithm, (("MetricDefinitions", metric_definitions),))
    if algorithm_arn:
        algorithm["AlgorithmName"] = algorithm_arn
    else:
        algorithm["TrainingImage"] = image_uri
    definition["AlgorithmSpecification"] = algorithm
    set_present(definition, (("InputDataConfig", input_config), ("VpcConfig", vpc_config)))
    set_job_flags(definition, enable_network_isolation, encrypt_inter_container_traffic, use_spot_instances,
                  checkpoint_s3_uri, checkpoint_local_path)
    set_present(definition, (
        ("DefinitionName", estimator_name),
        ("TuningObjective", tuning_objective(objective_type, objective_metric_name)),
        ("HyperParameterRanges", _with_auto_parameters(parameter_ranges, auto_parameters)),
        ("RetryStrategy", None if max_retry_attempts is None else {"MaximumRetryAttempts": max_retry_attempts}),
        ("Environment", environment),
    ))
    return definition


def hpo_resource_config(instance_configs: Optional[List[Dict[str, Any]]], instance_count: Optional[int],
                        instance_type: Optional[str], volume_size: int,
                        volume_kms_key: Optional[str]) -> Dict[str, Any]:
    """``HyperParameterTuningResourceConfig``: the estimator's instances, or the InstanceConfigs override."""
    config: Dict[str, Any] = {}
    set_present(config, (("VolumeKmsKeyId", volume_kms_key),))
    if instance_configs is None:
        config.update(InstanceCount=instance_count, InstanceType=instance_type, VolumeSizeInGB=volume_size)
    else:
        config["InstanceConfigs"] = instance_configs
    return config


def tuning_job_request(
    job_name: str,
    tuning_config: Dict[str, Any],
    training_config: Optional[Dict[str, Any]] = None,
    training_config_list: Optional[List[Dict[str, Any]]] = None,
    warm_start_config: Optional[Dict[str, Any]] = None,
    tags: Optional[List[Dict[str, str]]] = None,
    autotune: bool = False,
) -> Dict[str, Any]:
    """The CreateHyperParameterTuningJob request for V2's ``Session.create_tuning_job`` arguments."""
    if training_config is None and training_config_list is None:
        raise ValueError("Either training_config or training_config_list should be provided.")
    if training_config is not None and training_config_list is not None:
        raise ValueError("Only one of training_config and training_config_list should be provided.")
    request: Dict[str, Any] = {
        "HyperParameterTuningJobName": job_name,
        "HyperParameterTuningJobConfig": tuning_job_config(**tuning_config),
    }
    if autotune:
        request["Autotune"] = {"Mode": "Enabled"}
    if training_config is not None:
        request["TrainingJobDefinition"] = training_job_definition(**training_config)
    elif training_config_list is not None:  # one of the two is given, checked above
        request["TrainingJobDefinitions"] = [training_job_definition(**config) for config in training_config_list]
    set_present(request, (("WarmStartConfig", warm_start_config), ("Tags", tags)))
    return request
