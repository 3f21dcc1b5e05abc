"""``DeployOptions``: the ``deploy()`` arguments an estimator, a model and a framework model share.

V2's ``EstimatorBase.deploy``, ``Model.deploy`` and the framework models' ``deploy``
each spell out the same seventeen keyword arguments (their public signatures stay
V2's).  Each layer gathers them into one frozen value with
:meth:`DeployOptions.from_arguments` and hands that down, instead of repeating
every name at every call.
"""
from __future__ import annotations

from typing import Any, Dict, Mapping, Optional

import attrs

from sagemaker_estimators.serving.validation import check_deploy_arguments


@attrs.frozen
class DeployOptions:
    """The shared ``deploy()`` arguments, by their V2 names and defaults."""

    initial_instance_count: Optional[int] = None
    instance_type: Optional[str] = None
    serializer: Any = None
    deserializer: Any = None
    accelerator_type: Optional[str] = None
    endpoint_name: Optional[str] = None
    tags: Any = None
    kms_key: Optional[str] = None
    wait: bool = True
    data_capture_config: Any = None
    async_inference_config: Any = None
    serverless_inference_config: Any = None
    volume_size: Optional[int] = None
    model_data_download_timeout: Optional[int] = None
    container_startup_health_check_timeout: Optional[int] = None
    inference_recommendation_id: Optional[str] = None
    explainer_config: Any = None

    @classmethod
    def from_arguments(cls, arguments: Mapping[str, Any]) -> "DeployOptions":
        """The options among ``arguments`` (a ``deploy()``'s ``locals()``); other names are ignored."""
        return cls(**{field.name: arguments[field.name] for field in attrs.fields(cls) if field.name in arguments})

    def check(self, require_resources: bool = True) -> None:
        """Everything deploy() can check without AWS (TypeError/ValueError naming the argument)."""
        check_deploy_arguments(
            initial_instance_count=self.initial_instance_count, instance_type=self.instance_type,
            serializer=self.serializer, deserializer=self.deserializer, endpoint_name=self.endpoint_name,
            serverless_inference_config=self.serverless_inference_config,
            async_inference_config=self.async_inference_config, data_capture_config=self.data_capture_config,
            explainer_config=self.explainer_config, volume_size=self.volume_size,
            require_resources=require_resources,
        )

    def as_kwargs(self, **changes: Any) -> Dict[str, Any]:
        """Keyword arguments for a ``deploy()`` that takes V2's names, with ``changes`` applied."""
        return attrs.asdict(attrs.evolve(self, **changes), recurse=False)
