"""KMeans: renamed hyperparameters (local_lloyd_*), force_dense, eval_metrics list, record set without labels, attach."""
import boto3
import numpy as np

from sagemaker.amazon.kmeans import KMeans

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
boto3.client("s3", region_name="us-west-2").create_bucket(
    Bucket="my-record-sets", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})

data = np.arange(40, dtype="float64").reshape(10, 4) / 3

km = KMeans(
    role=ROLE,
    instance_count=3,
    instance_type="ml.c4.xlarge",
    k=4,
    max_iterations=20,
    tol=0.01,
    local_init_method="kmeans++",
    center_factor=2,
    eval_metrics=["msd", "ssd"],
    output_kms_key="arn:aws:kms:us-west-2:123456789012:key/k",
    data_location="s3://my-record-sets/kmeans/",
)
km.fit(km.record_set(data), mini_batch_size=100, job_name="kmeans-job-to-attach")
attached = KMeans.attach("kmeans-job-to-attach")
record_value("k", attached.k)
record_value("tol", attached.tol)
record_value("max_iterations", attached.max_iterations)
record_value("model_data", attached.model_data)
record_value("image", attached.training_image_uri())
