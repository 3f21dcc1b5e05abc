"""The LinearLearner notebook: record_set() on numpy data with labels, fit, deploy, predict with the defaults.

InvokeEndpoint sends RecordIO-protobuf (not UTF-8), which moto answers with a 500:
the request (content type, accept, body digest) is what is compared.
"""
import numpy as np
from botocore.exceptions import ClientError

import sagemaker
from sagemaker import LinearLearner

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

train = (np.arange(60, dtype="float32").reshape(20, 3) - 30) / 7
labels = (np.arange(20) % 2).astype("float32")

ll = LinearLearner(
    role=ROLE,
    instance_count=2,
    instance_type="ml.c4.xlarge",
    predictor_type="binary_classifier",
    epochs=3,
    use_bias=False,
    learning_rate=0.05,
    positive_example_weight_mult="balanced",
    output_path="s3://my-output/linear",
    sagemaker_session=sagemaker.Session(),
)
records = ll.record_set(train, labels=labels)
record_value("num_records", records.num_records)
record_value("feature_dim", records.feature_dim)
ll.fit(records)
record_value("hyperparameters", ll.hyperparameters())

predictor = ll.deploy(initial_instance_count=1, instance_type="ml.m5.large")
record_value("predictor", type(predictor).__name__)
record_value("content_type", predictor.content_type)
try:
    predictor.predict(train[:2])
except ClientError as error:
    record_value("predict_error", error.response["Error"]["Code"])
predictor.delete_endpoint()
