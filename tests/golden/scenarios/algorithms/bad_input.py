"""Refused input: the error type, and that nothing is uploaded or created."""
import boto3
import numpy as np

from sagemaker import KMeans, LinearLearner, NTM, RandomCutForest

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
boto3.client("s3", region_name="us-west-2").create_bucket(
    Bucket="sagemaker-us-west-2-123456789012", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})


def error_of(call):
    try:
        call()
    except Exception as error:  # the type is what is compared
        return type(error).__name__
    return None


base = dict(role=ROLE, instance_count=1, instance_type="ml.c4.xlarge")
record_value("predictor_type_x", error_of(lambda: LinearLearner(predictor_type="x", **base)))
record_value("epochs_zero", error_of(lambda: LinearLearner(epochs=0, **base)))
record_value("epochs_text", error_of(lambda: LinearLearner(epochs="many", **base)))
record_value("multiclass_without_classes", error_of(lambda: LinearLearner(predictor_type="multiclass_classifier", **base)))
record_value("k_one", error_of(lambda: KMeans(k=1, **base)))
record_value("ntm_topics", error_of(lambda: NTM(num_topics=1001, **base)))
record_value("rcf_trees", error_of(lambda: RandomCutForest(num_trees=10, **base)))

ll = LinearLearner(predictor_type="regressor", **base)
record_value("assign_bad", error_of(lambda: setattr(ll, "momentum", 1.5)))
record_value("record_set_1d", error_of(lambda: ll.record_set(np.arange(5, dtype="float32"))))
record_value("record_set_labels", error_of(
    lambda: ll.record_set(np.ones((4, 2), dtype="float32"), labels=np.ones(3, dtype="float32"))))
record_value("record_set_labels_2d", error_of(
    lambda: ll.record_set(np.ones((4, 2), dtype="float32"), labels=np.ones((4, 1), dtype="float32"))))
rcf = RandomCutForest(**base)
record_value("rcf_batch", error_of(lambda: rcf.fit(rcf.record_set(np.ones((4, 2))), mini_batch_size=10)))
