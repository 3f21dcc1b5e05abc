"""XGBoostModel, SKLearnModel and HuggingFaceModel deploy with their default predictors and env."""
import io
import os
import tarfile

import boto3

from sagemaker.huggingface import HuggingFaceModel
from sagemaker.sklearn import SKLearnModel
from sagemaker.xgboost import XGBoostModel

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

for name in ("xgb", "sk", "hf"):
    put_model_artifact(f"s3://my-models/{name}/model.tar.gz")
xgb = XGBoostModel(model_data="s3://my-models/xgb/model.tar.gz", role=ROLE, entry_point="inference.py", source_dir="code", framework_version="1.7-1")
record_value("xgb", type(xgb.deploy(initial_instance_count=1, instance_type="ml.m5.large")).__name__)
sk = SKLearnModel(model_data="s3://my-models/sk/model.tar.gz", role=ROLE, entry_point="inference.py", source_dir="code", framework_version="1.2-1", py_version="py3")
record_value("sk", type(sk.deploy(initial_instance_count=1, instance_type="ml.m5.large")).__name__)
hf = HuggingFaceModel(model_data="s3://my-models/hf/model.tar.gz", role=ROLE, transformers_version="4.26.0", pytorch_version="1.13.1", py_version="py39")
record_value("hf", type(hf.deploy(initial_instance_count=1, instance_type="ml.g4dn.xlarge")).__name__)
