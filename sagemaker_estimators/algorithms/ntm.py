"""``NTM``: the Neural Topic Model."""
from __future__ import annotations

from typing import Any, List, Optional

from sagemaker_estimators.algorithms.estimator import AmazonAlgorithmEstimatorBase
from sagemaker_estimators.algorithms.hyperparameters import Hyperparameter as Hp
from sagemaker_estimators.algorithms.hyperparameters import ge, isin, le, table

_OPTIMIZERS = ("adagrad", "adam", "rmsprop", "sgd", "adadelta")


def check_mini_batch_range(mini_batch_size: Optional[int], low: int, high: int) -> None:
    """ValueError unless ``mini_batch_size`` is None or in [low, high] (as V2 checks in fit())."""
    if mini_batch_size is not None and (mini_batch_size < low or mini_batch_size > high):
        raise ValueError(f"mini_batch_size must be in [{low}, {high}], got {mini_batch_size!r}")


class NTM(AmazonAlgorithmEstimatorBase):
    """SageMaker's Neural Topic Model (V2's ``sagemaker.NTM``); ``mini_batch_size`` in [1, 10000]."""

    repo_name = "ntm"
    repo_version = "1"

    HYPERPARAMETERS = table(
        Hp("num_topics", int, (ge(2), le(1000)), "An integer in [2, 1000]"),
        Hp("encoder_layers", list, (), "A comma separated list of positive integers"),
        Hp("epochs", int, (ge(1), le(100)), "An integer in [1, 100]"),
        Hp("encoder_layers_activation", str, (isin("sigmoid", "tanh", "relu"),), 'One of "sigmoid", "tanh" or "relu"'),
        Hp("optimizer", str, (isin(*_OPTIMIZERS),), 'One of "adagrad", "adam", "rmsprop", "sgd" and "adadelta"'),
        Hp("tolerance", float, (ge(1e-6), le(0.1)), "A float in [1e-6, 0.1]"),
        Hp("num_patience_epochs", int, (ge(1), le(10)), "An integer in [1, 10]"),
        Hp("batch_norm", bool, (), "Value must be a boolean"),
        Hp("rescale_gradient", float, (ge(1e-3), le(1.0)), "A float in [1e-3, 1.0]"),
        Hp("clip_gradient", float, (ge(1e-3),), "A float greater equal to 1e-3"),
        Hp("weight_decay", float, (ge(0.0), le(1.0)), "A float in [0.0, 1.0]"),
        Hp("learning_rate", float, (ge(1e-6), le(1.0)), "A float in [1e-6, 1.0]"),
    )

    def __init__(self, role: Optional[str] = None, instance_count: Optional[int] = None,
                 instance_type: Optional[str] = None, num_topics: Optional[int] = None,
                 encoder_layers: Optional[List[int]] = None, epochs: Optional[int] = None,
                 encoder_layers_activation: Optional[str] = None, optimizer: Optional[str] = None,
                 tolerance: Optional[float] = None, num_patience_epochs: Optional[int] = None,
                 batch_norm: Optional[bool] = None, rescale_gradient: Optional[float] = None,
                 clip_gradient: Optional[float] = None, weight_decay: Optional[float] = None,
                 learning_rate: Optional[float] = None, **kwargs: Any):
        super().__init__(role, instance_count, instance_type, **kwargs)
        self._set_hyperparameters(locals())

    def _resolve_mini_batch_size(self, train: Any, mini_batch_size: Optional[int]) -> Optional[int]:
        check_mini_batch_range(mini_batch_size, 1, 10000)
        return mini_batch_size
