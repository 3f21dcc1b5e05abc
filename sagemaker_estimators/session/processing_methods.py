"""The processing-job calls of :class:`~sagemaker_estimators.session.Session` (V2's names and arguments).

Requests are built by :mod:`sagemaker_estimators.request_builders.processing`; these methods only send,
describe, stop, wait and follow logs.
"""
from __future__ import annotations

import json
import logging
from typing import Any, Dict, List, Optional

from botocore.exceptions import ClientError

from sagemaker_estimators import job_logs
from sagemaker_estimators.job_status import TERMINAL_JOB_STATUSES, check_job_status, wait_until

logger = logging.getLogger(__name__)

PROCESSING_LOG_GROUP = "/aws/sagemaker/ProcessingJobs"
_STATUS = "ProcessingJobStatus"


class ProcessingMixin:
    """CreateProcessingJob / DescribeProcessingJob / StopProcessingJob, waits and logs."""

    sagemaker_client: Any
    logs_client: Any

    def process(
        self,
        inputs: Optional[List[Dict[str, Any]]],
        output_config: Dict[str, Any],
        job_name: str,
        resources: Dict[str, Any],
        stopping_condition: Optional[Dict[str, Any]],
        app_specification: Dict[str, Any],
        environment: Optional[Dict[str, str]] = None,
        network_config: Optional[Dict[str, Any]] = None,
        role_arn: Optional[str] = None,
        tags: Optional[List[Dict[str, str]]] = None,
        experiment_config: Optional[Dict[str, str]] = None,
    ) -> Dict[str, Any]:
        """Create a processing job from V2's ``Session.process`` arguments; return the request sent.

        The session's defaults config (``SageMaker.ProcessingJob``) fills in what the arguments leave unset.
        """
        from sagemaker_estimators.config.processing_defaults import configured_processing_request

        request = configured_processing_request(
            getattr(self, "sagemaker_config", None),
            job_name=job_name, inputs=inputs or [], output_config=output_config, resources=resources,
            app_spec=app_specification, role_arn=role_arn, stopping=stopping_condition,
            environment=environment, network_config=network_config, tags=tags,
            experiment_config=experiment_config,
        )
        self.create_processing_job(request)
        return request

    def create_processing_job(self, request: Dict[str, Any]) -> Dict[str, Any]:
        """Send a CreateProcessingJob request built by ``processing_job_request``."""
        logger.info("Creating processing-job with name %s", request["ProcessingJobName"])
        logger.debug("process request: %s", json.dumps(request, default=str))
        return self.sagemaker_client.create_processing_job(**request)

    def describe_processing_job(self, job_name: str) -> Dict[str, Any]:
        """DescribeProcessingJob."""
        return self.sagemaker_client.describe_processing_job(ProcessingJobName=job_name)

    def stop_processing_job(self, job_name: str) -> None:
        """StopProcessingJob; a job that already ended is left alone with a log line."""
        try:
            self.sagemaker_client.stop_processing_job(ProcessingJobName=job_name)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") == "ValidationException":
                logger.info("Processing job %s is already stopped or not running.", job_name)
            else:
                raise

    def wait_for_processing_job(self, job: str, poll: float = 5) -> Dict[str, Any]:
        """Wait until the processing job ends; raise if it failed; return its description."""
        description = wait_until(lambda: self.describe_processing_job(job),
                                 lambda desc: desc.get(_STATUS) in TERMINAL_JOB_STATUSES, poll=poll)
        check_job_status(job, description, _STATUS)
        return description

    def logs_for_processing_job(self, job_name: str, wait: bool = False, poll: float = 10) -> Dict[str, Any]:
        """Print the job's CloudWatch logs (all instances); with ``wait`` follow it until it ends."""
        return job_logs.follow_job(
            describe=lambda: self.describe_processing_job(job_name),
            logs_client=self.logs_client,
            job_name=job_name,
            log_group=PROCESSING_LOG_GROUP,
            status_key=_STATUS,
            wait=wait,
            poll=poll,
        )
