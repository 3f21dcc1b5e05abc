"""The handle on a started training job (V2's ``estimator.latest_training_job``)."""
from __future__ import annotations

from typing import Any, Dict, Union

from sagemaker_estimators.job_status import JobHandle


class TrainingJob(JobHandle):
    """A training job by name, bound to the session that started or attached it."""

    _describe_method = "describe_training_job"

    def wait(self, logs: Union[str, bool, None] = "All") -> Dict[str, Any]:
        """Wait until the job ends, printing its logs unless ``logs`` is False/None/"None".

        Raises UnexpectedStatusException when the job failed.
        """
        if logs in (False, None, "None"):
            return self.sagemaker_session.wait_for_job(self.job_name)
        log_type = logs if isinstance(logs, str) else "All"  # True (or any other truthy value): every log
        return self.sagemaker_session.logs_for_job(self.job_name, wait=True, log_type=log_type)

    def stop(self) -> None:
        """Ask SageMaker to stop the job."""
        self.sagemaker_session.stop_training_job(self.job_name)


#: V2's private name, kept for code that reaches for it
_TrainingJob = TrainingJob
