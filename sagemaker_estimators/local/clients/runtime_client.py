"""``LocalSagemakerRuntimeClient``: InvokeEndpoint against local endpoints, over real HTTP.

Each local endpoint has its own server on 127.0.0.1 (a free port, or
``local.serving_port``); the client finds it by endpoint name, POSTs the body
to ``/invocations`` with SageMaker's headers and returns a boto3-shaped
response.  An error status from the model becomes the ``ModelError``
ClientError boto3 raises for a real endpoint.
"""
from __future__ import annotations

import io
import logging
from typing import Any, Dict, Optional, Tuple
from urllib.parse import urlparse

from botocore.exceptions import ClientError
from botocore.response import StreamingBody

from sagemaker_estimators.local.model_server import serving_process
from sagemaker_estimators.local.entities import REGISTRY
from sagemaker_estimators.required import required

logger = logging.getLogger(__name__)

#: seconds an invocation may take (SageMaker's own limit is 60 s; local models load lazily)
INVOCATION_TIMEOUT = 300.0
#: request header names SageMaker's runtime uses for the optional parameters
HEADERS = {
    "CustomAttributes": "X-Amzn-SageMaker-Custom-Attributes",
    "TargetModel": "X-Amzn-SageMaker-Target-Model",
    "TargetVariant": "X-Amzn-SageMaker-Target-Variant",
    "InferenceId": "X-Amzn-SageMaker-Inference-Id",
}


def serving_port_from(config: Optional[Dict[str, Any]]) -> Optional[int]:
    """``local.serving_port`` of a local-mode config, or None."""
    port = ((config or {}).get("local") or {}).get("serving_port")
    if port is None:
        return None
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
        raise ValueError(f"local.serving_port must be an int between 1 and 65535, got {port!r}")
    return port


def http_request(method: str, url: str, path: str, body: Optional[bytes] = None,
                 headers: Optional[Dict[str, str]] = None, timeout: float = INVOCATION_TIMEOUT,
                 ) -> Tuple[int, bytes, Dict[str, str]]:
    """Send one HTTP request to ``url + path``; return (status, body, lower-cased headers)."""
    parsed = urlparse(url)
    host, port = required(parsed.hostname, f"the host of {url!r}"), required(parsed.port, f"the port of {url!r}")
    status, response_headers, data = serving_process.http_request(host, port, method, path, body, headers, timeout)
    return status, data, response_headers


def post(url: str, path: str, body: bytes, headers: Dict[str, str],
         timeout: float = INVOCATION_TIMEOUT) -> Tuple[int, bytes, Dict[str, str]]:
    """POST ``body`` to ``url + path``; return (status, body, lower-cased headers)."""
    return http_request("POST", url, path, body, headers, timeout)


