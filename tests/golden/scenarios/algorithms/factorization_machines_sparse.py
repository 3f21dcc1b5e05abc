"""FactorizationMachines on sparse data: write_spmatrix_to_sparse_tensor, upload with boto3, fit on an S3Prefix RecordSet.

The default bucket exists beforehand: V2 would create it when the estimator is
constructed (see default_bucket_at_construction), this package only when it is used.
"""
import io

import boto3
import numpy as np
from scipy.sparse import csr_matrix

from sagemaker import FactorizationMachines
from sagemaker.amazon.amazon_estimator import RecordSet
from sagemaker.amazon.common import write_spmatrix_to_sparse_tensor

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

rows = [0, 0, 1, 2, 3, 3, 4]
cols = [0, 7, 3, 9, 1, 8, 5]
matrix = csr_matrix((np.ones(7, dtype="float32"), (rows, cols)), shape=(5, 10))
labels = np.array([1, 0, 1, 1, 0], dtype="float32")

buffer = io.BytesIO()
write_spmatrix_to_sparse_tensor(buffer, matrix, labels)
buffer.seek(0)
s3 = boto3.resource("s3", region_name="us-west-2")
s3.create_bucket(Bucket="fm-data", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
s3.create_bucket(Bucket="sagemaker-us-west-2-123456789012",
                 CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
s3.Bucket("fm-data").Object("train/train.protobuf").upload_fileobj(buffer)

fm = FactorizationMachines(
    role=ROLE,
    instance_count=1,
    instance_type="ml.c5.xlarge",
    num_factors=4,
    predictor_type="binary_classifier",
    epochs=5,
    bias_init_method="normal",
    factors_lr=0.01,
    output_path="s3://fm-data/output",
)
train = RecordSet("s3://fm-data/train/", num_records=5, feature_dim=10, s3_data_type="S3Prefix")
fm.fit(train, mini_batch_size=2)
record_value("hyperparameters", fm.hyperparameters())
record_value("model_data", fm.model_data)
