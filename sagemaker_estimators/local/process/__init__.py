"""Local mode's no-Docker runtime (``instance_type="local_process"``): jobs run on the host's Python.

``process_runtime`` implements :class:`~sagemaker_estimators.local.runtime.LocalRuntime`;
``toolkit_env`` and ``tensorflow_toolkit`` compute what the containers' training toolkits
give a script, ``namespace`` / ``ns_exec`` show a job's tree at ``/opt/ml`` in a private
mount namespace and ``processing_runner`` runs processing jobs.  Endpoints are served by
:mod:`sagemaker_estimators.local.model_server`.
"""
