"""Batch transform from a KMeans estimator, an EFS record set, and IPInsights' CSV/JSON predictor on an endpoint.

The default bucket exists beforehand (V2 would create it in the constructor: see
default_bucket_at_construction).
"""
import json
import os
import urllib.request

import boto3

from sagemaker import IPInsightsPredictor, KMeans
from sagemaker.amazon.amazon_estimator import FileSystemRecordSet

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
boto3.client("s3", region_name="us-west-2").create_bucket(
    Bucket="sagemaker-us-west-2-123456789012", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})


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


km = KMeans(role=ROLE, instance_count=1, instance_type="ml.c4.xlarge", k=2, output_path="s3://my-output/km",
            subnets=["subnet-1"], security_group_ids=["sg-1"])
efs = FileSystemRecordSet(file_system_id="fs-0123456789", file_system_type="EFS", directory_path="/data/train",
                          num_records=100, feature_dim=8)
km.fit(efs, mini_batch_size=10)
transformer = km.transformer(instance_count=1, instance_type="ml.m5.large", output_path="s3://my-output/batch",
                             accept="application/x-recordio-protobuf")
transformer.transform("s3://my-data/batch/", content_type="application/x-recordio-protobuf",
                      split_type="RecordIO")
record_value("transform_output", transformer.output_path)

predictor = IPInsightsPredictor("ipinsights-endpoint")
queue_endpoint_results(('{"predictions": [{"dot_product": 0.5}]}', "application/json"))
record_value("prediction", predictor.predict([["user_1", "1.2.3.4"]]))
