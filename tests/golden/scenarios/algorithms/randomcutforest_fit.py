"""RandomCutForest: fixed mini_batch_size, feature_dim range, eval_metrics, two channels (train + test)."""
import numpy as np

from sagemaker import RandomCutForest

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

rcf = RandomCutForest(
    role=ROLE,
    instance_count=1,
    instance_type="ml.m4.xlarge",
    num_samples_per_tree=512,
    num_trees=50,
    eval_metrics=["accuracy", "precision_recall_fscore"],
    base_job_name="rcf-notebook",
)
series = np.sin(np.arange(24, dtype="float64")).reshape(24, 1)
train = rcf.record_set(series)
test = rcf.record_set(series[:8], labels=np.zeros(8), channel="test")
rcf.fit([train, test])
record_value("hyperparameters", rcf.hyperparameters())
