"""An explicit Session: default_bucket, upload_data, then fit on the uploaded prefix."""
import os

import sagemaker

from sagemaker.estimator import Estimator

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

os.makedirs("data", exist_ok=True)
with open("data/train.csv", "w") as handle:
    handle.write("1,2,3\n4,5,6\n")
session = sagemaker.Session()
bucket = session.default_bucket()
uri = session.upload_data("data", bucket=bucket, key_prefix="golden/train")
record_value("uploaded", uri)
est = Estimator(
    image_uri=IMAGE,
    role=ROLE,
    instance_count=1,
    instance_type="ml.m5.xlarge",
    output_path=f"s3://{bucket}/out",
    sagemaker_session=session,
)
est.fit(uri)
record_value("model_data", est.model_data)
