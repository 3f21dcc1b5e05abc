"""TensorFlowModel with inference.py, requirements and a log level: repacked into code/, SAGEMAKER_TFS_NGINX_LOGLEVEL."""
import logging

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


from sagemaker.tensorflow import TensorFlowModel

os.makedirs("code", exist_ok=True)
with open("code/inference.py", "w") as handle:
    handle.write("def input_handler(data, context):\n    return data.read()\n\n"
                 "def output_handler(response, context):\n    return response.content, 'application/json'\n")
with open("code/requirements.txt", "w") as handle:
    handle.write("pillow\n")

put_model_artifact("s3://my-models/tf/model.tar.gz")
model = TensorFlowModel(
    model_data="s3://my-models/tf/model.tar.gz",
    role=ROLE,
    entry_point="inference.py",
    source_dir="code",
    framework_version="2.13",
    container_log_level=logging.WARNING,
    env={"SAGEMAKER_TFS_DEFAULT_MODEL_NAME": "my_model"},
)
predictor = model.deploy(initial_instance_count=1, instance_type="ml.p3.2xlarge")
predictor.delete_model()
predictor.delete_endpoint()
