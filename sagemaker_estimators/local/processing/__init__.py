"""Local processing jobs: the local SageMaker client's CreateProcessingJob and both runtimes' ``process``.

``client`` turns a CreateProcessingJob request into a
:class:`~sagemaker_estimators.local.runtime.ProcessingSpec` (inputs materialised,
outputs collected and delivered) and answers DescribeProcessingJob; ``layout``
builds each host's ``/opt/ml`` tree; ``process_runner`` (``local_process``) and
``compose_runner`` (Docker) run it.
"""
