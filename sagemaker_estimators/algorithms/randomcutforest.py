"""``RandomCutForest``: anomaly detection."""
from __future__ import annotations

from typing import Any, List, Optional

from sagemaker_estimators.algorithms.estimator import AmazonAlgorithmEstimatorBase
from sagemaker_estimators.algorithms.hyperparameters import Hyperparameter as Hp
from sagemaker_estimators.algorithms.hyperparameters import ge, le, table


class RandomCutForest(AmazonAlgorithmEstimatorBase):
    """SageMaker's Random Cut Forest (V2's ``sagemaker.RandomCutForest``).

    ``mini_batch_size`` is fixed at 1000; ``feature_dim`` must be in [1, 10000].
    """

    repo_name = "randomcutforest"
    repo_version = "1"
    MINI_BATCH_SIZE = 1000

    HYPERPARAMETERS = table(
        Hp("num_samples_per_tree", int, (ge(1), le(2048)), "An integer in [1, 2048]"),
        Hp("num_trees", int, (ge(50), le(1000)), "An integer in [50, 1000]"),
        Hp("eval_metrics", list, (), 'A comma separated list of "accuracy" or "precision_recall_fscore"'),
        Hp("feature_dim", int, (ge(1), le(10000)), "An integer in [1, 10000]"),
    )

    def __init__(self, role: Optional[str] = None, instance_count: Optional[int] = None,
                 instance_type: Optional[str] = None, num_samples_per_tree: Optional[int] = None,
                 num_trees: Optional[int] = None, eval_metrics: Optional[List[str]] = None, **kwargs: Any):
        super().__init__(role, instance_count, instance_type, **kwargs)
        self._set_hyperparameters(locals())

    def _resolve_mini_batch_size(self, train: Any, mini_batch_size: Optional[int]) -> Optional[int]:
        if mini_batch_size is None:
            return self.MINI_BATCH_SIZE
        if mini_batch_size != self.MINI_BATCH_SIZE:
            raise ValueError(f"Random Cut Forest uses a fixed mini_batch_size of {self.MINI_BATCH_SIZE}, "
                             f"got mini_batch_size={mini_batch_size!r}")
        return mini_batch_size
