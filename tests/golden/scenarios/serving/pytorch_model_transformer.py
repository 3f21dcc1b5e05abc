"""PyTorchModel.transformer() then transform() (repack, CreateTransformJob)."""
import io
import os
import tarfile

import boto3

from sagemaker.pytorch import PyTorchModel

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"


def put_model_artifact(uri):
    """Stand in for what training would have written: a model.tar.gz at ``uri``."""
    bucket, key = uri[len("s3://"):].split("/", 1)
    s3 = boto3.client("s3")
    if bucket not in [b["Name"] for b in s3.list_buckets()["Buckets"]]:
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in (("model.pth", b"fake weights"), ("config.json", b"{}")):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    s3.put_object(Bucket=bucket, Key=key, Body=buffer.getvalue())


os.makedirs("code", exist_ok=True)
with open("code/inference.py", "w") as handle:
    handle.write("def model_fn(model_dir):\n    return None\n")
with open("code/requirements.txt", "w") as handle:
    handle.write("numpy\n")

put_model_artifact("s3://my-models/pt/model.tar.gz")
model = PyTorchModel(
    model_data="s3://my-models/pt/model.tar.gz",
    role=ROLE,
    entry_point="inference.py",
    source_dir="code",
    framework_version="2.1",
    py_version="py310",
)
transformer = model.transformer(instance_count=1, instance_type="ml.m5.xlarge", output_path="s3://my-output/pt-batch")
transformer.transform("s3://my-data/batch", content_type="application/json", split_type="Line")
