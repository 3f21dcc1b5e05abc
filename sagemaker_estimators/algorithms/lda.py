"""``LDA``: Latent Dirichlet Allocation (single instance)."""
from __future__ import annotations

import logging
from typing import Any, Optional

from sagemaker_estimators.algorithms.estimator import AmazonAlgorithmEstimatorBase
from sagemaker_estimators.algorithms.hyperparameters import Hyperparameter as Hp
from sagemaker_estimators.algorithms.hyperparameters import gt, table

logger = logging.getLogger(__name__)


class LDA(AmazonAlgorithmEstimatorBase):
    """SageMaker's LDA (V2's ``sagemaker.LDA``): always one instance; fit() needs ``mini_batch_size``."""

    repo_name = "lda"
    repo_version = "1"

    HYPERPARAMETERS = table(
        Hp("num_topics", int, (gt(0),), "An integer greater than zero"),
        Hp("alpha0", float, (gt(0),), "A positive float"),
        Hp("max_restarts", int, (gt(0),), "An integer greater than zero"),
        Hp("max_iterations", int, (gt(0),), "An integer greater than zero"),
        Hp("tol", float, (gt(0),), "A positive float"),
    )

    def __init__(self, role: Optional[str] = None, instance_type: Optional[str] = None,
                 num_topics: Optional[int] = None, alpha0: Optional[float] = None,
                 max_restarts: Optional[int] = None, max_iterations: Optional[int] = None,
                 tol: Optional[float] = None, **kwargs: Any):
        instance_count = kwargs.pop("instance_count", 1)
        if instance_count != 1:
            logger.warning("LDA only supports single instance training. Defaulting to 1 %s.", instance_type)
        super().__init__(role, 1, instance_type, **kwargs)
        self._set_hyperparameters(locals())

    def _resolve_mini_batch_size(self, train: Any, mini_batch_size: Optional[int]) -> Optional[int]:
        if mini_batch_size is None:
            raise ValueError("mini_batch_size must be set: LDA.fit(records, mini_batch_size=...) needs it.")
        return mini_batch_size
