"""A STAND-IN for the SageMaker TensorFlow Serving container, for tests only (no TensorFlow inside).

It keeps the container's contract, not its maths:

* a "TF Serving" REST server on 127.0.0.1:8501 with
  ``POST /v1/models/<name>[/versions/<v>]:predict|classify|regress`` and
  ``GET /v1/models/<name>``; the front end on ``SAGEMAKER_BIND_TO_PORT`` (8080)
  with ``GET /ping`` and ``POST /invocations``, which forwards each request to
  the REST API of the model, version and method named in the
  ``X-Amzn-SageMaker-Custom-Attributes`` header (``tfs-model-name=``,
  ``tfs-model-version=``, ``tfs-method=``), as the real container's nginx does;
* models are found like the real container finds them: every
  ``<model>/<version>/saved_model.pb`` under /opt/ml/model (a bare
  ``<version>/saved_model.pb`` is the model ``model``); the default model is
  ``SAGEMAKER_TFS_DEFAULT_MODEL_NAME`` or the first one;
* ``/opt/ml/model/code/inference.py`` with ``handler(data, context)`` or
  ``input_handler``/``output_handler`` runs around the REST call, with the
  real container's ``Context`` fields.

Instead of running a graph, a version folder's ``standin.json``
(``{"weights": [...], "bias": b, "features": [...]}``) defines a linear model:
``predict`` answers ``w.x + b`` per instance, ``regress`` the same per example
(features in the listed order) and ``classify`` ``[["positive", score]]``.
"""
import collections
import importlib.util
import json
import os
import re
import sys
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODEL_DIR = "/opt/ml/model"
REST_PORT = 8501
Context = collections.namedtuple(
    "Context", "model_name model_version method rest_uri grpc_uri custom_attributes request_content_type "
               "accept_header content_length")
_REST_PATH = re.compile(r"^/v1/models/([^/:]+)(?:/versions/(\d+))?(?::(predict|classify|regress))?$")


def find_models(root=MODEL_DIR):
    """{name: {version: folder}} for every SavedModel under ``root``."""
    models = {}
    for folder, _dirs, files in os.walk(root):
        if "saved_model.pb" not in files and "saved_model.pbtxt" not in files:
            continue
        version = os.path.basename(folder)
        if not version.isdigit():
            continue
        parent = os.path.dirname(folder)
        name = "model" if os.path.abspath(parent) == os.path.abspath(root) else os.path.basename(parent)
        models.setdefault(name, {})[int(version)] = folder
    return models


def _linear(spec, values):
    return sum(w * float(x) for w, x in zip(spec["weights"], values)) + spec.get("bias", 0.0)


def evaluate(folder, method, body):
    """The stand-in's answer for ``method`` on the model in ``folder``."""
    with open(os.path.join(folder, "standin.json")) as handle:
        spec = json.load(handle)
    if method == "predict":
        instances = body.get("instances", body.get("inputs"))
        if not isinstance(instances, list):
            raise ValueError('predict takes {"instances": [...]} or {"inputs": [...]}')
        return {"predictions": [_linear(spec, row if isinstance(row, list) else [row]) for row in instances]}
    examples = body.get("examples")
    if not isinstance(examples, list):
        raise ValueError(f'{method} takes {{"examples": [...]}}')
    scores = [_linear(spec, [example[name] for name in spec["features"]]) for example in examples]
    if method == "regress":
        return {"results": scores}
    return {"result": [[["positive", score]] for score in scores]}


