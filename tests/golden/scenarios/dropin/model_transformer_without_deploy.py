"""Model.transformer() on a model that was never deployed or created: V2 creates the model first."""
import io
import tarfile

import boto3

import sagemaker
from sagemaker.model import Model
from sagemaker.pytorch import PyTorchModel

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"


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

generic = Model(image_uri=IMAGE, model_data="s3://my-models/pt/model.tar.gz", role=ROLE, name="never-deployed")
transformer = generic.transformer(instance_count=1, instance_type="ml.m5.xlarge", output_path="s3://my-output/batch")
record_value("generic_model_name", transformer.model_name)
transformer.transform("s3://my-data/batch", content_type="text/csv", job_name="never-deployed-batch")

pt = PyTorchModel(model_data="s3://my-models/pt/model.tar.gz", role=ROLE, entry_point="inference.py",
                  framework_version="2.1", py_version="py310", name="pt-never-deployed",
                  sagemaker_session=sagemaker.Session())
pt_transformer = pt.transformer(instance_count=1, instance_type="ml.m5.xlarge", output_path="s3://my-output/pt",
                                env={"MY_SETTING": "1"})
record_value("pt_model_name", pt_transformer.model_name)
pt_transformer.transform("s3://my-data/batch", content_type="application/x-npy", job_name="pt-never-deployed-batch")
