"""Predictor(endpoint_name=...) re-attaches; predict with every per-call option."""
import json
import os
import urllib.request

from sagemaker.estimator import Estimator
from sagemaker.predictor import Predictor

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


est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge")
est.fit("s3://my-data/train")

est.deploy(initial_instance_count=1, instance_type="ml.m5.large", endpoint_name="reattach-endpoint")
predictor = Predictor(endpoint_name="reattach-endpoint")
record_value("content_type", predictor.content_type)
record_value("accept", predictor.accept)
queue_endpoint_results(("raw-1", "application/octet-stream"), ("raw-2", "application/octet-stream"))
record_value("plain", predictor.predict(b"\x00\x01 raw bytes"))
record_value(
    "with_options",
    predictor.predict(
        b"payload",
        initial_args={"ContentType": "application/x-custom"},
        target_variant="AllTraffic",
        inference_id="inference-123",
        custom_attributes="trace=1",
    ),
)
predictor.delete_endpoint()
