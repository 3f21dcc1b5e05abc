"""``FrameworkDeploy``: the ``deploy()`` signature V2's TensorFlowModel and HuggingFaceModel share."""
from __future__ import annotations

from typing import Any, Optional


class FrameworkDeploy:
    """Mixin (put before the model class): V2's framework-model ``deploy()`` parameters, in V2's order
    (``update_endpoint`` right after ``explainer_config``), with a hook that runs first.

    Subclasses override :meth:`_before_deploy` for the checks or image choices their framework
    makes before the model's own ``deploy()`` runs.
    """

    def _before_deploy(self, instance_type: Optional[str], accelerator_type: Optional[str]) -> None:
        """What the framework checks or sets before deploying (nothing by default)."""

    def deploy(self, initial_instance_count: Optional[int] = None, instance_type: Optional[str] = None,
               serializer: Any = None, deserializer: Any = None, accelerator_type: Optional[str] = None,
               endpoint_name: Optional[str] = None, tags: Any = None, kms_key: Optional[str] = None,
               wait: bool = True, data_capture_config: Any = None, async_inference_config: Any = None,
               serverless_inference_config: Any = None, volume_size: Optional[int] = None,
               model_data_download_timeout: Optional[int] = None,
               container_startup_health_check_timeout: Optional[int] = None,
               inference_recommendation_id: Optional[str] = None, explainer_config: Any = None,
               update_endpoint: bool = False, **kwargs: Any):
        """Deploy to an endpoint as ``Model.deploy`` does, after the framework's own checks."""
        from sagemaker_estimators.serving.deploy_options import DeployOptions

        self._before_deploy(instance_type, accelerator_type)
        options = DeployOptions.from_arguments(locals())
        return super().deploy(**options.as_kwargs(), update_endpoint=update_endpoint, **kwargs)  # type: ignore[misc]
