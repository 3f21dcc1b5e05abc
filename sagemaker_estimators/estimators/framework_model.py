"""What a trained framework estimator hands its model, and what ``attach()`` reads back from its image.

V2's ``Framework.create_model`` helpers (``_model_source_dir``, ``_model_entry_point``) and the
restoring of ``framework_version`` / ``py_version`` from a training job's image.
"""
from __future__ import annotations

from typing import Optional

from sagemaker_estimators.image_uris.parse import framework_name_from_image, framework_version_from_tag


def restore_framework_versions(params: dict, job_details: dict, framework_name: str) -> dict:
    """attach(): read framework_version / py_version back from the job's training image (V2's rules)."""
    image_uri = params.pop("image_uri")
    framework, py_version, tag, _ = framework_name_from_image(image_uri)
    if framework and framework_name == "pytorch":
        framework = framework.split("-")[0]  # pytorch-trcomp images are PyTorch jobs too
    params["framework_version"] = framework_version_from_tag(tag)
    params["py_version"] = py_version
    if not framework:
        params["image_uri"] = image_uri
        return params
    expected = {"sklearn": "scikit-learn"}.get(framework_name, framework_name)
    if framework != expected:
        raise ValueError(
            f"Training job {job_details['TrainingJobName']} didn't use an image of the requested "
            f"framework ({expected}): its image is {image_uri}"
        )
    return params


def model_source_dir(estimator) -> Optional[str]:
    """Where the inference code of ``create_model`` comes from (V2's ``_model_source_dir``)."""
    if estimator.sagemaker_session.local_mode:
        return estimator.source_dir
    if estimator.uploaded_code is not None:
        return estimator.uploaded_code.s3_prefix
    return None


def model_entry_point(estimator) -> Optional[str]:
    """The inference entry point of ``create_model`` (V2's ``_model_entry_point``)."""
    if estimator.sagemaker_session.local_mode or model_source_dir(estimator) is None:
        return estimator.entry_point
    if estimator.uploaded_code is not None:
        return estimator.uploaded_code.script_name
    return None


def framework_create_model(estimator, model_class, model_server_workers=None, role=None,
                           vpc_config_override="VPC_CONFIG_DEFAULT", entry_point=None, source_dir=None,
                           dependencies=None, default_entry_point=True, with_network_isolation=False,
                           **kwargs):
    """Build ``model_class`` from a trained framework estimator the way V2's create_model does."""
    kwargs.setdefault("image_uri", estimator.image_uri)
    kwargs["name"] = estimator._get_or_create_name(kwargs.get("name"))
    if with_network_isolation:
        kwargs.setdefault("enable_network_isolation", estimator.enable_network_isolation())
    if default_entry_point:
        entry_point = entry_point or model_entry_point(estimator)
    return model_class(
        model_data=estimator.model_data,
        role=role or estimator.role,
        entry_point=entry_point,
        source_dir=source_dir or model_source_dir(estimator),
        container_log_level=estimator.container_log_level,
        code_location=estimator.code_location,
        model_server_workers=model_server_workers,
        sagemaker_session=estimator.sagemaker_session,
        vpc_config=estimator.get_vpc_config(vpc_config_override),
        dependencies=dependencies or estimator.dependencies,
        **estimator._model_version_kwargs(),
        **kwargs,
    )
