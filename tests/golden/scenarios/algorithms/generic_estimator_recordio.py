"""The notebooks that write RecordIO themselves and train with the generic Estimator."""
import io
import os

import boto3
import numpy as np

import sagemaker
import sagemaker.amazon.common as smac
from sagemaker import image_uris
from sagemaker.estimator import Estimator
from sagemaker.inputs import TrainingInput

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

session = sagemaker.Session()
bucket = session.default_bucket()
vectors = np.array([[1.5, -2.0, 0.0], [3.25, 4.0, 1e-3], [5.0, 6.0, -7.0]], dtype="float32")
labels = np.array([0, 1, 1], dtype="float32")
buf = io.BytesIO()
smac.write_numpy_to_dense_tensor(buf, vectors, labels)
payload = buf.getvalue()
buf.seek(0)
key = "recordio-pb-data"
boto3.resource("s3").Bucket(bucket).Object(os.path.join("sagemaker/DEMO-linear", "train", key)).upload_fileobj(buf)
s3_train_data = f"s3://{bucket}/sagemaker/DEMO-linear/train/{key}"

container = image_uris.retrieve("linear-learner", session.boto_region_name)
linear = Estimator(
    container,
    ROLE,
    instance_count=1,
    instance_type="ml.c4.xlarge",
    output_path=f"s3://{bucket}/sagemaker/DEMO-linear/output",
    sagemaker_session=session,
)
linear.set_hyperparameters(feature_dim=3, predictor_type="binary_classifier", mini_batch_size=3)
linear.fit({"train": TrainingInput(s3_train_data, content_type="application/x-recordio-protobuf")})
records = smac.read_records(io.BytesIO(payload))
record_value("records", [list(r.features["values"].float32_tensor.values) for r in records])
record_value("labels", [r.label["values"].float32_tensor.values[0] for r in records])
