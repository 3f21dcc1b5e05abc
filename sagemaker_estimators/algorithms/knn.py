"""``KNN``: k-nearest-neighbours classification and regression."""
from __future__ import annotations

from typing import Any, Optional

from sagemaker_estimators.algorithms.estimator import AmazonAlgorithmEstimatorBase
from sagemaker_estimators.algorithms.hyperparameters import Hyperparameter as Hp
from sagemaker_estimators.algorithms.hyperparameters import ge, isin, table


class KNN(AmazonAlgorithmEstimatorBase):
    """SageMaker's k-NN (V2's ``sagemaker.KNN``); ``dimension_reduction_type`` needs ``dimension_reduction_target``."""

    repo_name = "knn"
    repo_version = "1"

    HYPERPARAMETERS = table(
        Hp("k", int, (ge(1),), "An integer greater than 0"),
        Hp("sample_size", int, (ge(1),), "An integer greater than 0"),
        Hp("predictor_type", str, (isin("classifier", "regressor"),), 'One of "classifier" or "regressor"'),
        Hp("dimension_reduction_type", str, (isin("sign", "fjlt"),), 'One of "sign" or "fjlt"'),
        Hp("dimension_reduction_target", int, (ge(1),), "An integer greater than 0 and less than feature_dim"),
        Hp("index_type", str, (isin("faiss.Flat", "faiss.IVFFlat", "faiss.IVFPQ"),),
           'One of "faiss.Flat", "faiss.IVFFlat", "faiss.IVFPQ"'),
        Hp("index_metric", str, (isin("COSINE", "INNER_PRODUCT", "L2"),), 'One of "COSINE", "INNER_PRODUCT", "L2"'),
        Hp("faiss_index_ivf_nlists", str, (), '"auto" or an integer greater than 0'),
        Hp("faiss_index_pq_m", int, (ge(1),), "An integer greater than 0"),
    )

    def __init__(self, role: Optional[str] = None, instance_count: Optional[int] = None,
                 instance_type: Optional[str] = None, k: Optional[int] = None, sample_size: Optional[int] = None,
                 predictor_type: Optional[str] = None, dimension_reduction_type: Optional[str] = None,
                 dimension_reduction_target: Optional[int] = None, index_type: Optional[str] = None,
                 index_metric: Optional[str] = None, faiss_index_ivf_nlists: Optional[str] = None,
                 faiss_index_pq_m: Optional[int] = None, **kwargs: Any):
        super().__init__(role, instance_count, instance_type, **kwargs)
        self._set_hyperparameters(locals())
        if dimension_reduction_type and not dimension_reduction_target:
            raise ValueError('"dimension_reduction_target" is required when "dimension_reduction_type" is set '
                             f"(dimension_reduction_type={dimension_reduction_type!r}).")
