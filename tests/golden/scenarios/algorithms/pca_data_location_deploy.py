"""PCA: data_location without a trailing slash, default mini_batch_size, deploy and predict one row."""
import boto3
import numpy as np
from botocore.exceptions import ClientError

from sagemaker import PCA

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
boto3.client("s3", region_name="us-west-2").create_bucket(
    Bucket="my-record-sets", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})

pca = PCA(
    role=ROLE,
    instance_count=1,
    instance_type="ml.m5.xlarge",
    num_components=2,
    subtract_mean=True,
    algorithm_mode="randomized",
    data_location="s3://my-record-sets/pca",
)
rows = np.linspace(0, 1, 35).reshape(7, 5)
pca.fit(pca.record_set(rows))
record_value("hyperparameters", pca.hyperparameters())
predictor = pca.deploy(1, "ml.m5.large", endpoint_name="pca-endpoint")
try:
    predictor.predict(rows[0])
except ClientError as error:
    record_value("predict_error", error.response["Error"]["Code"])
predictor.delete_endpoint()
