"""The inference handler chain of the local model server, resolved as the SageMaker toolkits do.

The user's inference script (``SAGEMAKER_PROGRAM`` in the code directory) may
define ``model_fn(model_dir)``, ``input_fn(input_data, content_type)``,
``predict_fn(data, model)``, ``output_fn(prediction, accept)`` or
``transform_fn(model, input_data, content_type, accept)`` (which excludes the
three in the middle).  Whatever it leaves out comes from the framework's
defaults:

- sklearn: the ``model.joblib`` (or only ``*.joblib``) file via joblib; JSON, CSV
  and ``.npy`` bodies as arrays; ``model.predict``; JSON (default), CSV or ``.npy``.
- xgboost: a Booster from ``xgboost-model`` (or a ``*.json`` / ``*.ubj`` /
  ``*.bin`` / ``*.model`` file) via ``Booster.load_model``; CSV (default), LibSVM,
  JSON or ``.npy`` bodies as a ``DMatrix``; ``booster.predict``.
- pytorch: TorchScript ``model.pt`` via ``torch.jit.load``; JSON, CSV or ``.npy``
  bodies as tensors; ``model(data)`` under ``torch.no_grad()``.
- huggingface: a ``transformers.pipeline`` over the model directory (task from
  ``HF_TASK``); JSON ``{"inputs": ..., "parameters": {...}}``; JSON out.
- tensorflow: TF Serving's predict contract over the SavedModel
  (:mod:`.tensorflow_serving`); mxnet: the script's ``model_fn``, array codecs.

As in the sklearn and xgboost containers, those two frameworks hand ``input_fn``
a ``str`` for JSON/CSV/LibSVM bodies and ``bytes`` otherwise; pytorch,
huggingface and the generic server always hand it ``bytes``.
"""
from __future__ import annotations

import atexit
import glob
import importlib.util
import logging
import os
import shutil
import sys
import tempfile
from types import ModuleType
from typing import Any, Callable, Dict, Optional, Tuple

from sagemaker_estimators.archives import safe_extract
from sagemaker_estimators.exceptions import SageMakerEstimatorsError
from sagemaker_estimators.local.model_server import serving_codecs as codecs
from sagemaker_estimators.payloads.serializers import import_optional, is_ndarray

logger = logging.getLogger(__name__)

FRAMEWORKS = ("sklearn", "xgboost", "pytorch", "huggingface", "tensorflow", "mxnet")
HANDLER_NAMES = ("model_fn", "input_fn", "predict_fn", "output_fn", "transform_fn")
#: where the model's own code sits in a repacked model.tar.gz, as the container sees it
CONTAINER_MODEL_CODE_DIR = "/opt/ml/model/code"


class ServingSetupError(SageMakerEstimatorsError):
    """The server cannot start: bad configuration, missing script or model files."""


# --------------------------------------------------------------------------- defaults


class GenericDefaults:
    """Defaults when no framework is named: the user's ``model_fn`` plus array codecs."""

    name = "generic"
    default_accept = codecs.JSON
    supported_accept: Tuple[str, ...] = (codecs.JSON, codecs.CSV, codecs.NPY)
    #: hand ``input_fn`` a ``str`` for text content types (sklearn/xgboost toolkits)
    text_input = False

    def model_fn(self, model_dir: str) -> Any:
        raise ServingSetupError(
            "the inference script must define model_fn(model_dir): no framework is set, so there is "
            f"no default way to load the model in {model_dir} (valid frameworks: {', '.join(FRAMEWORKS)})"
        )

    def input_fn(self, input_data: Any, content_type: str) -> Any:
        return codecs.decode(input_data, content_type)

    def predict_fn(self, data: Any, model: Any) -> Any:
        predict = getattr(model, "predict", None)
        return predict(data) if callable(predict) else model(data)

    def output_fn(self, prediction: Any, accept: str) -> Tuple[bytes, str]:
        chosen = codecs.choose_accept(accept, self.default_accept, self.supported_accept)
        return codecs.encode(prediction, chosen), chosen


def _model_file(model_dir: str, preferred: Tuple[str, ...], patterns: Tuple[str, ...], what: str) -> str:
    for name in preferred:
        path = os.path.join(model_dir, name)
        if os.path.isfile(path):
            return path
    for pattern in patterns:
        found = sorted(glob.glob(os.path.join(glob.escape(model_dir), pattern)))
        if found:
            return found[0]
    present = sorted(os.listdir(model_dir)) if os.path.isdir(model_dir) else "the directory does not exist"
    raise ServingSetupError(
        f"no {what} in the model directory {model_dir} (looked for {', '.join(preferred + patterns)}; "
        f"found: {present}); save the model under one of those names or define model_fn in the inference script"
    )


