"""PyTorch fit then deploy: model.tar.gz is repacked with the code; default PyTorchPredictor."""
import io
import tarfile

import boto3

from sagemaker.pytorch import PyTorch

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


with open("train.py", "w") as handle:
    handle.write("print('training')\n")

est = PyTorch(
    entry_point="train.py",
    role=ROLE,
    framework_version="2.1",
    py_version="py310",
    instance_count=1,
    instance_type="ml.g5.xlarge",
)
est.fit("s3://my-data/train")
put_model_artifact(est.model_data)

predictor = est.deploy(initial_instance_count=1, instance_type="ml.m5.large")
record_value("predictor", type(predictor).__name__)
record_value("content_type", predictor.content_type)
record_value("accept", predictor.accept)
predictor.delete_endpoint()
