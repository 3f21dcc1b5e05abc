"""TF Serving's predict contract for the ``local_process`` model server: a SavedModel, JSON in and out.

The TensorFlow Serving image serves the SavedModel in ``/opt/ml/model`` (either
the model directory itself, ``<version>/`` or ``<model name>/<version>/``; the
highest numeric version wins, ``SAGEMAKER_TFS_DEFAULT_MODEL_NAME`` picks the
model) behind TF Serving's REST API.  Here the SavedModel is loaded with the
host's ``tensorflow`` (an ImportError names the package when it is missing) and
requests take TF Serving's shapes:

* ``{"instances": [...]}`` (row format) or ``{"inputs": ...}`` (columnar), or a
  bare JSON list (taken as instances);
* the answer is ``{"predictions": [...]}`` (row) or ``{"outputs": ...}`` (columnar),
  a single output unwrapped and several outputs as one dict per instance.

The pure helpers (:func:`find_saved_model`, :func:`parse_request`,
:func:`format_response`) import nothing of TensorFlow.
"""
from __future__ import annotations

import json
import os
from typing import Any, Dict, List, Optional, Tuple

from sagemaker_estimators.exceptions import SageMakerEstimatorsError

DEFAULT_MODEL_NAME_ENV = "SAGEMAKER_TFS_DEFAULT_MODEL_NAME"
SAVED_MODEL_FILES = ("saved_model.pb", "saved_model.pbtxt")
SIGNATURE = "serving_default"


class TFServingRequestError(ValueError, SageMakerEstimatorsError):
    """A request body TF Serving would refuse (HTTP 400)."""


def _has_saved_model(path: str) -> bool:
    return any(os.path.isfile(os.path.join(path, name)) for name in SAVED_MODEL_FILES)


def _latest_version(path: str) -> Optional[str]:
    versions = [name for name in os.listdir(path) if name.isdigit() and _has_saved_model(os.path.join(path, name))]
    return os.path.join(path, max(versions, key=int)) if versions else None


def find_saved_model(model_dir: str, model_name: Optional[str] = None) -> str:
    """The SavedModel directory TF Serving would load from ``model_dir``."""
    if _has_saved_model(model_dir):
        return model_dir
    direct = _latest_version(model_dir)
    if direct and not model_name:
        return direct
    names = sorted(name for name in os.listdir(model_dir)
                   if os.path.isdir(os.path.join(model_dir, name)) and name != "code")
    if model_name:
        names = [name for name in names if name == model_name]
    for name in names:
        found = _latest_version(os.path.join(model_dir, name))
        if found:
            return found
    raise FileNotFoundError(
        f"no TensorFlow SavedModel (saved_model.pb under a numeric version folder such as 1/) in {model_dir}"
        + (f" for the model {model_name!r}" if model_name else "")
        + f"; found: {sorted(os.listdir(model_dir))}")


def parse_request(body: Any) -> Tuple[str, Any]:
    """``("instances" | "inputs", payload)`` from a TF Serving predict body (bytes, str or decoded JSON)."""
    if isinstance(body, (bytes, bytearray)):
        body = body.decode("utf-8")
    if isinstance(body, str):
        try:
            body = json.loads(body)
        except ValueError as error:
            raise TFServingRequestError(f"the request body is not JSON: {error}") from None
    if isinstance(body, list):
        return "instances", body
    if isinstance(body, dict):
        keys = [key for key in ("instances", "inputs") if key in body]
        if len(keys) == 1:
            return keys[0], body[keys[0]]
    raise TFServingRequestError('a TF Serving predict request is {"instances": [...]} or {"inputs": ...} '
                                "(exactly one of them), or a JSON list of instances")


def format_response(kind: str, outputs: Dict[str, Any]) -> Dict[str, Any]:
    """TF Serving's answer for ``outputs`` (output name -> nested lists)."""
    if kind == "inputs":
        return {"outputs": next(iter(outputs.values())) if len(outputs) == 1 else outputs}
    if len(outputs) == 1:
        return {"predictions": next(iter(outputs.values()))}
    names = sorted(outputs)
    count = len(outputs[names[0]])
    return {"predictions": [{name: outputs[name][index] for name in names} for index in range(count)]}


def _columns(kind: str, payload: Any, input_names: List[str]) -> Dict[str, Any]:
    """Inputs keyed by name: row instances of dicts become columns; a lone input takes the payload."""
    if kind == "instances" and payload and all(isinstance(row, dict) for row in payload):
        return {name: [row[name] for row in payload] for name in payload[0]}
    if isinstance(payload, dict):
        return dict(payload)
    if len(input_names) != 1:
        raise TFServingRequestError(f"the model has the inputs {input_names}: send one dict per instance")
    return {input_names[0]: payload}


class TensorFlowServingDefaults:
    """Handler defaults of the ``tensorflow`` framework for the local model server."""

    name = "tensorflow"
    default_accept = "application/json"
    supported_accept = ("application/json",)
    text_input = False

    def model_fn(self, model_dir: str) -> Any:
        from sagemaker_estimators.payloads.serializers import import_optional

        path = find_saved_model(model_dir, os.environ.get(DEFAULT_MODEL_NAME_ENV))
        tf = import_optional("tensorflow", "serving a TensorFlow SavedModel with instance_type='local_process'")
        loaded = tf.saved_model.load(path)
        return loaded, loaded.signatures[SIGNATURE]

    def input_fn(self, input_data: Any, content_type: str) -> Any:
        if content_type and content_type.split(";")[0].strip() not in ("application/json", "application/jsonlines"):
            raise TFServingRequestError(f"content type {content_type!r}: TF Serving takes application/json")
        return parse_request(input_data)

    def predict_fn(self, data: Any, model: Any) -> Any:
        import tensorflow as tf

        kind, payload = data
        _, signature = model
        specs = signature.structured_input_signature[1]
        columns = _columns(kind, payload, sorted(specs))
        tensors = {name: tf.constant(value, dtype=specs[name].dtype) for name, value in columns.items()}
        result = signature(**tensors)
        return kind, {name: tensor.numpy().tolist() for name, tensor in result.items()}

    def output_fn(self, prediction: Any, accept: str) -> Tuple[bytes, str]:
        kind, outputs = prediction
        return json.dumps(format_response(kind, outputs)).encode("utf-8"), "application/json"
