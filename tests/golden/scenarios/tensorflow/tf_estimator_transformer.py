"""TensorFlow fit then transformer(): TF Serving model, the transform job gets only the given env."""
import io
import json
import os
import tarfile
import urllib.request

import boto3

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"


def put_model_artifact(uri, files=(("1/saved_model.pb", b"fake graph"), ("1/variables/variables.index", b"idx"))):
    """Stand in for what training would have written: a model.tar.gz at ``uri``."""
    bucket, key = uri[len("s3://"):].split("/", 1)
    s3 = boto3.client("s3")
    if bucket not in [b["Name"] for b in s3.list_buckets()["Buckets"]]:
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    s3.put_object(Bucket=bucket, Key=key, Body=buffer.getvalue())


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
        data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"}, method="POST",
    )
    urllib.request.urlopen(request).close()


from sagemaker.tensorflow import TensorFlow

with open("train.py", "w") as handle:
    handle.write("print('training')\n")

est = TensorFlow(
    entry_point="train.py",
    role=ROLE,
    framework_version="2.13",
    py_version="py310",
    instance_count=1,
    instance_type="ml.m5.xlarge",
    base_job_name="tf-batch",
)
est.fit("s3://my-data/train")
put_model_artifact(est.model_data)

transformer = est.transformer(instance_count=1, instance_type="ml.m5.xlarge", max_payload=5,
                              env={"SAGEMAKER_TFS_ENABLE_BATCHING": "true"})
transformer.transform("s3://my-data/batch", content_type="application/jsonlines", split_type="Line")
record_value("output_path", transformer.output_path)
