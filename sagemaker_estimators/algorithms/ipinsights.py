"""``IPInsights``: learns associations between entities and IPv4 addresses."""
from __future__ import annotations

from typing import Any, Optional

from sagemaker_estimators.algorithms.estimator import AmazonAlgorithmEstimatorBase
from sagemaker_estimators.algorithms.hyperparameters import Hyperparameter as Hp
from sagemaker_estimators.algorithms.hyperparameters import ge, le, table
from sagemaker_estimators.algorithms.ntm import check_mini_batch_range


class IPInsights(AmazonAlgorithmEstimatorBase):
    """SageMaker's IP Insights (V2's ``sagemaker.IPInsights``); ``mini_batch_size`` in [1, 500000].

    Its predictor sends CSV and reads JSON.
    """

    repo_name = "ipinsights"
    repo_version = "1"
    MINI_BATCH_SIZE = 10000

    HYPERPARAMETERS = table(
        Hp("num_entity_vectors", int, (ge(1), le(250000000)), "An integer in [1, 250000000]"),
        Hp("vector_dim", int, (ge(4), le(4096)), "An integer in [4, 4096]"),
        Hp("batch_metrics_publish_interval", int, (ge(1),), "An integer greater than 0"),
        Hp("epochs", int, (ge(1),), "An integer greater than 0"),
        Hp("learning_rate", float, (ge(1e-6), le(10.0)), "A float in [1e-6, 10.0]"),
        Hp("num_ip_encoder_layers", int, (ge(0), le(100)), "An integer in [0, 100]"),
        Hp("random_negative_sampling_rate", int, (ge(0), le(500)), "An integer in [0, 500]"),
        Hp("shuffled_negative_sampling_rate", int, (ge(0), le(500)), "An integer in [0, 500]"),
        Hp("weight_decay", float, (ge(0.0), le(10.0)), "A float in [0.0, 10.0]"),
    )

    def __init__(self, role: Optional[str] = None, instance_count: Optional[int] = None,
                 instance_type: Optional[str] = None, num_entity_vectors: Optional[int] = None,
                 vector_dim: Optional[int] = None, batch_metrics_publish_interval: Optional[int] = None,
                 epochs: Optional[int] = None, learning_rate: Optional[float] = None,
                 num_ip_encoder_layers: Optional[int] = None, random_negative_sampling_rate: Optional[int] = None,
                 shuffled_negative_sampling_rate: Optional[int] = None, weight_decay: Optional[float] = None,
                 **kwargs: Any):
        super().__init__(role, instance_count, instance_type, **kwargs)
        self._set_hyperparameters(locals())

    def _resolve_mini_batch_size(self, train: Any, mini_batch_size: Optional[int]) -> Optional[int]:
        check_mini_batch_range(mini_batch_size, 1, 500000)
        return mini_batch_size
