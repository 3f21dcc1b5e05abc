"""Every text serializer on the wire: CSV (rows), JSON, JSONLines, String-like Identity, LibSVM, Data (file)."""
import json
import os
import urllib.request

from botocore.exceptions import ClientError

from sagemaker.predictor import Predictor
from sagemaker.deserializers import StringDeserializer
from sagemaker.serializers import (
    CSVSerializer,
    DataSerializer,
    IdentitySerializer,
    JSONLinesSerializer,
    JSONSerializer,
    LibSVMSerializer,
)

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


with open("payload.bin", "wb") as handle:
    handle.write(b"fake image payload")
cases = [
    ("csv_rows", CSVSerializer(), [[1, 2.5, "a"], [3, 4, "b"]]),
    ("csv_flat", CSVSerializer(content_type="text/plain"), [1, 2, 3]),
    ("csv_str", CSVSerializer(), "1,2,3"),
    ("json_dict", JSONSerializer(), {"inputs": "hello", "parameters": {"top_k": 5}}),
    ("json_list", JSONSerializer(), [1, 2, 3]),
    ("jsonlines", JSONLinesSerializer(), [{"a": 1}, {"b": 2}]),
    ("identity", IdentitySerializer(content_type="application/x-text"), b"raw payload"),
    ("libsvm", LibSVMSerializer(), "0 1:0.5 2:0.25"),
    ("data_file", DataSerializer(content_type="image/png"), "payload.bin"),
]
queue_endpoint_results(*[("out-" + name, "text/plain") for name, _, _ in cases])
for name, serializer, data in cases:
    predictor = Predictor("ser-endpoint", serializer=serializer, deserializer=StringDeserializer())
    record_value(name, [predictor.content_type, predictor.accept, predictor.predict(data)])
