"""The handle on a started training job (V2's ``estimator.latest_training_job``)."""
from __future__ import annotations

from typing import Any, Dict, Union


class TrainingJob:
    """A training job by name, bound to the session that started or attached it."""

    def __init__(self, sagemaker_session: Any, job_name: str):
        self.sagemaker_session = sagemaker_session
        self.job_name = job_name

    @property
    def name(self) -> str:
        return self.job_name

    def describe(self) -> Dict[str, Any]:
        """DescribeTrainingJob for this job."""
        return self.sagemaker_session.describe_training_job(self.job_name)

    def wait(self, logs: Union[str, bool, None] = "All") -> Dict[str, Any]:
        """Wait until the job ends, printing its logs unless ``logs`` is False/None/"None".

        Raises UnexpectedStatusException when the job failed.
        """
        if logs in (False, None, "None"):
            return self.sagemaker_session.wait_for_job(self.job_name)
        log_type = "All" if logs is True else logs
        return self.sagemaker_session.logs_for_job(self.job_name, wait=True, log_type=log_type)

    def stop(self) -> None:
        """Ask SageMaker to stop the job."""
        self.sagemaker_session.stop_training_job(self.job_name)

    def __repr__(self) -> str:
        return f"TrainingJob(job_name={self.job_name!r})"


#: V2's private name, kept for code that reaches for it
_TrainingJob = TrainingJob
