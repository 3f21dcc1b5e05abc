"""sagemaker.huggingface.llm_utils: V2's LLM image URIs (recorded by tools/record_llm_image_uris.py)
and the Hub metadata call, against a local HTTP server standing in for the Hub."""
from __future__ import annotations

import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

FIXTURE = os.path.join(os.path.dirname(__file__), "fixtures", "llm_image_uris.json")
with open(FIXTURE, encoding="utf-8") as _handle:
    RECORDED = json.load(_handle)


def test_llm_image_uris_are_v2s():
    """Every backend x version x region V2 answered (or refused with ValueError) gives the same here."""
    from sagemaker.huggingface import get_huggingface_llm_image_uri

    mismatches = []
    for key, expected in sorted(RECORDED.items()):
        backend, version, region = key.split("|")
        try:
            got = get_huggingface_llm_image_uri(backend, region=region, version=version or None)
        except ValueError:
            got = "ValueError"
        if got != expected:
            mismatches.append(f"{key}: V2 {expected}, here {got}")
    assert not mismatches, "\n".join(mismatches)
    assert sum(value != "ValueError" for value in RECORDED.values()) > 100


def test_region_comes_from_the_session(monkeypatch):
    from sagemaker.huggingface.llm_utils import get_huggingface_llm_image_uri
    from sagemaker.session import Session

    import boto3

    session = Session(boto_session=boto3.Session(region_name="eu-central-1", aws_access_key_id="x",
                                                 aws_secret_access_key="y"))
    assert get_huggingface_llm_image_uri("huggingface-tei", session=session) == \
        RECORDED["huggingface-tei||eu-central-1"]


class _Hub(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server API
        self.server.seen.append((self.path, self.headers.get("Authorization")))
        if self.path.endswith("/gated"):
            self.send_response(401)
            self.end_headers()
            return
        if self.path.endswith("/missing"):
            self.send_response(404)
            self.end_headers()
            return
        body = json.dumps({"id": self.path.rsplit("/", 2)[-2] + "/" + self.path.rsplit("/", 1)[-1],
                           "pipeline_tag": "text-generation"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def hub(monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hub)
    server.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{server.server_address[1]}")
    yield server
    server.shutdown()
    server.server_close()


def test_model_metadata_from_the_hub(hub):
    from sagemaker.huggingface.llm_utils import get_huggingface_model_metadata

    metadata = get_huggingface_model_metadata("org/model", hf_hub_token="tok")
    assert metadata == {"id": "org/model", "pipeline_tag": "text-generation"}
    assert hub.seen == [("/api/models/org/model", "Bearer tok")]


@pytest.mark.parametrize("model_id, words", [
    ("org/gated", "gated/private"), ("org/missing", "Did not find model metadata"), ("", "Model ID is empty")])
def test_model_metadata_errors(hub, model_id, words):
    from sagemaker.huggingface.llm_utils import get_huggingface_model_metadata

    with pytest.raises(ValueError, match=words):
        get_huggingface_model_metadata(model_id)
