"""SparseMatrixSerializer (scipy) and PandasDeserializer (CSV and JSON answers)."""
import json
import os
import urllib.request

import scipy.sparse

from botocore.exceptions import ClientError

from sagemaker.predictor import Predictor
from sagemaker.deserializers import PandasDeserializer, StringDeserializer
from sagemaker.serializers import IdentitySerializer, SparseMatrixSerializer

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
    ("a,b\n1,2\n3,4", "text/csv"),
    ('[{"a": 1, "b": 2}]', "application/json"),
)
sparse = Predictor("pd-endpoint", serializer=SparseMatrixSerializer(), deserializer=StringDeserializer())
try:
    record_value("sparse", [sparse.content_type, sparse.predict(scipy.sparse.csr_matrix([[0, 1.5], [2, 0]]))])
except ClientError as error:  # moto cannot take a non-UTF-8 body; the request is still recorded
    record_value("sparse", [sparse.content_type, error.response["Error"]["Code"]])
frames = Predictor("pd-endpoint", serializer=IdentitySerializer(), deserializer=PandasDeserializer())
record_value("pandas_accept", frames.accept)
record_value("csv_frame", frames.predict(b"x").to_dict(orient="list"))
record_value("json_frame", frames.predict(b"y").to_dict(orient="list"))
