"""Estimator-side hosting: ``deploy()``, ``transformer()`` and the generic ``create_model()``.

``EstimatorBase.deploy/transformer`` and ``Estimator.create_model`` delegate
here.  Everything that can be checked without AWS (a training job exists, the
instance count and type, serializers) is checked before the model is built.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Dict, Optional

from sagemaker_estimators import utils
from sagemaker_estimators.serving.deploy_options import DeployOptions
from sagemaker_estimators.serving.validation import check_transform_resources
from sagemaker_estimators.validation import format_tags
from sagemaker_estimators.validation import VPC_CONFIG_DEFAULT

if TYPE_CHECKING:  # pragma: no cover
    from sagemaker_estimators.estimators.base import EstimatorBase

logger = logging.getLogger(__name__)

_NO_JOB = ("Estimator is not associated with a training job: call fit() (or attach() to a finished job) "
           "before {action}.")


def _is_framework(estimator: "EstimatorBase") -> bool:
    from sagemaker_estimators.estimators.framework import Framework

    return isinstance(estimator, Framework)


def deploy_estimator(estimator: "EstimatorBase", options: DeployOptions, use_compiled_model: bool = False,
                     model_name: Optional[str] = None, **kwargs: Any):
    """Deploy the estimator's latest model to an endpoint (V2's ``EstimatorBase.deploy``).

    ``kwargs`` go to the estimator's ``create_model()``.
    """
    if "update_endpoint" in kwargs:
        raise TypeError("deploy(update_endpoint=...) was removed in SageMaker SDK v2: use "
                        "predictor.update_endpoint() or Model.deploy(update_endpoint=True).")
    if estimator.latest_training_job is None:
        raise ValueError(_NO_JOB.format(action="deploy()"))
    options.check()
    if model_name is not None:
        utils.validate_name(model_name, "model_name")
    if use_compiled_model:
        raise NotImplementedError("use_compiled_model=True needs SageMaker Neo compilation, which "
                                  "sagemaker-estimators does not support: deploy the uncompiled model.")
    default_name = utils.name_from_base(estimator._ensure_base_job_name())
    estimator.deploy_instance_type = options.instance_type
    kwargs["model_kms_key"] = estimator.output_kms_key
    model = estimator.create_model(**kwargs)
    model.name = model_name or default_name
    return model.deploy(**options.as_kwargs(endpoint_name=options.endpoint_name or default_name,
                                            tags=format_tags(options.tags) or estimator.tags))


def estimator_transformer(estimator: "EstimatorBase", instance_count: int, instance_type: str,
                          strategy: Optional[str] = None, assemble_with: Optional[str] = None,
                          output_path: Optional[str] = None, output_kms_key: Optional[str] = None,
                          accept: Optional[str] = None, env: Optional[Dict[str, str]] = None,
                          max_concurrent_transforms: Optional[int] = None, max_payload: Optional[int] = None,
                          tags: Any = None, role: Optional[str] = None, volume_kms_key: Optional[str] = None,
                          vpc_config_override: Any = VPC_CONFIG_DEFAULT, enable_network_isolation: Optional[bool] = None,
                          model_name: Optional[str] = None, model_server_workers: Optional[int] = None,
                          entry_point: Optional[str] = None):
    """A Transformer for the estimator's latest model (V2's ``EstimatorBase/Framework.transformer``).

    The SageMaker model is created now; without a training job only the
    Transformer is returned (with a warning), as V2 does for workflow use.
    """
    from sagemaker_estimators.serving.transformer import Transformer

    framework = _is_framework(estimator)
    if not framework and (model_server_workers is not None or entry_point is not None):
        raise TypeError("model_server_workers and entry_point are only accepted by framework estimators' "
                        "transformer().")
    check_transform_resources(instance_count, instance_type, strategy=strategy, assemble_with=assemble_with,
                              output_path=output_path, env=env, max_concurrent_transforms=max_concurrent_transforms,
                              max_payload=max_payload)
    if model_name is not None:
        utils.validate_name(model_name, "model_name")
    tags = format_tags(tags) or estimator.tags
    model_name = estimator._get_or_create_name(model_name)
    transform_env = env
    if estimator.latest_training_job is None:
        logger.warning("No finished training job found associated with this estimator. Please make sure "
                       "this estimator is only used for building workflow config")
        if framework:
            transform_env = env or {}
    else:
        if enable_network_isolation is None:
            enable_network_isolation = estimator.enable_network_isolation()
        if framework:
            model = estimator.create_model(
                role=role or estimator.role, model_server_workers=model_server_workers, entry_point=entry_point,
                vpc_config_override=vpc_config_override, model_kms_key=estimator.output_kms_key,
                enable_network_isolation=enable_network_isolation, name=model_name,
            )
        else:
            model = estimator.create_model(vpc_config_override=vpc_config_override,
                                           model_kms_key=estimator.output_kms_key,
                                           enable_network_isolation=enable_network_isolation)
            model.name = model_name
            if role is not None:
                model.role = role
        model._create_sagemaker_model(instance_type, tags=tags)
        if framework:
            transform_env = dict(model.env)
            if env is not None:
                transform_env.update(env)
    return Transformer(
        model_name, instance_count, instance_type, strategy=strategy, assemble_with=assemble_with,
        output_path=output_path, output_kms_key=output_kms_key, accept=accept,
        max_concurrent_transforms=max_concurrent_transforms, max_payload=max_payload, env=transform_env,
        tags=tags, base_transform_job_name=estimator.base_job_name, volume_kms_key=volume_kms_key,
        sagemaker_session=estimator.sagemaker_session,
    )


def generic_create_model(estimator: "EstimatorBase", role: Optional[str] = None, image_uri: Optional[str] = None,
                         predictor_cls: Any = None, vpc_config_override: Any = VPC_CONFIG_DEFAULT, **kwargs: Any):
    """A ``Model`` of the estimator's artifacts and image (V2's ``Estimator.create_model``)."""
    from sagemaker_estimators.serving.model import Model
    from sagemaker_estimators.serving.predictor import Predictor

    for removed in ("serializer", "deserializer", "content_type", "accept"):
        if removed in kwargs:
            raise TypeError(f"create_model() got the removed argument {removed!r}: pass serializer/deserializer "
                            "to deploy() instead.")
    kwargs.setdefault("enable_network_isolation", estimator.enable_network_isolation())
    return Model(
        image_uri or estimator.training_image_uri(), estimator.model_data, role or estimator.role,
        vpc_config=estimator.get_vpc_config(vpc_config_override), sagemaker_session=estimator.sagemaker_session,
        predictor_cls=predictor_cls or Predictor, **kwargs,
    )
