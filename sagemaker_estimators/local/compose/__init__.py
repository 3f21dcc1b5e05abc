"""Local mode's Docker runtime (``instance_type`` ``local`` / ``local_gpu``): jobs and endpoints run with Compose.

``compose_runtime`` implements :class:`~sagemaker_estimators.local.runtime.LocalRuntime`;
``compose_file`` builds the compose files, ``compose_cli`` finds a Compose command,
``background_teardown`` removes finished projects off the caller's path and
``processing_runner`` runs processing jobs.
"""
