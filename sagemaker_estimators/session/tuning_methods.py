"""The tuning calls of ``Session`` (V2's ``create_tuning_job``, ``describe_tuning_job``,
``stop_tuning_job``, ``wait_for_tuning_job``), mixed into the session class.

The request is built by :func:`sagemaker_estimators.request_builders.tuning.tuning_job_request`;
these methods only send it.  Waiting polls with growing intervals from 0.2 s, so a
finished job costs one Describe call.
"""
from __future__ import annotations

import json
import logging
from typing import Any, Dict, List, Optional

from botocore.exceptions import ClientError

from sagemaker_estimators.job_status import TERMINAL_JOB_STATUSES, check_job_status, wait_until

logger = logging.getLogger(__name__)

TUNING_STATUS_KEY = "HyperParameterTuningJobStatus"


class TuningSessionMixin:
    """Hyperparameter tuning jobs on the session's SageMaker client."""

    sagemaker_client: Any

    def create_tuning_job(self, job_name: str, tuning_config: Dict[str, Any],
                          training_config: Optional[Dict[str, Any]] = None,
                          training_config_list: Optional[List[Dict[str, Any]]] = None,
                          warm_start_config: Optional[Dict[str, Any]] = None, tags: Any = None,
                          autotune: bool = False) -> Dict[str, Any]:
        """Create a tuning job from V2's arguments; returns the request that was sent."""
        from sagemaker_estimators.request_builders.tuning import tuning_job_request
        from sagemaker_estimators.validation import format_tags

        request = tuning_job_request(job_name=job_name, tuning_config=tuning_config,
                                     training_config=training_config,
                                     training_config_list=training_config_list,
                                     warm_start_config=warm_start_config, tags=format_tags(tags),
                                     autotune=autotune)
        self.send_tuning_job_request(request)
        return request

    def send_tuning_job_request(self, request: Dict[str, Any]) -> Dict[str, Any]:
        """Send a CreateHyperParameterTuningJob request."""
        logger.info("Creating hyperparameter tuning job with name: %s", request["HyperParameterTuningJobName"])
        logger.debug("tune request: %s", json.dumps(request, default=str))
        return self.sagemaker_client.create_hyper_parameter_tuning_job(**request)

    def describe_tuning_job(self, job_name: str) -> Dict[str, Any]:
        """DescribeHyperParameterTuningJob."""
        return self.sagemaker_client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=job_name)

    def stop_tuning_job(self, name: str) -> None:
        """StopHyperParameterTuningJob; a job that is no longer running is left alone with a log line."""
        try:
            logger.info("Stopping tuning job: %s", name)
            self.sagemaker_client.stop_hyper_parameter_tuning_job(HyperParameterTuningJobName=name)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") == "ValidationException":
                logger.info("Tuning job: %s is already stopped or not running.", name)
            else:
                logger.error("Error occurred while attempting to stop tuning job: %s. Please try again.", name)
                raise

    def wait_for_tuning_job(self, job: str, poll: float = 5) -> Dict[str, Any]:
        """Wait until the tuning job ends; raise if it failed; return its description."""
        description = wait_until(
            lambda: self.describe_tuning_job(job),
            lambda desc: desc.get(TUNING_STATUS_KEY) in TERMINAL_JOB_STATUSES,
            poll=poll,
        )
        check_job_status(job, description, TUNING_STATUS_KEY)
        return description
