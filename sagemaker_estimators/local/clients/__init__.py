"""Local mode's emulated SageMaker clients: the API calls a ``LocalSession`` answers on this machine.

``sagemaker_client`` holds :class:`LocalSagemakerClient` (training, hosting, transform and
processing jobs, tuning delegated to :mod:`sagemaker_estimators.local.tuning`), which turns
each request into a :mod:`~sagemaker_estimators.local.runtime` spec and runs it on the
runtime the instance type names; ``runtime_client`` holds
:class:`LocalSagemakerRuntimeClient` (InvokeEndpoint over HTTP).  They reach the runtimes
only through the :class:`~sagemaker_estimators.local.runtime.LocalRuntime` protocol.
"""
