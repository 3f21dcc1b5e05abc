"""Predictor.predict on the wire: a real HTTP server speaks the InvokeEndpoint protocol."""
from __future__ import annotations

import boto3
import pytest

from sagemaker_estimators.payloads.deserializers import CSVDeserializer, JSONDeserializer, StringDeserializer
from sagemaker_estimators.serving.predictor import Predictor
from sagemaker_estimators.payloads.serializers import CSVSerializer, JSONLinesSerializer, JSONSerializer
from sagemaker_estimators.session import Session
from tests.serving.hosting_helpers import InvocationServer, json_body


@pytest.fixture
def server():
    with InvocationServer(body=b'{"scores": [0.5, 0.25]}') as running:
        yield running


def _session(server):
    boto_session = boto3.Session(region_name="us-west-2", aws_access_key_id="x", aws_secret_access_key="y")
    return Session(boto_session=boto_session, sagemaker_runtime_client=server.runtime_client())


def test_default_predictor_sends_bytes_with_accept_any(server):
    predictor = Predictor("my-endpoint", _session(server))
    assert predictor.predict(b"\x00raw") == b'{"scores": [0.5, 0.25]}'
    request = server.requests[0]
    assert request["path"] == "/endpoints/my-endpoint/invocations"
    assert request["headers"]["Accept"] == "*/*"
    assert request["headers"]["Content-Type"] == "application/octet-stream"
    assert request["body"] == b"\x00raw"


def test_json_predict_with_all_invoke_options(server):
    predictor = Predictor(endpoint_name="ep", sagemaker_session=_session(server), serializer=JSONSerializer(),
                          deserializer=JSONDeserializer())
    result = predictor.predict({"instances": [1, 2]}, target_model="m2.tar.gz", target_variant="Blue",
                               inference_id="req-1", custom_attributes="trace=1")
    assert result == {"scores": [0.5, 0.25]}
    headers = server.requests[0]["headers"]
    assert json_body(server.requests[0]) == {"instances": [1, 2]}
    assert headers["Content-Type"] == "application/json" and headers["Accept"] == "application/json"
    assert headers["X-Amzn-SageMaker-Target-Model"] == "m2.tar.gz"
    assert headers["X-Amzn-SageMaker-Target-Variant"] == "Blue"
    assert headers["X-Amzn-SageMaker-Inference-Id"] == "req-1"
    assert headers["X-Amzn-SageMaker-Custom-Attributes"] == "trace=1"


def test_csv_rows_joined_without_trailing_newline_and_initial_args_win(server):
    predictor = Predictor("ep", _session(server), serializer=CSVSerializer(), deserializer=StringDeserializer())
    predictor.predict([[1, 2], [3, 4.5]], initial_args={"Accept": "text/plain", "ContentType": "text/x-csv"})
    request = server.requests[0]
    assert request["body"] == b"1,2\n3,4.5"
    assert request["headers"]["Accept"] == "text/plain"
    assert request["headers"]["Content-Type"] == "text/x-csv"


def test_content_type_and_accept_properties_override_serializers(server):
    predictor = Predictor("ep", _session(server), serializer=JSONLinesSerializer(), deserializer=CSVDeserializer())
    assert predictor.content_type == "application/jsonlines" and predictor.accept == ("text/csv",)
    predictor.content_type = "application/x-custom"
    predictor.accept = "application/json"
    predictor.predict([{"a": 1}, {"b": 2}])
    request = server.requests[0]
    assert request["body"] == b'{"a": 1}\n{"b": 2}'
    assert request["headers"]["Content-Type"] == "application/x-custom"
    assert request["headers"]["Accept"] == "application/json"


def test_empty_endpoint_name_is_refused(server):
    with pytest.raises(TypeError, match="endpoint_name"):
        Predictor(endpoint_name="", sagemaker_session=_session(server))


@pytest.mark.parametrize("kwargs, words", [
    ({"serializer": "json"}, ["serializer='json'", "CSVSerializer()"]),
    ({"deserializer": JSONDeserializer}, ["deserializer=", "JSONDeserializer()"]),
])
def test_bad_serializers_are_taken_as_v2_does_and_refused_by_predict_before_sending(server, kwargs, words):
    predictor = Predictor(endpoint_name="ep", sagemaker_session=_session(server), **kwargs)
    with pytest.raises(TypeError) as raised:
        predictor.predict(b"x")
    for word in words:
        assert word in str(raised.value)
    assert server.requests == []


def test_removed_and_unknown_keywords_are_dropped_with_a_warning(server, caplog):
    """V2's Predictor takes **kwargs: content_type/accept get a 'no-op' warning, the rest are dropped."""
    with caplog.at_level("WARNING"):
        predictor = Predictor(endpoint_name="ep", sagemaker_session=_session(server), content_type="text/csv",
                              legacy_option=1)
    messages = [r.getMessage() for r in caplog.records]
    assert any("content_type is a no-op" in m for m in messages)
    assert sum("unknown keyword" in m and "'legacy_option'" in m for m in messages) == 1
    predictor.predict(b"x")
    assert server.requests[0]["headers"]["Content-Type"] == "application/octet-stream"


def test_predict_through_moto_runtime(aws):
    from sagemaker_estimators.serving.model import Model
    from tests.serving.hosting_helpers import IMAGE, ROLE, recorded_session

    session, _ = recorded_session()
    Model(IMAGE, "s3://b/m/model.tar.gz", ROLE, sagemaker_session=session).deploy(1, "ml.m5.large",
                                                                                 endpoint_name="moto-ep")
    body = Predictor("moto-ep", session).predict(b"x")
    assert isinstance(body, bytes) and body


class _StreamingRuntime:
    """Stands in for the runtime service's streaming API (botocore event-stream events as dicts)."""

    def __init__(self, events):
        self.events = events
        self.requests = []

    def invoke_endpoint_with_response_stream(self, **kwargs):
        self.requests.append(kwargs)
        return {"Body": iter(self.events)}


def test_predict_stream_yields_payload_parts():
    runtime = _StreamingRuntime([{"PayloadPart": {"Bytes": b"he"}}, {"PayloadPart": {"Bytes": b"llo"}}])
    boto_session = boto3.Session(region_name="us-west-2", aws_access_key_id="x", aws_secret_access_key="y")
    predictor = Predictor("ep", Session(boto_session=boto_session, sagemaker_runtime_client=runtime),
                          serializer=JSONSerializer())
    assert b"".join(predictor.predict_stream({"q": 1}, target_container_hostname="c1")) == b"hello"
    assert runtime.requests[0]["TargetContainerHostname"] == "c1"
    assert runtime.requests[0]["Body"] == '{"q": 1}'


def test_predict_stream_error_event_raises():
    runtime = _StreamingRuntime([{"ModelStreamError": {"ErrorCode": "E1", "Message": "boom"}}])
    boto_session = boto3.Session(region_name="us-west-2", aws_access_key_id="x", aws_secret_access_key="y")
    predictor = Predictor("ep", Session(boto_session=boto_session, sagemaker_runtime_client=runtime))
    with pytest.raises(RuntimeError, match="E1 boom"):
        list(predictor.predict_stream(b"x"))
