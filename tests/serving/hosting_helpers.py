"""Helpers for the hosting tests: a call recorder on real boto3 clients, model archives in S3,
and a small HTTP server that speaks the InvokeEndpoint wire protocol."""
from __future__ import annotations

import io
import json
import tarfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Tuple

import boto3

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"
REGION = "us-west-2"
#: the SageMaker calls that create something (none may happen before a bad-input error)
CREATE_CALLS = frozenset({"CreateModel", "CreateEndpointConfig", "CreateEndpoint", "CreateTransformJob"})


class CallRecorder:
    """Records (service, operation, params) of every API call a boto3 client makes (botocore events)."""

    def __init__(self) -> None:
        self.calls: List[Tuple[str, str, Dict[str, Any]]] = []

    def attach(self, client: Any) -> Any:
        service = client.meta.service_model.service_name
        client.meta.events.register(
            f"provide-client-params.{service}.*",
            lambda params, model, **_: self.calls.append((service, model.name, dict(params))),
        )
        return client

    def operations(self, service: str = "sagemaker") -> List[str]:
        return [operation for name, operation, _ in self.calls if name == service]

    def params(self, operation: str) -> Dict[str, Any]:
        matches = [params for _, name, params in self.calls if name == operation]
        assert matches, f"{operation} was not called; calls: {[c[1] for c in self.calls]}"
        return matches[-1]


def recorded_session(**kwargs: Any):
    """A Session whose sagemaker, S3 and STS clients report to a CallRecorder."""
    from sagemaker_estimators.session import Session

    boto_session = boto3.Session(region_name=REGION)
    recorder = CallRecorder()
    session = Session(boto_session=boto_session, **kwargs)
    recorder.attach(session.sagemaker_client)
    recorder.attach(session.s3_client)
    recorder.attach(session._client("sts"))
    return session, recorder


def model_archive(files: Dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def put_model(session: Any, bucket: str, key: str, files: Dict[str, bytes]) -> str:
    s3 = session.s3_client
    try:
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
    except s3.exceptions.BucketAlreadyOwnedByYou:
        pass
    s3.put_object(Bucket=bucket, Key=key, Body=model_archive(files))
    return f"s3://{bucket}/{key}"


def archive_members(session: Any, uri: str) -> Dict[str, bytes]:
    bucket, key = uri[len("s3://"):].split("/", 1)
    body = session.s3_client.get_object(Bucket=bucket, Key=key)["Body"].read()
    with tarfile.open(fileobj=io.BytesIO(body), mode="r:gz") as archive:
        return {member.name + ("/" if member.isdir() else ""):
                (archive.extractfile(member).read() if member.isfile() else b"")
                for member in archive.getmembers()}


class InvocationServer:
    """A real HTTP server answering ``POST /endpoints/<name>/invocations`` like SageMaker runtime.

    It records each request's path, headers and body and answers with the
    configured body and content type.
    """

    def __init__(self, body: bytes = b'{"ok": true}', content_type: str = "application/json"):
        self.requests: List[Dict[str, Any]] = []
        self.body = body
        self.content_type = content_type
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server API
                length = int(self.headers.get("Content-Length", 0))
                outer.requests.append({"path": self.path, "headers": dict(self.headers),
                                       "body": self.rfile.read(length)})
                self.send_response(200)
                self.send_header("Content-Type", outer.content_type)
                self.send_header("x-Amzn-Invoked-Production-Variant", "AllTraffic")
                self.send_header("Content-Length", str(len(outer.body)))
                self.end_headers()
                self.wfile.write(outer.body)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> "InvocationServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def runtime_client(self) -> Any:
        return boto3.Session(region_name=REGION, aws_access_key_id="x", aws_secret_access_key="y").client(
            "sagemaker-runtime", endpoint_url=self.url)


def json_body(request: Dict[str, Any]) -> Any:
    return json.loads(request["body"])
