"""Estimators: the generic ``Estimator``, script-mode ``Framework`` and the training-job handle."""
