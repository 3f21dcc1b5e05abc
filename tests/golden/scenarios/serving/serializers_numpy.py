"""NumpySerializer (always .npy bytes) and NumpyDeserializer for npy, JSON and CSV answers."""
import json
import os
import urllib.request

import numpy as np

from botocore.exceptions import ClientError

from sagemaker.predictor import Predictor
from sagemaker.deserializers import NumpyDeserializer, StringDeserializer
from sagemaker.serializers import CSVSerializer, JSONSerializer, NumpySerializer

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


queue_endpoint_results(
    ("[[1.5, 2.5]]", "application/json"),
    ("1,2,3\n4,5,6", "text/csv"),
    ("csv-in", "text/plain"),
)
array = np.array([[1.0, 2.0], [3.0, 4.0]], dtype="float32")
npy = Predictor("np-endpoint", serializer=NumpySerializer(), deserializer=NumpyDeserializer())
record_value("npy_headers", [npy.content_type, npy.accept])
try:
    record_value("npy", npy.predict(array))
except ClientError as error:  # moto cannot take a non-UTF-8 body; the request is still recorded
    record_value("npy", error.response["Error"]["Code"])
as_json = Predictor("np-endpoint", serializer=JSONSerializer(), deserializer=NumpyDeserializer(accept="application/json"))
record_value("json", [as_json.accept, as_json.predict([1, 2, 3]).tolist()])
as_csv = Predictor("np-endpoint", serializer=CSVSerializer(), deserializer=NumpyDeserializer(accept="text/csv", dtype="int64"))
record_value("csv", [as_csv.accept, as_csv.predict([[1, 2], [3, 4]]).tolist()])
csv_np = Predictor("np-endpoint", serializer=CSVSerializer(), deserializer=StringDeserializer())
record_value("csv_from_numpy", csv_np.predict(np.array([[1, 2], [3, 4]])))
record_value("allow_pickle_default", NumpyDeserializer().allow_pickle)
