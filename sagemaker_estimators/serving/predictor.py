"""``Predictor`` (``sagemaker.predictor``): invoke, update and delete a SageMaker endpoint.

``Predictor(endpoint_name, sagemaker_session, serializer, deserializer)``
binds to any existing endpoint.  ``predict(data)`` serializes ``data``, calls
InvokeEndpoint with ``ContentType`` from the serializer and ``Accept`` from the
deserializer (``*/*`` for the default BytesDeserializer), and deserializes the
response body.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Optional, Sequence, Union

from sagemaker_estimators import utils
from sagemaker_estimators.request_builders import hosting as req
from sagemaker_estimators.payloads.deserializers import BytesDeserializer
from sagemaker_estimators.payloads.serializers import IdentitySerializer
from sagemaker_estimators.serving.validation import check_deserializer, check_serializer
from sagemaker_estimators.validation import format_tags

if TYPE_CHECKING:
    from sagemaker_estimators.session_like import SessionLike

logger = logging.getLogger(__name__)


def _payload_parts(event_stream: Any) -> Iterator[bytes]:
    """The bytes of each PayloadPart event; an error event raises with its code and message."""
    for event in event_stream:
        if "PayloadPart" in event:
            yield event["PayloadPart"]["Bytes"]
            continue
        for key in ("ModelStreamError", "InternalStreamFailure"):
            if key in event:
                details = event[key]
                raise RuntimeError(f"{key} from the endpoint: {details.get('ErrorCode', '')} "
                                   f"{details.get('Message', '')}".strip())
        logger.warning("Unknown event in the response stream: %s", sorted(event))


def _header(value: Union[str, Sequence[str]]) -> str:
    return value if isinstance(value, str) else ", ".join(value)


class Predictor:
    """Make real-time predictions against a SageMaker endpoint.

    Args:
        endpoint_name: the endpoint to invoke.
        sagemaker_session: session for the calls (default: a new Session).
        serializer: turns ``predict``'s data into the request body (default IdentitySerializer).
        deserializer: turns the response body into a value (default BytesDeserializer).
        component_name: inference component (accepted for V2 compatibility; sent as
            ``InferenceComponentName``).
    """

    #: serializer/deserializer classes used when none is given (framework predictors change them)
    DEFAULT_SERIALIZER: type = IdentitySerializer
    DEFAULT_DESERIALIZER: type = BytesDeserializer

    def __init__(self, endpoint_name: Optional[str] = None, sagemaker_session: Optional[SessionLike] = None,
                 serializer: Any = None, deserializer: Any = None, component_name: Optional[str] = None, **kwargs: Any):
        for removed in ("content_type", "accept"):
            if removed in kwargs:  # V2 warns and ignores them: the (de)serializer sets these headers
                kwargs.pop(removed)
                logger.warning("%s is a no-op in sagemaker>=2: the serializer and deserializer set the "
                               "content type and accept headers.", removed)
        if "endpoint" in kwargs:
            logger.warning("endpoint has been renamed in sagemaker>=2: use endpoint_name.")
            endpoint_name = kwargs.pop("endpoint")
        if kwargs:  # V2's Predictor takes **kwargs and drops them
            from sagemaker_estimators.validation import warn_unknown_kwargs

            warn_unknown_kwargs(type(self).__name__, kwargs,
                                ["endpoint_name", "sagemaker_session", "serializer", "deserializer", "component_name"])
        if not isinstance(endpoint_name, str) or not endpoint_name:
            raise TypeError(f"endpoint_name must be a non-empty str, got {endpoint_name!r}")
        serializer = self.DEFAULT_SERIALIZER() if serializer is None else serializer
        deserializer = self.DEFAULT_DESERIALIZER() if deserializer is None else deserializer
        self.endpoint_name = endpoint_name
        self.component_name = component_name
        if sagemaker_session is None:
            from sagemaker_estimators.session import Session

            sagemaker_session = Session()
        self.sagemaker_session = sagemaker_session
        self.serializer = serializer
        self.deserializer = deserializer
        self._endpoint_config_name: Optional[str] = None
        self._model_names: Optional[List[str]] = None
        self._content_type: Optional[str] = None
        self._accept: Optional[str] = None

    # headers -------------------------------------------------------------------------
    @property
    def content_type(self) -> str:
        """The ``ContentType`` sent (set it to override the serializer's)."""
        return self._content_type or self.serializer.CONTENT_TYPE

    @content_type.setter
    def content_type(self, value: str) -> None:
        self._content_type = value

    @property
    def accept(self) -> Union[str, Sequence[str]]:
        """The ``Accept`` sent (set it to override the deserializer's)."""
        return self._accept or self.deserializer.ACCEPT

    @accept.setter
    def accept(self, value: str) -> None:
        self._accept = value

    @property
    def endpoint(self) -> str:
        """V1 name of ``endpoint_name``."""
        logger.warning("The endpoint attribute has been renamed in sagemaker>=2: use endpoint_name.")
        return self.endpoint_name

    # invocation --------------------------------------------------------------------------
    def _create_request_args(self, data: Any, initial_args: Optional[Dict[str, Any]] = None,
                             target_model: Optional[str] = None, target_variant: Optional[str] = None,
                             inference_id: Optional[str] = None, custom_attributes: Optional[str] = None,
                             target_container_hostname: Optional[str] = None) -> Dict[str, Any]:
        check_serializer("serializer", self.serializer)  # V2 takes any object at construction
        check_deserializer("deserializer", self.deserializer)
        args = dict(initial_args) if initial_args else {}
        args.setdefault("EndpointName", self.endpoint_name)
        if "ContentType" not in args:
            args["ContentType"] = _header(self.content_type)
        if "Accept" not in args:
            args["Accept"] = _header(self.accept)
        for key, value in (("TargetModel", target_model), ("TargetVariant", target_variant),
                           ("InferenceId", inference_id), ("CustomAttributes", custom_attributes)):
            if value:
                args[key] = value
        body = self.serializer.serialize(data)
        if self.component_name:
            args["InferenceComponentName"] = self.component_name
        if target_container_hostname:
            args["TargetContainerHostname"] = target_container_hostname
        args["Body"] = body
        return args

    def predict(self, data: Any, initial_args: Optional[Dict[str, Any]] = None, target_model: Optional[str] = None,
                target_variant: Optional[str] = None, inference_id: Optional[str] = None,
                custom_attributes: Optional[str] = None, component_name: Optional[str] = None) -> Any:
        """Serialize ``data``, invoke the endpoint and return the deserialized response.

        ``initial_args`` are InvokeEndpoint parameters that take precedence
        (e.g. ``{"ContentType": "text/csv"}``).
        """
        if initial_args is not None and not isinstance(initial_args, dict):
            raise TypeError(f"initial_args must be a dict of InvokeEndpoint parameters, got {initial_args!r}")
        args = self._create_request_args(data, initial_args, target_model, target_variant, inference_id,
                                         custom_attributes)
        if component_name:
            args["InferenceComponentName"] = component_name
        response = self.sagemaker_session.sagemaker_runtime_client.invoke_endpoint(**args)
        return self._handle_response(response)

    def predict_stream(self, data: Any, initial_args: Optional[Dict[str, Any]] = None,
                       target_variant: Optional[str] = None, inference_id: Optional[str] = None,
                       custom_attributes: Optional[str] = None, component_name: Optional[str] = None,
                       target_container_hostname: Optional[str] = None, iterator: Any = None) -> Iterator[Any]:
        """InvokeEndpointWithResponseStream: iterate over the response's payload parts (bytes).

        ``iterator`` (a callable taking the event stream) replaces the default byte iterator.
        """
        args = self._create_request_args(data, initial_args, target_variant=target_variant, inference_id=inference_id,
                                         custom_attributes=custom_attributes,
                                         target_container_hostname=target_container_hostname)
        if component_name:
            args["InferenceComponentName"] = component_name
        response = self.sagemaker_session.sagemaker_runtime_client.invoke_endpoint_with_response_stream(**args)
        if iterator is not None:
            return iterator(response["Body"])
        return _payload_parts(response["Body"])

    def _handle_response(self, response: Dict[str, Any]) -> Any:
        return self.deserializer.deserialize(response["Body"], response.get("ContentType", "application/octet-stream"))

    # endpoint management -----------------------------------------------------------------------
    def _get_endpoint_config_name(self) -> str:
        if self._endpoint_config_name is None:
            description = self.sagemaker_session.sagemaker_client.describe_endpoint(EndpointName=self.endpoint_name)
            self._endpoint_config_name = description["EndpointConfigName"]
        return self._endpoint_config_name

    def _get_model_names(self) -> List[str]:
        if self._model_names is None:
            config = self.sagemaker_session.sagemaker_client.describe_endpoint_config(
                EndpointConfigName=self._get_endpoint_config_name())
            self._model_names = [variant["ModelName"] for variant in config["ProductionVariants"]
                                 if "ModelName" in variant]
        return self._model_names

    def update_endpoint(self, initial_instance_count: Optional[int] = None, instance_type: Optional[str] = None,
                        accelerator_type: Optional[str] = None, model_name: Optional[str] = None, tags: Any = None,
                        kms_key: Optional[str] = None, data_capture_config_dict: Optional[Dict[str, Any]] = None,
                        max_instance_count: Optional[int] = None, min_instance_count: Optional[int] = None,
                        wait: bool = True) -> None:
        """Move the endpoint to a new config copied from the current one with the given changes."""
        from sagemaker_estimators.serving.validation import check_deploy_arguments

        check_deploy_arguments(initial_instance_count=initial_instance_count, instance_type=instance_type,
                               require_resources=False)
        variants = None
        if initial_instance_count or instance_type or accelerator_type or model_name:
            if instance_type is None or initial_instance_count is None:
                raise ValueError(
                    "Missing initial_instance_count and/or instance_type. Provided values: "
                    f"initial_instance_count={initial_instance_count}, instance_type={instance_type}, "
                    f"accelerator_type={accelerator_type}, model_name={model_name}."
                )
            if model_name is None:
                names = self._get_model_names()
                if len(names) > 1:
                    raise ValueError("Unable to choose a default model for a new EndpointConfig because the "
                                     f"endpoint has multiple models: {', '.join(names)}")
                model_name = names[0]
            else:
                self._model_names = [model_name]
            scaling = {key: value for key, value in (("MaxInstanceCount", max_instance_count),
                                                     ("MinInstanceCount", min_instance_count)) if value}
            variants = [req.production_variant(model_name, instance_type, initial_instance_count=initial_instance_count,
                                               accelerator_type=accelerator_type,
                                               managed_instance_scaling=scaling or None)]
        current = self._get_endpoint_config_name()
        new_name = utils.name_from_base(current)
        self.sagemaker_session.create_endpoint_config_from_existing(
            current, new_name, new_tags=format_tags(tags), new_kms_key=kms_key,
            new_data_capture_config_dict=data_capture_config_dict, new_production_variants=variants,
        )
        self.sagemaker_session.update_endpoint(self.endpoint_name, new_name, wait=wait)
        self._endpoint_config_name = new_name

    def update_data_capture_config(self, data_capture_config: Any) -> None:
        """Switch the endpoint to a config with ``data_capture_config`` (None removes it)."""
        description = self.sagemaker_session.sagemaker_client.describe_endpoint(EndpointName=self.endpoint_name)
        new_name = utils.name_from_base(self.endpoint_name)
        capture = data_capture_config._to_request_dict() if data_capture_config is not None else None
        self.sagemaker_session.create_endpoint_config_from_existing(
            existing_config_name=description["EndpointConfigName"], new_config_name=new_name,
            new_data_capture_config_dict=capture)
        self.sagemaker_session.update_endpoint(endpoint_name=self.endpoint_name, endpoint_config_name=new_name)

    def enable_data_capture(self) -> None:
        """Turn data capture on (default DataCaptureConfig: 20 % of requests and responses)."""
        from sagemaker_estimators.serving.inference_configs import DataCaptureConfig

        self.update_data_capture_config(DataCaptureConfig(enable_capture=True, sagemaker_session=self.sagemaker_session))

    def disable_data_capture(self) -> None:
        """Turn data capture off."""
        from sagemaker_estimators.serving.inference_configs import DataCaptureConfig

        self.update_data_capture_config(DataCaptureConfig(enable_capture=False,
                                                          sagemaker_session=self.sagemaker_session))

    def delete_endpoint(self, delete_endpoint_config: bool = True) -> None:
        """Delete the endpoint config (unless told not to), then the endpoint, in V2's order."""
        if delete_endpoint_config:
            self.sagemaker_session.delete_endpoint_config(self._get_endpoint_config_name())
        self.sagemaker_session.delete_endpoint(self.endpoint_name)

    def delete_predictor(self, wait: bool = False) -> None:
        """Delete the endpoint (and its config)."""
        self.delete_endpoint()

    def delete_model(self) -> None:
        """Delete every model behind the endpoint; raise naming the ones that could not be deleted."""
        failed = []
        for name in self._get_model_names():
            try:
                self.sagemaker_session.delete_model(name)
            except Exception:  # noqa: BLE001 - V2 collects every failure, then raises once
                logger.debug("Deleting model %s failed", name, exc_info=True)
                failed.append(name)
        if failed:
            raise Exception(  # noqa: TRY002 - V2 raises a bare Exception here
                f"One or more models cannot be deleted, please retry. \nFailed models: {', '.join(failed)}"
            )

    def update_predictor(self, *args: Any, **kwargs: Any) -> None:
        """Not supported: it updates inference components (use update_endpoint for model-based endpoints)."""
        raise NotImplementedError("update_predictor (inference components) is not supported by "
                                  "sagemaker-estimators: use update_endpoint().")

    def list_monitors(self) -> None:
        """Not supported: Model Monitor schedules are outside this package (use SageMaker SDK V3)."""
        raise NotImplementedError("list_monitors (Model Monitor) is not supported by sagemaker-estimators.")

    def endpoint_context(self) -> None:
        """Not supported: lineage contexts are outside this package (use SageMaker SDK V3)."""
        raise NotImplementedError("endpoint_context (ML lineage) is not supported by sagemaker-estimators.")

    def list_related_models(self, *args: Any, **kwargs: Any) -> None:
        """Not supported: lineage queries are outside this package (use SageMaker SDK V3)."""
        raise NotImplementedError("list_related_models (ML lineage) is not supported by sagemaker-estimators.")

    def __repr__(self) -> str:
        return f"{type(self).__name__}(endpoint_name={self.endpoint_name!r})"


#: V2 name of the base class
PredictorBase = Predictor