class SKLearnDefaults(GenericDefaults):
    """scikit-learn: a joblib file, ``model.predict``."""

    name = "sklearn"
    text_input = True

    def model_fn(self, model_dir: str) -> Any:
        path = _model_file(model_dir, ("model.joblib",), ("*.joblib",), "scikit-learn model file")
        joblib = import_optional("joblib", "the sklearn default model_fn")
        logger.info("loading %s with joblib", path)
        return joblib.load(path)


class XGBoostDefaults(GenericDefaults):
    """XGBoost: a saved Booster, predictions on a ``DMatrix``."""

    name = "xgboost"
    default_accept = codecs.CSV
    supported_accept = (codecs.CSV, codecs.JSON, codecs.NPY)
    text_input = True

    def model_fn(self, model_dir: str) -> Any:
        path = _model_file(
            model_dir, ("xgboost-model",), ("*.json", "*.ubj", "*.bin", "*.model"), "XGBoost model file"
        )
        xgb = import_optional("xgboost", "the xgboost default model_fn")
        booster = xgb.Booster()
        booster.load_model(path)
        logger.info("loaded XGBoost booster from %s", path)
        return booster

    def input_fn(self, input_data: Any, content_type: str) -> Any:
        xgb = import_optional("xgboost", "the xgboost default input_fn")
        if codecs.media_type(content_type) == codecs.LIBSVM:
            text = input_data.decode("utf-8") if isinstance(input_data, (bytes, bytearray)) else input_data
            return xgb.DMatrix(codecs.parse_libsvm(text))
        try:
            array = codecs.decode(input_data, content_type)
        except codecs.UnsupportedFormatError:
            raise codecs.UnsupportedFormatError(
                f"Content type {content_type!r} is not supported by the xgboost default input_fn: "
                f"send {codecs.CSV}, {codecs.LIBSVM}, {codecs.JSON} or {codecs.NPY}."
            ) from None
        if array.ndim == 1:
            array = array.reshape(1, -1)
        return xgb.DMatrix(array)

    def predict_fn(self, data: Any, model: Any) -> Any:
        xgb = import_optional("xgboost", "the xgboost default predict_fn")
        if isinstance(model, xgb.Booster):
            return model.predict(data, validate_features=False)
        return model.predict(data)


class PyTorchDefaults(GenericDefaults):
    """PyTorch: a TorchScript ``model.pt``, tensors in and out."""

    name = "pytorch"

    def _torch(self) -> ModuleType:
        return import_optional("torch", "the pytorch default handlers")

    def _device(self) -> Any:
        torch = self._torch()
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")

    def model_fn(self, model_dir: str) -> Any:
        path = _model_file(model_dir, ("model.pt",), (), "TorchScript model")
        model = self._torch().jit.load(path, map_location=self._device())
        model.eval()
        return model

    def input_fn(self, input_data: Any, content_type: str) -> Any:
        torch = self._torch()
        array = codecs.decode(input_data, content_type)
        if codecs.media_type(content_type) in (codecs.JSON, codecs.CSV):
            tensor = torch.as_tensor(array, dtype=torch.float32)
        else:
            tensor = torch.from_numpy(array)
        return tensor.to(self._device())

    def predict_fn(self, data: Any, model: Any) -> Any:
        with self._torch().no_grad():
            return model(data)

    def output_fn(self, prediction: Any, accept: str) -> Tuple[bytes, str]:
        torch = self._torch()
        if isinstance(prediction, torch.Tensor):
            prediction = prediction.detach().cpu().numpy()
        return super().output_fn(prediction, accept)


class HuggingFaceDefaults(GenericDefaults):
    """Hugging Face: a ``transformers`` pipeline built from the model directory."""

    name = "huggingface"
    supported_accept = (codecs.JSON,)

    def model_fn(self, model_dir: str) -> Any:
        task = os.environ.get("HF_TASK")
        if not task:
            raise ServingSetupError(
                "the huggingface default model_fn needs the pipeline task in the HF_TASK environment "
                "variable (for example HF_TASK=text-classification), or define model_fn in the inference script"
            )
        transformers = import_optional("transformers", "the huggingface default model_fn")
        device = -1
        if importlib.util.find_spec("torch") is not None:
            import torch

            device = 0 if torch.cuda.is_available() else -1
        return transformers.pipeline(task=task, model=model_dir, device=device)

    def input_fn(self, input_data: Any, content_type: str) -> Any:
        if codecs.media_type(content_type) != codecs.JSON:
            raise codecs.UnsupportedFormatError(
                f"Content type {content_type!r} is not supported by the huggingface default input_fn: "
                f'send {codecs.JSON} like {{"inputs": ..., "parameters": {{...}}}}.'
            )
        import json

        text = input_data.decode("utf-8") if isinstance(input_data, (bytes, bytearray)) else input_data
        return json.loads(text)

    def predict_fn(self, data: Any, model: Any) -> Any:
        if isinstance(data, dict) and "inputs" in data:
            parameters = data.get("parameters") or {}
            return model(data["inputs"], **parameters)
        return model(data)