class RestHandler(BaseHTTPRequestHandler):
    """TF Serving's REST API (the subset SageMaker's container uses)."""

    models = {}

    def log_message(self, *args):
        sys.stderr.write("tfs-standin rest: " + (args[0] % args[1:]) + "\n")

    def _reply(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _model(self, name, version):
        versions = self.models.get(name)
        if not versions:
            return None
        return versions.get(int(version)) if version else versions[max(versions)]

    def do_GET(self):
        match = _REST_PATH.match(self.path)
        if not match or match.group(1) not in self.models:
            return self._reply(404, {"error": f"no model at {self.path}"})
        versions = self.models[match.group(1)]
        return self._reply(200, {"model_version_status": [
            {"version": str(v), "state": "AVAILABLE", "status": {"error_code": "OK", "error_message": ""}}
            for v in sorted(versions)]})

    def do_POST(self):
        match = _REST_PATH.match(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if not match or not match.group(3):
            return self._reply(404, {"error": f"unknown path {self.path}"})
        folder = self._model(match.group(1), match.group(2))
        if folder is None:
            return self._reply(404, {"error": f"Servable not found for request: {match.group(1)}"})
        try:
            return self._reply(200, evaluate(folder, match.group(3), json.loads(body or b"{}")))
        except (ValueError, KeyError, TypeError) as error:
            return self._reply(400, {"error": str(error)})


class _Response:
    """What ``output_handler`` gets: the REST answer with ``requests.Response``'s basic fields."""

    def __init__(self, status, content):
        self.status_code = status
        self.content = content

    def json(self):
        return json.loads(self.content)


def _load_user_code():
    path = os.path.join(MODEL_DIR, "code", "inference.py")
    if not os.path.isfile(path):
        return None
    sys.path.insert(0, os.path.dirname(path))
    spec = importlib.util.spec_from_file_location("inference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class FrontEnd(BaseHTTPRequestHandler):
    """/ping and /invocations, forwarding to the REST API as the container's nginx does."""

    default_model = None
    user_code = None

    def log_message(self, *args):
        sys.stderr.write("tfs-standin: " + (args[0] % args[1:]) + "\n")

    def _reply(self, status, data, content_type="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/ping":
            return self._reply(200, b"")
        return self._reply(404, b'{"error": "not found"}')

    def _rest(self, uri, data):
        request = urllib.request.Request(uri, data=data, headers={"Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(request) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def do_POST(self):
        if self.path != "/invocations":
            return self._reply(404, b'{"error": "not found"}')
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        attributes = dict(part.split("=", 1) for part in
                          (self.headers.get("X-Amzn-SageMaker-Custom-Attributes") or "").split(",") if "=" in part)
        name = attributes.get("tfs-model-name", self.default_model)
        version = attributes.get("tfs-model-version")
        method = attributes.get("tfs-method", "predict")
        uri = f"http://127.0.0.1:{REST_PORT}/v1/models/{name}" + (f"/versions/{version}" if version else "") + \
            f":{method}"
        context = Context(name, version, method, uri, None, self.headers.get("X-Amzn-SageMaker-Custom-Attributes"),
                          self.headers.get("Content-Type") or "application/json",
                          self.headers.get("Accept") or "application/json", len(body))
        code = self.user_code
        if code is not None and hasattr(code, "handler"):
            import io

            result, content_type = code.handler(io.BytesIO(body), context)
            return self._reply(200, result if isinstance(result, bytes) else str(result).encode(), content_type)
        if code is not None and hasattr(code, "input_handler"):
            import io

            body = code.input_handler(io.BytesIO(body), context)
            body = body if isinstance(body, bytes) else str(body).encode()
        status, answer = self._rest(uri, body)
        if code is not None and hasattr(code, "output_handler"):
            result, content_type = code.output_handler(_Response(status, answer), context)
            return self._reply(200, result if isinstance(result, bytes) else str(result).encode(), content_type)
        return self._reply(status, answer)


def main():
    models = find_models()
    if not models:
        sys.stderr.write(f"tfs-standin: no SavedModel (<model>/<version>/saved_model.pb) under {MODEL_DIR}\n")
        return 1
    RestHandler.models = models
    FrontEnd.default_model = os.environ.get("SAGEMAKER_TFS_DEFAULT_MODEL_NAME") or sorted(models)[0]
    FrontEnd.user_code = _load_user_code()
    sys.stderr.write(f"tfs-standin: serving {json.dumps({k: sorted(v) for k, v in models.items()})}\n")
    rest = ThreadingHTTPServer(("127.0.0.1", REST_PORT), RestHandler)
    threading.Thread(target=rest.serve_forever, daemon=True).start()
    front = ThreadingHTTPServer(("0.0.0.0", int(os.environ.get("SAGEMAKER_BIND_TO_PORT", "8080"))), FrontEnd)
    front.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
