"""Local hyperparameter tuning: the search a tuning job runs, on this machine's local runtimes.

:func:`~sagemaker_estimators.local.tuning.engine.run_tuning_job` is what the local
SageMaker client's ``create_hyper_parameter_tuning_job`` calls.
"""