class MXNetDefaults(GenericDefaults):
    """MXNet: the inference script's ``model_fn`` loads the model (MXNet's own default needs ``mxnet``
    and its symbol/params layout); JSON, CSV or ``.npy`` bodies as arrays."""

    name = "mxnet"


def _tensorflow_defaults() -> Any:
    from sagemaker_estimators.local.model_server.tensorflow_serving import TensorFlowServingDefaults

    return TensorFlowServingDefaults()


_DEFAULTS: Dict[Optional[str], Callable[[], Any]] = {
    None: GenericDefaults,
    "sklearn": SKLearnDefaults,
    "xgboost": XGBoostDefaults,
    "pytorch": PyTorchDefaults,
    "huggingface": HuggingFaceDefaults,
    "tensorflow": _tensorflow_defaults,
    "mxnet": MXNetDefaults,
}


def framework_defaults(framework: Optional[str]) -> GenericDefaults:
    """The default handlers of ``framework`` (``None`` for the generic ones)."""
    if framework not in _DEFAULTS:
        raise ValueError(f"framework must be one of {', '.join(FRAMEWORKS)} or None; got {framework!r}")
    return _DEFAULTS[framework]()


# --------------------------------------------------------------------------- user code


def _extract_source_archive(archive: str) -> str:
    """Extract a local sourcedir.tar.gz into a new temp dir, refusing members that escape it."""
    target = tempfile.mkdtemp(prefix="sm-serving-code-")
    atexit.register(shutil.rmtree, target, True)
    try:
        safe_extract(archive, target)
    except ValueError as error:
        raise ServingSetupError(str(error)) from error
    return target


def resolve_code_dir(model_dir: str, code_dir: Optional[str], submit_directory: Optional[str]) -> str:
    """The local directory holding the inference script.

    ``code_dir`` wins; else ``SAGEMAKER_SUBMIT_DIRECTORY`` when it is a local
    directory or ``.tar.gz`` (``file://`` allowed), with the container path
    ``/opt/ml/model/code`` meaning ``<model_dir>/code``; else ``<model_dir>/code``
    when it exists, else ``model_dir``.
    """
    if code_dir:
        if not os.path.isdir(code_dir):
            raise ServingSetupError(f"the code directory {code_dir!r} does not exist")
        return code_dir
    model_code = os.path.join(model_dir, "code")
    if submit_directory:
        location = submit_directory[len("file://"):] if submit_directory.startswith("file://") else submit_directory
        if os.path.isdir(location):
            return location
        if os.path.isfile(location) and location.endswith((".tar.gz", ".tgz")):
            return _extract_source_archive(location)
        if location.rstrip("/") == CONTAINER_MODEL_CODE_DIR:
            return model_code
        if "://" in location:
            logger.warning(
                "SAGEMAKER_SUBMIT_DIRECTORY %s is remote and is not downloaded by the model server; "
                "looking for the script in %s",
                location,
                model_code if os.path.isdir(model_code) else model_dir,
            )
        else:
            raise ServingSetupError(f"SAGEMAKER_SUBMIT_DIRECTORY {submit_directory!r} is not a directory or .tar.gz")
    return model_code if os.path.isdir(model_code) else model_dir


def load_user_module(code_dir: str, program: str) -> ModuleType:
    """Import the inference script ``program`` from ``code_dir`` (put first on ``sys.path``)."""
    path = os.path.join(code_dir, program)
    if not program.endswith(".py") or not os.path.isfile(path):
        present = sorted(os.listdir(code_dir)) if os.path.isdir(code_dir) else []
        raise ServingSetupError(
            f"the inference script {program!r} (SAGEMAKER_PROGRAM) is not a .py file in {code_dir} (found: {present})"
        )
    code_dir = os.path.abspath(code_dir)
    if code_dir not in sys.path:
        sys.path.insert(0, code_dir)
    name = os.path.splitext(os.path.basename(program))[0]
    spec = importlib.util.spec_from_file_location(name, os.path.abspath(path))
    if spec is None or spec.loader is None:  # a .py file always has a loader; checked for the type checker
        raise ServingSetupError(f"the inference script {program!r} in {code_dir} cannot be imported")
    loader = spec.loader
    module = importlib.util.module_from_spec(spec)
    registered = name not in sys.modules
    if registered:  # let the script import itself; never shadow an already-imported module
        sys.modules[name] = module
    try:
        loader.exec_module(module)
    except BaseException:
        if registered:
            sys.modules.pop(name, None)
        raise
    return module


