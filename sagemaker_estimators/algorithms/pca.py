"""``PCA``: principal component analysis."""
from __future__ import annotations

from typing import Any, Optional

from sagemaker_estimators.algorithms.estimator import AmazonAlgorithmEstimatorBase
from sagemaker_estimators.algorithms.hyperparameters import Hyperparameter as Hp
from sagemaker_estimators.algorithms.hyperparameters import gt, isin, table


class PCA(AmazonAlgorithmEstimatorBase):
    """SageMaker's PCA (V2's ``sagemaker.PCA``); ``mini_batch_size`` defaults to ``min(500, records per instance)``."""

    repo_name = "pca"
    repo_version = "1"
    DEFAULT_MINI_BATCH_SIZE = 500

    HYPERPARAMETERS = table(
        Hp("num_components", int, (gt(0),), "Value must be an integer greater than zero"),
        Hp("algorithm_mode", str, (isin("regular", "randomized"),), 'Value must be one of "regular" and "randomized"'),
        Hp("subtract_mean", bool, (), "Value must be a boolean"),
        Hp("extra_components", int, (), "Value must be an integer greater than or equal to 0, or -1."),
    )

    def __init__(self, role: Optional[str] = None, instance_count: Optional[int] = None,
                 instance_type: Optional[str] = None, num_components: Optional[int] = None,
                 algorithm_mode: Optional[str] = None, subtract_mean: Optional[bool] = None,
                 extra_components: Optional[int] = None, **kwargs: Any):
        super().__init__(role, instance_count, instance_type, **kwargs)
        self._set_hyperparameters(locals())

    def _resolve_mini_batch_size(self, train: Any, mini_batch_size: Optional[int]) -> Optional[int]:
        return mini_batch_size or self._get_default_mini_batch_size(train.num_records)