class LocalSagemakerRuntimeClient:
    """A SageMaker Runtime client that only calls local endpoints (``sagemaker.local``).

    Args:
        config: the local-mode config; ``local.serving_port`` is used to reach an
            endpoint this process did not start (V2 reached every endpoint that way).
    """

    def __init__(self, config: Optional[Dict[str, Any]] = None):
        self._config: Optional[Dict[str, Any]] = None
        self.serving_port: Optional[int] = None
        self.config = config

    @property
    def config(self) -> Optional[Dict[str, Any]]:
        """The local-mode config (setting it re-reads ``local.serving_port``)."""
        return self._config

    @config.setter
    def config(self, value: Optional[Dict[str, Any]]) -> None:
        self._config = value
        self.serving_port = serving_port_from(value)

    def endpoint_url(self, endpoint_name: str) -> str:
        """Base URL of the local endpoint ``endpoint_name``."""
        with REGISTRY.lock:
            endpoint = REGISTRY.endpoints.get(endpoint_name)
            url = endpoint.url if endpoint is not None else None
            status = endpoint.status if endpoint is not None else None
        if url:
            return url
        if endpoint is None and self.serving_port is not None:
            return f"http://127.0.0.1:{self.serving_port}"
        message = (
            f"Endpoint {endpoint_name} is not running (status {status})"
            if endpoint is not None
            else f"Could not find local endpoint {endpoint_name!r}"
        )
        raise ClientError({"Error": {"Code": "ValidationError", "Message": message}}, "InvokeEndpoint")

    def invoke_endpoint(
        self,
        Body: Any,  # noqa: N803 - boto3's parameter names
        EndpointName: str,  # noqa: N803
        ContentType: Optional[str] = None,  # noqa: N803
        Accept: Optional[str] = None,  # noqa: N803
        CustomAttributes: Optional[str] = None,  # noqa: N803
        TargetModel: Optional[str] = None,  # noqa: N803
        TargetVariant: Optional[str] = None,  # noqa: N803
        InferenceId: Optional[str] = None,  # noqa: N803
    ) -> Dict[str, Any]:
        """POST ``Body`` to the endpoint's ``/invocations``; return ``{"Body", "ContentType", ...}``.

        ``Body`` may be bytes, str (sent as UTF-8) or a binary file object.
        """
        if isinstance(Body, str):
            payload = Body.encode("utf-8")
        elif isinstance(Body, (bytes, bytearray, memoryview)):
            payload = bytes(Body)
        elif hasattr(Body, "read"):
            payload = Body.read()
            payload = payload.encode("utf-8") if isinstance(payload, str) else payload
        else:
            raise TypeError(f"Body must be bytes, str or a file object, got {type(Body).__name__}")
        headers: Dict[str, str] = {}
        if ContentType is not None:
            headers["Content-Type"] = ContentType
        if Accept is not None:
            headers["Accept"] = Accept
        for name, value in (("CustomAttributes", CustomAttributes), ("TargetModel", TargetModel),
                            ("TargetVariant", TargetVariant), ("InferenceId", InferenceId)):
            if value is not None:
                headers[HEADERS[name]] = value
        url = self.endpoint_url(EndpointName)
        try:
            status, data, response_headers = post(url, "/invocations", payload, headers, INVOCATION_TIMEOUT)
        except OSError as error:
            message = f"Could not reach local endpoint {EndpointName} at {url}: {error}"
            tail = self._server_log_tail(EndpointName)
            if tail:
                message += f"\n--- last lines of the model server ---\n{tail}"
            raise ClientError({"Error": {"Code": "ModelError", "Message": message}}, "InvokeEndpoint") from error
        if status >= 400:
            raise self._model_error(EndpointName, status, data)
        response: Dict[str, Any] = {
            "Body": StreamingBody(io.BytesIO(data), len(data)),
            "ContentType": response_headers.get("content-type", Accept),
            "InvokedProductionVariant": "AllTraffic",
        }
        custom = response_headers.get(HEADERS["CustomAttributes"].lower())
        if custom is not None:
            response["CustomAttributes"] = custom
        return response

    @staticmethod
    def _server_log_tail(endpoint_name: str, lines: int = 20) -> str:
        with REGISTRY.lock:
            endpoint = REGISTRY.endpoints.get(endpoint_name)
            server = endpoint.server if endpoint is not None else None
        try:
            return server.log_tail(lines) if server is not None else ""
        except Exception:  # noqa: BLE001 - a missing log must not hide the real error
            return ""

    @staticmethod
    def _model_error(endpoint_name: str, status: int, data: bytes) -> ClientError:
        kind = "client" if status < 500 else "server"
        text = data.decode("utf-8", "replace")
        message = f'Received {kind} error ({status}) from primary with message "{text}"'
        if status >= 500:
            tail = LocalSagemakerRuntimeClient._server_log_tail(endpoint_name)
            if tail:
                message += f"\n--- last lines of the model server ---\n{tail}"
        return ClientError(
            {"Error": {"Code": "ModelError", "Message": message},
             "OriginalStatusCode": status, "OriginalMessage": text},
            "InvokeEndpoint",
        )
