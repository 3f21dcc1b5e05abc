"""Every text/bytes deserializer: JSON, JSONLines, String, Bytes, Stream, CSV, with their Accept headers."""
import json
import os
import urllib.request

from botocore.exceptions import ClientError

from sagemaker.predictor import Predictor
from sagemaker.deserializers import (
    BytesDeserializer,
    CSVDeserializer,
    JSONDeserializer,
    JSONLinesDeserializer,
    StreamDeserializer,
    StringDeserializer,
)
from sagemaker.serializers import JSONSerializer

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"


def queue_endpoint_results(*results):
    """Tell moto what InvokeEndpoint answers next: (body, content_type) pairs."""
    payload = {
        "account_id": "123456789012",
        "region": "us-west-2",
        "results": [
            {"Body": body, "ContentType": content_type, "InvokedProductionVariant": "AllTraffic", "CustomAttributes": ""}
            for body, content_type in results
        ],
    }
    request = urllib.request.Request(
        os.environ["AWS_ENDPOINT_URL"] + "/moto-api/static/sagemaker/endpoint-results",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    urllib.request.urlopen(request).close()


cases = [
    ("json", JSONDeserializer(), ('{"score": 0.5, "labels": ["a", "b"]}', "application/json")),
    ("jsonlines", JSONLinesDeserializer(), ('{"a": 1}\n{"b": 2}\n', "application/jsonlines")),
    ("string", StringDeserializer(), ("plain text", "text/plain")),
    ("bytes", BytesDeserializer(), ("some bytes", "application/octet-stream")),
    ("stream", StreamDeserializer(), ("streamed", "application/octet-stream")),
    ("csv", CSVDeserializer(), ("1,2\n3,4", "text/csv")),
]
queue_endpoint_results(*[result for _, _, result in cases])
for index, (name, deserializer, _) in enumerate(cases):
    predictor = Predictor("des-endpoint", serializer=JSONSerializer(), deserializer=deserializer)
    result = predictor.predict({"case": index})
    if name == "stream":
        stream, content_type = result
        result = [stream.read().decode(), content_type]
        stream.close()
    elif name == "bytes":
        result = result.decode()
    record_value(name, [predictor.accept, result])
