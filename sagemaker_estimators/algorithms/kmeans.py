"""``KMeans``: k-means clustering."""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from sagemaker_estimators.algorithms.estimator import AmazonAlgorithmEstimatorBase
from sagemaker_estimators.algorithms.hyperparameters import Hyperparameter as Hp
from sagemaker_estimators.algorithms.hyperparameters import ge, gt, isin, le, table


class KMeans(AmazonAlgorithmEstimatorBase):
    """SageMaker's k-means (V2's ``sagemaker.KMeans``); ``force_dense=True`` is always sent.

    ``max_iterations``, ``tol``, ``num_trials``, ``local_init_method`` and
    ``center_factor`` are sent under the algorithm's names (``local_lloyd_*``,
    ``extra_center_factor``).
    """

    repo_name = "kmeans"
    repo_version = "1"

    HYPERPARAMETERS = table(
        Hp("k", int, (gt(1),), "An integer greater-than 1"),
        Hp("init_method", str, (isin("random", "kmeans++"),), 'One of "random", "kmeans++"'),
        Hp("max_iterations", int, (gt(0),), "An integer greater-than 0", "local_lloyd_max_iter"),
        Hp("tol", float, (ge(0), le(1)), "An float in [0, 1]", "local_lloyd_tol"),
        Hp("num_trials", int, (gt(0),), "An integer greater-than 0", "local_lloyd_num_trials"),
        Hp("local_init_method", str, (isin("random", "kmeans++"),), 'One of "random", "kmeans++"',
           "local_lloyd_init_method"),
        Hp("half_life_time_size", int, (ge(0),), "An integer greater-than-or-equal-to 0"),
        Hp("epochs", int, (gt(0),), "An integer greater-than 0"),
        Hp("center_factor", int, (gt(0),), "An integer greater-than 0", "extra_center_factor"),
        Hp("eval_metrics", list, (), 'A comma separated list of "msd" or "ssd"'),
    )

    def __init__(self, role: Optional[str] = None, instance_count: Optional[int] = None,
                 instance_type: Optional[str] = None, k: Optional[int] = None, init_method: Optional[str] = None,
                 max_iterations: Optional[int] = None, tol: Optional[float] = None, num_trials: Optional[int] = None,
                 local_init_method: Optional[str] = None, half_life_time_size: Optional[int] = None,
                 epochs: Optional[int] = None, center_factor: Optional[int] = None,
                 eval_metrics: Optional[List[str]] = None, **kwargs: Any):
        super().__init__(role, instance_count, instance_type, **kwargs)
        self._set_hyperparameters(locals())

    def hyperparameters(self) -> Dict[str, str]:
        """``force_dense="True"`` (k-means needs it to read Records), then the hyperparameters set."""
        return {"force_dense": "True", **super().hyperparameters()}
