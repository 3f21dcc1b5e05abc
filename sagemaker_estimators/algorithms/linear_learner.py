"""``LinearLearner``: linear models for regression and binary or multiclass classification."""
from __future__ import annotations

from typing import Any, Optional

from sagemaker_estimators.algorithms.estimator import AmazonAlgorithmEstimatorBase
from sagemaker_estimators.algorithms.hyperparameters import Hyperparameter as Hp
from sagemaker_estimators.algorithms.hyperparameters import ge, gt, isin, le, lt, table

_POSITIVE_FLOAT = "A float greater-than 0"
_NON_NEGATIVE_FLOAT = "A float greater-than or equal to 0"
_POSITIVE_INT = "An integer greater-than 0"


class LinearLearner(AmazonAlgorithmEstimatorBase):
    """SageMaker's Linear Learner (V2's ``sagemaker.LinearLearner``).

    ``predictor_type`` "binary_classifier", "multiclass_classifier" (needs
    ``num_classes`` > 2) or "regressor"; the other hyperparameters are the
    algorithm's, validated on assignment.  ``mini_batch_size`` defaults to
    ``min(1000, records per instance)``.
    """

    repo_name = "linear-learner"
    repo_version = "1"
    DEFAULT_MINI_BATCH_SIZE = 1000
    # hyperparameters read below: descriptors __init_subclass__ installs from HYPERPARAMETERS (declared for
    # type checkers only; an annotation without a value creates no class attribute)
    predictor_type: str
    num_classes: Optional[int]

    HYPERPARAMETERS = table(
        Hp("predictor_type", str, (isin("binary_classifier", "regressor", "multiclass_classifier"),),
           'One of "binary_classifier" or "multiclass_classifier" or "regressor"'),
        Hp("binary_classifier_model_selection_criteria", str,
           (isin("accuracy", "f1", "f_beta", "precision_at_target_recall", "recall_at_target_precision",
                 "cross_entropy_loss", "loss_function"),)),
        Hp("target_recall", float, (gt(0), lt(1)), "A float in (0,1)"),
        Hp("target_precision", float, (gt(0), lt(1)), "A float in (0,1)"),
        Hp("positive_example_weight_mult", str, (), "A float greater than 0 or 'auto' or 'balanced'"),
        Hp("epochs", int, (gt(0),), _POSITIVE_INT),
        Hp("use_bias", bool, (), "Either True or False"),
        Hp("num_models", int, (gt(0),), _POSITIVE_INT),
        Hp("num_calibration_samples", int, (gt(0),), _POSITIVE_INT),
        Hp("init_method", str, (isin("uniform", "normal"),), 'One of "uniform" or "normal"'),
        Hp("init_scale", float, (gt(0),), _POSITIVE_FLOAT),
        Hp("init_sigma", float, (gt(0),), _POSITIVE_FLOAT),
        Hp("init_bias", float, (), "A number"),
        Hp("optimizer", str, (isin("sgd", "adam", "rmsprop", "auto"),), 'One of "sgd", "adam", "rmsprop" or "auto"'),
        Hp("loss", str, (isin("logistic", "squared_loss", "absolute_loss", "hinge_loss",
                              "eps_insensitive_squared_loss", "eps_insensitive_absolute_loss", "quantile_loss",
                              "huber_loss", "softmax_loss", "auto"),)),
        Hp("wd", float, (ge(0),), _NON_NEGATIVE_FLOAT),
        Hp("l1", float, (ge(0),), _NON_NEGATIVE_FLOAT),
        Hp("momentum", float, (ge(0), lt(1)), "A float in [0,1)"),
        Hp("learning_rate", float, (gt(0),), _POSITIVE_FLOAT),
        Hp("beta_1", float, (ge(0), lt(1)), "A float in [0,1)"),
        Hp("beta_2", float, (ge(0), lt(1)), "A float in [0,1)"),
        Hp("bias_lr_mult", float, (gt(0),), _POSITIVE_FLOAT),
        Hp("bias_wd_mult", float, (ge(0),), _NON_NEGATIVE_FLOAT),
        Hp("use_lr_scheduler", bool, (), "A boolean"),
        Hp("lr_scheduler_step", int, (gt(0),), _POSITIVE_INT),
        Hp("lr_scheduler_factor", float, (gt(0), lt(1)), "A float in (0,1)"),
        Hp("lr_scheduler_minimum_lr", float, (gt(0),), _POSITIVE_FLOAT),
        Hp("normalize_data", bool, (), "A boolean"),
        Hp("normalize_label", bool, (), "A boolean"),
        Hp("unbias_data", bool, (), "A boolean"),
        Hp("unbias_label", bool, (), "A boolean"),
        Hp("num_point_for_scaler", int, (gt(0),), _POSITIVE_INT),
        Hp("margin", float, (ge(0),), _NON_NEGATIVE_FLOAT),
        Hp("quantile", float, (gt(0), lt(1)), "A float in (0,1)"),
        Hp("loss_insensitivity", float, (gt(0),), _POSITIVE_FLOAT),
        Hp("huber_delta", float, (ge(0),), _NON_NEGATIVE_FLOAT),
        Hp("early_stopping_patience", int, (gt(0),), _POSITIVE_INT),
        Hp("early_stopping_tolerance", float, (gt(0),), _POSITIVE_FLOAT),
        Hp("num_classes", int, (gt(0), le(1000000)), "An integer in [1,1000000]"),
        Hp("accuracy_top_k", int, (gt(0), le(1000000)), "An integer in [1,1000000]"),
        Hp("f_beta", float, (gt(0),), _POSITIVE_FLOAT),
        Hp("balance_multiclass_weights", bool, (), "A boolean"),
    )

    def __init__(self, role: Optional[str] = None, instance_count: Optional[int] = None,
                 instance_type: Optional[str] = None, predictor_type: Optional[str] = None,
                 binary_classifier_model_selection_criteria: Optional[str] = None,
                 target_recall: Optional[float] = None, target_precision: Optional[float] = None,
                 positive_example_weight_mult: Optional[float] = None, epochs: Optional[int] = None,
                 use_bias: Optional[bool] = None, num_models: Optional[int] = None,
                 num_calibration_samples: Optional[int] = None, init_method: Optional[str] = None,
                 init_scale: Optional[float] = None, init_sigma: Optional[float] = None,
                 init_bias: Optional[float] = None, optimizer: Optional[str] = None, loss: Optional[str] = None,
                 wd: Optional[float] = None, l1: Optional[float] = None, momentum: Optional[float] = None,
                 learning_rate: Optional[float] = None, beta_1: Optional[float] = None,
                 beta_2: Optional[float] = None, bias_lr_mult: Optional[float] = None,
                 bias_wd_mult: Optional[float] = None, use_lr_scheduler: Optional[bool] = None,
                 lr_scheduler_step: Optional[int] = None, lr_scheduler_factor: Optional[float] = None,
                 lr_scheduler_minimum_lr: Optional[float] = None, normalize_data: Optional[bool] = None,
                 normalize_label: Optional[bool] = None, unbias_data: Optional[bool] = None,
                 unbias_label: Optional[bool] = None, num_point_for_scaler: Optional[int] = None,
                 margin: Optional[float] = None, quantile: Optional[float] = None,
                 loss_insensitivity: Optional[float] = None, huber_delta: Optional[float] = None,
                 early_stopping_patience: Optional[int] = None, early_stopping_tolerance: Optional[float] = None,
                 num_classes: Optional[int] = None, accuracy_top_k: Optional[int] = None,
                 f_beta: Optional[float] = None, balance_multiclass_weights: Optional[bool] = None, **kwargs: Any):
        super().__init__(role, instance_count, instance_type, **kwargs)
        self._set_hyperparameters(locals())
        if self.predictor_type == "multiclass_classifier" and (self.num_classes is None or self.num_classes < 3):
            raise ValueError(f"For predictor_type 'multiclass_classifier', 'num_classes' should be set to a value "
                             f"greater than 2 (got num_classes={num_classes!r}).")

    def _resolve_mini_batch_size(self, train: Any, mini_batch_size: Optional[int]) -> Optional[int]:
        return mini_batch_size or self._get_default_mini_batch_size(train.num_records)
