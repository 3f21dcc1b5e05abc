"""Models, endpoint configs and endpoints of the local SageMaker client.

Models and endpoint configs are records; CreateEndpoint materialises the model's
``ModelDataUrl`` and code, starts a model server on the runtime the variant's instance
type names and returns once it answers ``/ping``.  UpdateEndpoint starts the new model's
server before it stops the old one.
"""
from __future__ import annotations

import logging
import os
from typing import Any, Dict, List, Optional, Tuple

from sagemaker_estimators.local import data
from sagemaker_estimators.local.clients.base import (
    CONTAINER_CODE_DIR,
    LocalClientBase,
    check_instance_type,
    framework_from_image,
    resource_in_use,
)
from sagemaker_estimators.local.clients.runtime_client import serving_port_from
from sagemaker_estimators.local.entities import (
    REGISTRY,
    LocalEndpoint,
    LocalEndpointConfig,
    LocalModel,
    local_arn,
    not_found,
    now,
    stop_server,
)
from sagemaker_estimators.local.runtime import RunningEndpoint, ServingSpec
from sagemaker_estimators.utils import validate_name

logger = logging.getLogger(__name__)

SUBMIT_DIRECTORY_ENV = "SAGEMAKER_SUBMIT_DIRECTORY"


class Hosting(LocalClientBase):
    """CreateModel / CreateEndpointConfig / CreateEndpoint and their Describe, Update, Delete and List calls."""

    # ------------------------------------------------------------------ models

    def create_model(self, ModelName: str, PrimaryContainer: Optional[Dict[str, Any]] = None,  # noqa: N803
                     *args: Any, **kwargs: Any) -> Dict[str, Any]:
        """Record a model (nothing runs until an endpoint or transform job uses it)."""
        validate_name(ModelName, "ModelName")
        request = dict(kwargs, ModelName=ModelName)
        if PrimaryContainer is not None:
            request["PrimaryContainer"] = PrimaryContainer
        model = LocalModel(ModelName, request, local_arn(self._region(), "model", ModelName))
        model.primary_container  # noqa: B018 - validates Containers now, not at deploy
        with REGISTRY.lock:
            REGISTRY.models[ModelName] = model
            REGISTRY.tags[model.arn] = list(kwargs.get("Tags") or [])
        return {"ModelArn": model.arn}

    def describe_model(self, ModelName: str) -> Dict[str, Any]:  # noqa: N803
        """DescribeModel."""
        return self._model(ModelName, "DescribeModel").describe()

    def _model(self, name: Optional[str], operation: str) -> LocalModel:
        with REGISTRY.lock:
            model = REGISTRY.models.get(name) if name is not None else None
        if model is None:
            raise not_found(operation, "model", name)
        return model

    def delete_model(self, ModelName: str) -> None:  # noqa: N803
        """Forget the model (an unknown name is ignored, as in V2)."""
        with REGISTRY.lock:
            REGISTRY.models.pop(ModelName, None)

    def list_models(self, **kwargs: Any) -> Dict[str, Any]:
        """ListModels (NameContains filter)."""
        with REGISTRY.lock:
            models = list(REGISTRY.models.values())
        return {"Models": [{"ModelName": m.name, "ModelArn": m.arn, "CreationTime": m.creation_time}
                           for m in models if kwargs.get("NameContains", "") in m.name]}

    # ------------------------------------------------------------------ endpoint configs

    def create_endpoint_config(self, EndpointConfigName: str, ProductionVariants: List[Dict[str, Any]],  # noqa: N803
                               Tags: Optional[List[Dict[str, str]]] = None, **kwargs: Any) -> Dict[str, Any]:  # noqa: N803
        """Record an endpoint config."""
        validate_name(EndpointConfigName, "EndpointConfigName")
        request = dict(kwargs, EndpointConfigName=EndpointConfigName, ProductionVariants=ProductionVariants)
        config = LocalEndpointConfig(EndpointConfigName, request,
                                     local_arn(self._region(), "endpoint-config", EndpointConfigName))
        check_instance_type(config.variant.get("InstanceType"), "ProductionVariants[0].InstanceType")
        with REGISTRY.lock:
            REGISTRY.endpoint_configs[EndpointConfigName] = config
            REGISTRY.tags[config.arn] = list(Tags or [])
        return {"EndpointConfigArn": config.arn}

    def describe_endpoint_config(self, EndpointConfigName: str) -> Dict[str, Any]:  # noqa: N803
        """DescribeEndpointConfig."""
        return self._endpoint_config(EndpointConfigName, "DescribeEndpointConfig").describe()

    def _endpoint_config(self, name: str, operation: str) -> LocalEndpointConfig:
        with REGISTRY.lock:
            config = REGISTRY.endpoint_configs.get(name)
        if config is None:
            raise not_found(operation, "endpoint config", name)
        return config

    def delete_endpoint_config(self, EndpointConfigName: str) -> None:  # noqa: N803
        """Forget the endpoint config (an unknown name is ignored, as in V2)."""
        with REGISTRY.lock:
            REGISTRY.endpoint_configs.pop(EndpointConfigName, None)

    def list_endpoint_configs(self, **kwargs: Any) -> Dict[str, Any]:
        """ListEndpointConfigs (NameContains filter)."""
        with REGISTRY.lock:
            configs = list(REGISTRY.endpoint_configs.values())
        return {"EndpointConfigs": [
            {"EndpointConfigName": c.name, "EndpointConfigArn": c.arn, "CreationTime": c.creation_time}
            for c in configs if kwargs.get("NameContains", "") in c.name]}

    # ------------------------------------------------------------------ endpoints

    def _start_server(self, name: str, model: LocalModel, instance_type: str,
                      extra_environment: Optional[Dict[str, str]] = None) -> Tuple[RunningEndpoint, str]:
        """Materialise the model and its code, start serving; return (server, scratch dir)."""
        container = model.primary_container
        image = container.get("Image")
        if not image:
            raise ValueError(f"model {model.name!r}: PrimaryContainer.Image is required in local mode")
        runtime = self.runtime(instance_type)
        scratch = self._scratch(name)
        try:
            model_data = container.get("ModelDataUrl") or container.get("ModelDataSource")
            if model_data:
                model_dir = data.materialize_model(model_data, scratch, self.sagemaker_session)
            else:
                model_dir = os.path.join(scratch, "model")
                os.makedirs(model_dir)
            environment = self._container_credentials(instance_type)
            environment.update(container.get("Environment") or {})
            environment.update(extra_environment or {})
            code_dir = None
            submit = environment.get(SUBMIT_DIRECTORY_ENV)
            if submit:
                code_dir = self.code_dir_from(submit, scratch, [], f"Environment.{SUBMIT_DIRECTORY_ENV}")
                if code_dir is not None:
                    environment[SUBMIT_DIRECTORY_ENV] = CONTAINER_CODE_DIR
            spec = ServingSpec(
                endpoint_name=name,
                image_uri=image,
                framework=framework_from_image(image),
                instance_type=instance_type,
                model_dir=model_dir,
                environment=environment,
                code_dir=code_dir,
                work_dir=os.path.join(scratch, "serve"),
                port=serving_port_from(getattr(self.sagemaker_session, "config", None)),
            )
            os.makedirs(spec.work_dir, exist_ok=True)
            return runtime.serve(spec), scratch
        except BaseException:
            data.remove_dirs([scratch])
            raise

    def create_endpoint(self, EndpointName: str, EndpointConfigName: str,  # noqa: N803
                        Tags: Optional[List[Dict[str, str]]] = None, **kwargs: Any) -> Dict[str, Any]:  # noqa: N803
        """Start the endpoint's model server; return once it answers ``/ping``."""
        validate_name(EndpointName, "EndpointName")
        config = self._endpoint_config(EndpointConfigName, "CreateEndpoint")
        variant = config.variant
        instance_type = check_instance_type(variant.get("InstanceType"), "ProductionVariants[0].InstanceType")
        model = self._model(variant.get("ModelName"), "CreateEndpoint")
        count = variant.get("InitialInstanceCount", 1)
        if isinstance(count, int) and count > 1:
            logger.warning("Local endpoint %s runs one server; InitialInstanceCount=%s is ignored", EndpointName, count)
        with REGISTRY.lock:
            existing = REGISTRY.endpoints.get(EndpointName)
            # an endpoint still starting is in use too: replacing it would orphan its server
            if existing is not None and (existing.server is not None or existing.status == "Creating"):
                raise resource_in_use("CreateEndpoint", "endpoint", EndpointName)
            endpoint = LocalEndpoint(
                EndpointName, EndpointConfigName, local_arn(self._region(), "endpoint", EndpointName),
                tags=list(Tags or []), variant_name=variant.get("VariantName", "AllTraffic"),
                instance_type=instance_type,
            )
            REGISTRY.endpoints[EndpointName] = endpoint
            REGISTRY.tags[endpoint.arn] = list(Tags or [])
        try:
            endpoint.server, endpoint.scratch_dir = self._start_server(EndpointName, model, instance_type)
        except BaseException as error:
            endpoint.status = "Failed"
            endpoint.failure_reason = f"{type(error).__name__}: {error}"
            endpoint.last_modified_time = now()
            raise
        endpoint.status = "InService"
        endpoint.last_modified_time = now()
        logger.info("Local endpoint %s is in service at %s", EndpointName, endpoint.url)
        return {"EndpointArn": endpoint.arn}

    def describe_endpoint(self, EndpointName: str) -> Dict[str, Any]:  # noqa: N803
        """DescribeEndpoint."""
        return self._endpoint(EndpointName, "DescribeEndpoint").describe()

    def _endpoint(self, name: str, operation: str) -> LocalEndpoint:
        with REGISTRY.lock:
            endpoint = REGISTRY.endpoints.get(name)
        if endpoint is None:
            raise not_found(operation, "endpoint", name)
        return endpoint

    def update_endpoint(self, EndpointName: str, EndpointConfigName: str, **kwargs: Any) -> Dict[str, Any]:  # noqa: N803
        """Serve the new config's model; the old server is stopped once the new one answers."""
        endpoint = self._endpoint(EndpointName, "UpdateEndpoint")
        config = self._endpoint_config(EndpointConfigName, "UpdateEndpoint")
        variant = config.variant
        instance_type = check_instance_type(variant.get("InstanceType"), "ProductionVariants[0].InstanceType")
        model = self._model(variant.get("ModelName"), "UpdateEndpoint")
        endpoint.status = "Updating"
        try:
            server, scratch = self._start_server(EndpointName, model, instance_type)
        except BaseException:
            endpoint.status = "InService" if endpoint.server is not None else "Failed"
            raise
        with REGISTRY.lock:
            old = LocalEndpoint(endpoint.name, endpoint.config_name, endpoint.arn,
                                server=endpoint.server, scratch_dir=endpoint.scratch_dir)
            endpoint.server, endpoint.scratch_dir = server, scratch
            endpoint.config_name = EndpointConfigName
            endpoint.instance_type = instance_type
            endpoint.variant_name = variant.get("VariantName", "AllTraffic")
            endpoint.status = "InService"
            endpoint.failure_reason = None
            endpoint.last_modified_time = now()
        stop_server(old)
        return {"EndpointArn": endpoint.arn}

    def delete_endpoint(self, EndpointName: str) -> None:  # noqa: N803
        """Stop the endpoint's server and remove its files (an unknown name is ignored, as in V2)."""
        with REGISTRY.lock:
            endpoint = REGISTRY.endpoints.pop(EndpointName, None)
        if endpoint is not None:
            stop_server(endpoint)
            logger.info("Deleted local endpoint %s", EndpointName)

    def list_endpoints(self, **kwargs: Any) -> Dict[str, Any]:
        """ListEndpoints (NameContains and StatusEquals filters)."""
        with REGISTRY.lock:
            endpoints = list(REGISTRY.endpoints.values())
        return {"Endpoints": [
            {"EndpointName": e.name, "EndpointArn": e.arn, "CreationTime": e.creation_time,
             "LastModifiedTime": e.last_modified_time, "EndpointStatus": e.status}
            for e in endpoints
            if kwargs.get("NameContains", "") in e.name and kwargs.get("StatusEquals", e.status) == e.status]}
