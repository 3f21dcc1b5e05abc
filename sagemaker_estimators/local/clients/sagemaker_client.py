"""``LocalSagemakerClient``: the SageMaker API calls local mode implements, on local runtimes.

Each ``create_*`` call turns its request into a runtime spec
(:mod:`sagemaker_estimators.local.runtime`) with every input already a local
directory, runs it on the runtime the instance type names (``local`` /
``local_gpu``: Docker compose; ``local_process``: the host's Python) and records
the result for ``describe_*``.  Training and transform jobs run synchronously
inside their ``create_*`` call, as in V2; an endpoint is in service when
``create_endpoint`` returns.  Every job works in a scratch dir of its own that is
removed afterwards, on success, failure or Ctrl-C.

The calls are grouped by resource kind: :mod:`.training_jobs`, :mod:`.hosting` (models,
endpoint configs, endpoints), :mod:`.transform_jobs`, :mod:`.processing_jobs` and
:mod:`sagemaker_estimators.local.tuning` (tuning jobs); this class composes them and
adds tags and the calls local mode refuses.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional

from sagemaker_estimators.local.clients.training_jobs import TrainingJobs
from sagemaker_estimators.local.clients.transform_jobs import TransformJobs
from sagemaker_estimators.local.entities import REGISTRY
from sagemaker_estimators.local.runtime import LocalRuntime


class LocalSagemakerClient(TrainingJobs, TransformJobs):
    """A SageMaker client whose calls run locally (``sagemaker.local.LocalSagemakerClient``).

    Args:
        sagemaker_session: the :class:`~sagemaker_estimators.local.session.LocalSession`
            whose ``config`` (``local.container_root``, ``local.serving_port``,
            ``local.container_config``) and S3 client are used.
        runtime_factory: ``instance_type -> LocalRuntime``, called for every job and
            endpoint, to use other runtimes (default: compose for local/local_gpu with
            ``local.container_config``, process for local_process).
    """

    def __init__(self, sagemaker_session: Any = None, runtime_factory: Optional[Callable[[str], LocalRuntime]] = None):
        if sagemaker_session is None:
            from sagemaker_estimators.local.session import LocalSession

            sagemaker_session = LocalSession()
        super().__init__(sagemaker_session, runtime_factory)

    # ------------------------------------------------------------------ tuning (local/tuning/engine.py)

    def create_hyper_parameter_tuning_job(self, **request: Any) -> Dict[str, Any]:
        """Run the tuning job's trials on this machine, to the end (see local/tuning/engine.py)."""
        from sagemaker_estimators.local.tuning import engine

        return engine.run_tuning_job(self, request)

    def describe_hyper_parameter_tuning_job(self, HyperParameterTuningJobName: str) -> Dict[str, Any]:  # noqa: N803
        from sagemaker_estimators.local.tuning import engine

        return engine.describe_tuning_job(HyperParameterTuningJobName)

    def list_training_jobs_for_hyper_parameter_tuning_job(self, HyperParameterTuningJobName: str,  # noqa: N803
                                                          **kwargs: Any) -> Dict[str, Any]:
        from sagemaker_estimators.local.tuning import engine

        return engine.list_training_jobs(HyperParameterTuningJobName, **kwargs)

    def stop_hyper_parameter_tuning_job(self, HyperParameterTuningJobName: str) -> None:  # noqa: N803
        from sagemaker_estimators.local.tuning import engine

        engine.stop_tuning_job(HyperParameterTuningJobName)

    # ------------------------------------------------------------------ tags

    def list_tags(self, ResourceArn: str, **kwargs: Any) -> Dict[str, Any]:  # noqa: N803
        """ListTags of a local resource."""
        with REGISTRY.lock:
            return {"Tags": list(REGISTRY.tags.get(ResourceArn, []))}

    def add_tags(self, ResourceArn: str, Tags: List[Dict[str, str]]) -> Dict[str, Any]:  # noqa: N803
        """AddTags to a local resource (a tag with an existing key replaces it)."""
        with REGISTRY.lock:
            current = {tag["Key"]: tag for tag in REGISTRY.tags.get(ResourceArn, [])}
            current.update({tag["Key"]: tag for tag in Tags})
            REGISTRY.tags[ResourceArn] = list(current.values())
            return {"Tags": list(current.values())}

    # ------------------------------------------------------------------ not in local mode

    def _unsupported(self, what: str) -> None:
        raise NotImplementedError(
            f"{what} is not supported by sagemaker-estimators' local mode (V2 ran it in Docker); run it with "
            "a sagemaker.Session in SageMaker, or use SageMaker SDK V3 for pipelines."
        )

    # ------------------------------------------------------------------ processing (clients/processing_jobs.py)

    @property
    def _processing(self) -> Any:
        from sagemaker_estimators.local.clients.processing_jobs import LocalProcessingJobs

        return LocalProcessingJobs(self)

    def create_processing_job(self, **request: Any) -> Dict[str, Any]:
        """Run a processing job locally (see :mod:`sagemaker_estimators.local.clients.processing_jobs`)."""
        return self._processing.create(request)

    def describe_processing_job(self, ProcessingJobName: str) -> Dict[str, Any]:  # noqa: N803
        """DescribeProcessingJob of a local job."""
        return self._processing.describe(ProcessingJobName)

    def stop_processing_job(self, ProcessingJobName: str) -> None:  # noqa: N803
        """Local processing jobs have always ended when their create call returns."""
        self._processing.stop(ProcessingJobName)

    def list_processing_jobs(self, **kwargs: Any) -> Dict[str, Any]:
        """ListProcessingJobs of local jobs."""
        return self._processing.list(**kwargs)

    def create_pipeline(self, *args: Any, **kwargs: Any) -> None:
        """Pipelines are out of scope."""
        self._unsupported("create_pipeline (local pipelines)")

    def update_pipeline(self, *args: Any, **kwargs: Any) -> None:
        """Pipelines are out of scope."""
        self._unsupported("update_pipeline (local pipelines)")

    def describe_pipeline(self, PipelineName: str) -> None:  # noqa: N803
        """Pipelines are out of scope."""
        self._unsupported("describe_pipeline (local pipelines)")

    def delete_pipeline(self, PipelineName: str) -> None:  # noqa: N803
        """Pipelines are out of scope."""
        self._unsupported("delete_pipeline (local pipelines)")

    def start_pipeline_execution(self, PipelineName: str, **kwargs: Any) -> None:  # noqa: N803
        """Pipelines are out of scope."""
        self._unsupported("start_pipeline_execution (local pipelines)")
