"""PythonSDK.Modules.Session: the default bucket and key prefix come from the config file."""
import os

import boto3

from sagemaker.estimator import Estimator
from sagemaker.session import Session

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

boto3.client("s3").create_bucket(Bucket="team-bucket",
                                 CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
with open("config.yaml", "w") as handle:
    handle.write("""
SchemaVersion: '1.0'
SageMaker:
  PythonSDK:
    Modules:
      Session:
        DefaultS3Bucket: team-bucket
        DefaultS3ObjectKeyPrefix: projects/churn
""")
with open("data.csv", "w") as handle:
    handle.write("1,2,3\n")
os.environ["SAGEMAKER_USER_CONFIG_OVERRIDE"] = os.path.abspath("config.yaml")

session = Session()
record_value("default_bucket", session.default_bucket())
record_value("default_bucket_prefix", session.default_bucket_prefix)
record_value("uploaded", session.upload_data("data.csv"))
est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge",
                sagemaker_session=session)
est.fit("s3://my-data/train")
record_value("output_path", est.output_path)

explicit = Session(default_bucket="team-bucket", default_bucket_prefix="explicit")
record_value("explicit_prefix", explicit.default_bucket_prefix)
