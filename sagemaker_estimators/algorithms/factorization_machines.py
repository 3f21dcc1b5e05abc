"""``FactorizationMachines``: factorization machines for sparse data."""
from __future__ import annotations

from typing import Any, Optional

from sagemaker_estimators.algorithms.estimator import AmazonAlgorithmEstimatorBase
from sagemaker_estimators.algorithms.hyperparameters import Hyperparameter as Hp
from sagemaker_estimators.algorithms.hyperparameters import ge, gt, isin, table

_NON_NEGATIVE = "A non-negative float"
_INIT_METHODS = (isin("normal", "uniform", "constant"),)
_INIT_TEXT = 'Value "normal", "uniform" or "constant"'


class FactorizationMachines(AmazonAlgorithmEstimatorBase):
    """SageMaker's Factorization Machines (V2's ``sagemaker.FactorizationMachines``)."""

    repo_name = "factorization-machines"
    repo_version = "1"

    HYPERPARAMETERS = table(
        Hp("num_factors", int, (gt(0),), "An integer greater than zero"),
        Hp("predictor_type", str, (isin("binary_classifier", "regressor"),), 'Value "binary_classifier" or "regressor"'),
        Hp("epochs", int, (gt(0),), "An integer greater than 0"),
        Hp("clip_gradient", float, (), "A float value"),
        Hp("eps", float, (), "A float value"),
        Hp("rescale_grad", float, (), "A float value"),
        Hp("bias_lr", float, (ge(0),), _NON_NEGATIVE),
        Hp("linear_lr", float, (ge(0),), _NON_NEGATIVE),
        Hp("factors_lr", float, (ge(0),), _NON_NEGATIVE),
        Hp("bias_wd", float, (ge(0),), _NON_NEGATIVE),
        Hp("linear_wd", float, (ge(0),), _NON_NEGATIVE),
        Hp("factors_wd", float, (ge(0),), _NON_NEGATIVE),
        Hp("bias_init_method", str, _INIT_METHODS, _INIT_TEXT),
        Hp("bias_init_scale", float, (ge(0),), _NON_NEGATIVE),
        Hp("bias_init_sigma", float, (ge(0),), _NON_NEGATIVE),
        Hp("bias_init_value", float, (), "A float value"),
        Hp("linear_init_method", str, _INIT_METHODS, _INIT_TEXT),
        Hp("linear_init_scale", float, (ge(0),), _NON_NEGATIVE),
        Hp("linear_init_sigma", float, (ge(0),), _NON_NEGATIVE),
        Hp("linear_init_value", float, (), "A float value"),
        Hp("factors_init_method", str, _INIT_METHODS, _INIT_TEXT),
        Hp("factors_init_scale", float, (ge(0),), _NON_NEGATIVE),
        Hp("factors_init_sigma", float, (ge(0),), _NON_NEGATIVE),
        Hp("factors_init_value", float, (), "A float value"),
    )

    def __init__(self, role: Optional[str] = None, instance_count: Optional[int] = None,
                 instance_type: Optional[str] = None, num_factors: Optional[int] = None,
                 predictor_type: Optional[str] = None, epochs: Optional[int] = None,
                 clip_gradient: Optional[float] = None, eps: Optional[float] = None,
                 rescale_grad: Optional[float] = None, bias_lr: Optional[float] = None,
                 linear_lr: Optional[float] = None, factors_lr: Optional[float] = None,
                 bias_wd: Optional[float] = None, linear_wd: Optional[float] = None,
                 factors_wd: Optional[float] = None, bias_init_method: Optional[str] = None,
                 bias_init_scale: Optional[float] = None, bias_init_sigma: Optional[float] = None,
                 bias_init_value: Optional[float] = None, linear_init_method: Optional[str] = None,
                 linear_init_scale: Optional[float] = None, linear_init_sigma: Optional[float] = None,
                 linear_init_value: Optional[float] = None, factors_init_method: Optional[str] = None,
                 factors_init_scale: Optional[float] = None, factors_init_sigma: Optional[float] = None,
                 factors_init_value: Optional[float] = None, **kwargs: Any):
        super().__init__(role, instance_count, instance_type, **kwargs)
        self._set_hyperparameters(locals())
