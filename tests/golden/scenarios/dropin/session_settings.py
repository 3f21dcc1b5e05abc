"""Session(settings=SessionSettings(...)): repacked artifacts unencrypted, repack work in local_download_dir."""
import io
import os
import tarfile

import boto3

from sagemaker.pytorch import PyTorchModel
from sagemaker.session import Session
from sagemaker.session_settings import SessionSettings

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"


def put_model_artifact(uri):
    """Stand in for what training would have written: a model.tar.gz at ``uri``."""
    bucket, key = uri[len("s3://"):].split("/", 1)
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        info = tarfile.TarInfo("model.pth")
        info.size = 12
        archive.addfile(info, io.BytesIO(b"fake weights"))
    s3.put_object(Bucket=bucket, Key=key, Body=buffer.getvalue())


put_model_artifact("s3://my-models/pt/model.tar.gz")
with open("inference.py", "w") as handle:
    handle.write("def model_fn(model_dir):\n    return None\n")
os.makedirs("downloads", exist_ok=True)

settings = SessionSettings(encrypt_repacked_artifacts=False, local_download_dir="downloads")
record_value("settings", [settings.encrypt_repacked_artifacts, settings.local_download_dir,
                          settings.include_jumpstart_tags])
session = Session(settings=settings)
model = PyTorchModel(model_data="s3://my-models/pt/model.tar.gz", role=ROLE, entry_point="inference.py",
                     framework_version="2.1", py_version="py310", name="pt-settings", sagemaker_session=session)
model.create(instance_type="ml.m5.large")
record_value("download_dir_left_empty", os.listdir("downloads"))

default_session = Session()
record_value("default_settings", [default_session.settings.encrypt_repacked_artifacts,
                                  default_session.settings.local_download_dir])