# --------------------------------------------------------------------------- the chain


class InferenceHandler:
    """The resolved ``model_fn`` / ``input_fn`` / ``predict_fn`` / ``output_fn`` chain and the loaded model."""

    def __init__(self, model_dir: str, framework: Optional[str] = None, user_module: Optional[ModuleType] = None):
        self.model_dir = model_dir
        self.defaults = framework_defaults(framework)
        self.default_accept = os.environ.get("SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT") or self.defaults.default_accept
        user: Dict[str, Callable[..., Any]] = {}
        for name in HANDLER_NAMES:
            handler = getattr(user_module, name, None) if user_module is not None else None
            if handler is not None:
                if not callable(handler):
                    raise ServingSetupError(f"{name} in the inference script is not a function")
                user[name] = handler
        if "transform_fn" in user and any(name in user for name in ("input_fn", "predict_fn", "output_fn")):
            raise ServingSetupError(
                "the inference script defines transform_fn together with input_fn, predict_fn or output_fn; "
                "define either transform_fn or those three"
            )
        self.user_handlers = sorted(user)
        self.model_fn = user.get("model_fn", self.defaults.model_fn)
        self.input_fn = user.get("input_fn", self.defaults.input_fn)
        self.predict_fn = user.get("predict_fn", self.defaults.predict_fn)
        self.output_fn = user.get("output_fn", self.defaults.output_fn)
        self.transform_fn = user.get("transform_fn")
        self.model: Any = None

    def load(self) -> None:
        """Run ``model_fn`` once."""
        self.model = self.model_fn(self.model_dir)

    def invoke(self, body: bytes, content_type: Optional[str], accept: Optional[str]) -> Tuple[bytes, str]:
        """Run one request through the chain; returns the response body and its content type."""
        content_type = content_type or codecs.JSON
        if not accept or codecs.media_type(accept) == codecs.ANY:
            accept = self.default_accept
        input_data: Any = body
        if self.defaults.text_input and codecs.media_type(content_type) in codecs.TEXT_TYPES:
            input_data = body.decode("utf-8")
        if self.transform_fn is not None:
            result = self.transform_fn(self.model, input_data, content_type, accept)
        else:
            data = self.input_fn(input_data, content_type)
            prediction = self.predict_fn(data, self.model)
            result = self.output_fn(prediction, accept)
        return self._response(result, accept)

    def _response(self, result: Any, accept: str) -> Tuple[bytes, str]:
        content_type = codecs.accepted_types(accept, self.default_accept)[0]
        if isinstance(result, tuple) and len(result) == 2:
            result, content_type = result
        if result is None:
            return b"", content_type
        if isinstance(result, (bytes, bytearray, memoryview)):
            return bytes(result), content_type
        if isinstance(result, str):
            return result.encode("utf-8"), content_type
        if isinstance(result, (list, dict)) or is_ndarray(result):
            return codecs.encode(result, codecs.JSON), codecs.JSON
        raise TypeError(
            f"the output handler returned a {type(result).__name__}; "
            "return bytes, str, or a (body, content_type) tuple"
        )


def build_handler(
    model_dir: str,
    framework: Optional[str] = None,
    program: Optional[str] = None,
    code_dir: Optional[str] = None,
    submit_directory: Optional[str] = None,
) -> InferenceHandler:
    """Import the inference script (when ``program`` is set) and resolve the handler chain."""
    if not os.path.isdir(model_dir):
        raise ServingSetupError(f"the model directory {model_dir!r} does not exist")
    user_module = None
    if program:
        directory = resolve_code_dir(model_dir, code_dir, submit_directory)
        user_module = load_user_module(directory, program)
        logger.info("inference script %s from %s", program, directory)
    handler = InferenceHandler(model_dir, framework, user_module)
    logger.info(
        "handlers: framework %s, from the inference script: %s",
        handler.defaults.name,
        ", ".join(handler.user_handlers) or "none",
    )
    return handler
