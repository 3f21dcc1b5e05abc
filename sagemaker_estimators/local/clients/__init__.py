"""Local mode's emulated SageMaker clients: the API calls a ``LocalSession`` answers on this machine.

:class:`~.sagemaker_client.LocalSagemakerClient` is composed of one class per resource
kind: :mod:`.training_jobs`, :mod:`.hosting` (models, endpoint configs, endpoints) and
:mod:`.transform_jobs` on the shared :mod:`.base`; processing jobs are delegated to
:mod:`.processing_jobs` and tuning jobs to :mod:`sagemaker_estimators.local.tuning`.
Each call turns its request into a :mod:`~sagemaker_estimators.local.runtime` spec and
runs it on the runtime the instance type names, reached only through the
:class:`~sagemaker_estimators.local.runtime.LocalRuntime` protocol.
:mod:`.runtime_client` holds :class:`LocalSagemakerRuntimeClient` (InvokeEndpoint over
HTTP) and :mod:`.batching` the record splitting of transform jobs.
"""
