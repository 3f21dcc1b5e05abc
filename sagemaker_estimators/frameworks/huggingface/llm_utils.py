"""Hugging Face LLM serving helpers (``sagemaker.huggingface.llm_utils``).

:func:`get_huggingface_llm_image_uri` maps a serving backend to its image in the
registry: Text Generation Inference (``"huggingface"``, ``"huggingface-neuronx"``),
vLLM on Neuron (``"huggingface-vllm-neuronx"``), Text Embeddings Inference
(``"huggingface-tei"``, ``"huggingface-tei-cpu"``) and LMI (``"lmi"``, DJL DeepSpeed).
:func:`get_huggingface_model_metadata` reads a model's metadata from the Hub API
(``$HF_ENDPOINT``, default ``https://huggingface.co``).
"""
from __future__ import annotations

import importlib.util
import json
import logging
import os
import urllib.error
import urllib.parse
import urllib.request
from typing import TYPE_CHECKING, Dict, Optional

from sagemaker_estimators import image_uris

if TYPE_CHECKING:
    from sagemaker_estimators.session_like import SessionLike

logger = logging.getLogger(__name__)

#: backend -> (registry framework, inference_tool), as V2 maps them
LLM_BACKENDS: Dict[str, tuple] = {
    "huggingface": ("huggingface-llm", None),
    "huggingface-neuronx": ("huggingface-llm-neuronx", "neuronx"),
    "huggingface-vllm-neuronx": ("huggingface-vllm-neuronx", "neuronx"),
    "huggingface-tei": ("huggingface-tei", None),
    "huggingface-tei-cpu": ("huggingface-tei-cpu", None),
}
#: the LMI backend is the DJL DeepSpeed image, V2's default version
LMI_FRAMEWORK = "djl-deepspeed"
LMI_DEFAULT_VERSION = "0.24.0"
HUB_TIMEOUT_SECONDS = 30


def get_huggingface_llm_image_uri(backend: str, session: Optional[SessionLike] = None, region: Optional[str] = None,
                                  version: Optional[str] = None) -> str:
    """The image URI of an LLM serving ``backend`` in ``region`` (default: the session's region)."""
    if backend != "lmi" and backend not in LLM_BACKENDS:
        raise ValueError(f"Unsupported backend: {backend}; supported: {', '.join([*LLM_BACKENDS, 'lmi'])}.")
    if region is None:
        if session is None:
            from sagemaker_estimators.session import Session

            session = Session()
        region = session.boto_region_name
    if backend == "lmi":
        return image_uris.retrieve(framework=LMI_FRAMEWORK, region=region, version=version or LMI_DEFAULT_VERSION)
    framework, tool = LLM_BACKENDS[backend]
    return image_uris.retrieve(framework, region=region, version=version, image_scope="inference",
                               inference_tool=tool)


def _hub_endpoint() -> str:
    return os.environ.get("HF_ENDPOINT", "https://huggingface.co").rstrip("/")


def get_huggingface_model_metadata(model_id: str, hf_hub_token: Optional[str] = None) -> dict:
    """The Hub's metadata of ``model_id`` (``/api/models/<id>``); ValueError when it cannot be read."""
    if not model_id:
        raise ValueError("Model ID is empty. Please provide a valid Model ID.")
    url = f"{_hub_endpoint()}/api/models/{urllib.parse.quote(model_id)}"
    headers = {"Authorization": f"Bearer {hf_hub_token}"} if hf_hub_token else {}
    metadata = None
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers),
                                    timeout=HUB_TIMEOUT_SECONDS) as response:
            metadata = json.load(response)
    except urllib.error.HTTPError as error:
        if error.code == 401:
            raise ValueError("Trying to access a gated/private HuggingFace model without valid credentials. "
                             "Please provide a HUGGING_FACE_HUB_TOKEN in env_vars") from None
        logger.warning("Could not read HuggingFace model metadata from %s: %s", url, error)
    except (urllib.error.URLError, TimeoutError, ValueError) as error:
        logger.warning("Could not read HuggingFace model metadata from %s: %s", url, error)
    if not metadata:
        raise ValueError(f"Did not find model metadata for the following HuggingFace Model ID {model_id}")
    return metadata


def download_huggingface_model_metadata(model_id: str, model_local_path: str,
                                        hf_hub_token: Optional[str] = None) -> None:
    """Download a snapshot of ``model_id`` into ``model_local_path`` (needs ``huggingface_hub``)."""
    if importlib.util.find_spec("huggingface_hub") is None:
        raise ImportError("Unable to import huggingface_hub, check if huggingface_hub is installed "
                          "(pip install huggingface_hub)")
    from huggingface_hub import snapshot_download

    os.makedirs(model_local_path, exist_ok=True)
    logger.info("Downloading model %s from Hugging Face Hub to %s", model_id, model_local_path)
    snapshot_download(repo_id=model_id, local_dir=model_local_path, token=hf_hub_token)
