"""``LocalSession``: V2's local-mode session (``sagemaker.local.LocalSession``).

Its SageMaker client runs jobs and endpoints on this machine
(:class:`~sagemaker_estimators.local.clients.sagemaker_client.LocalSagemakerClient`) and
its runtime client invokes them over HTTP on 127.0.0.1.  It needs no AWS
account when inputs, outputs and code are local: the region comes from the
config, the environment or ``us-west-2``; a role ARN is used as given; S3, STS
and IAM are called only when a URI says ``s3://`` or something really needs the
default bucket.

``config`` holds V2's local-mode settings::

    {"local": {"local_code": True,          # code stays on disk (default here; V2's needed a file)
               "container_root": "/tmp/x",  # where jobs' scratch dirs go
               "region_name": "eu-west-1",
               "serving_port": 8080,        # fixed port instead of a free one per endpoint
               "container_config": {...}}}  # extra compose keys for Docker containers

It starts from ``{"local": {"local_code": True}}`` updated with
``~/.sagemaker/config.yaml`` (V2's file) when present; ``disable_local_code=True``
turns local code off.
"""
from __future__ import annotations

import logging
import os
import platform
from typing import Any, Dict, Optional, Tuple, Union

import boto3

from sagemaker_estimators.client_config import client_config
from sagemaker_estimators.job_status import check_job_status
from sagemaker_estimators.local.clients.runtime_client import LocalSagemakerRuntimeClient
from sagemaker_estimators.local.clients.sagemaker_client import LocalSagemakerClient
from sagemaker_estimators.session import Session

logger = logging.getLogger(__name__)

DEFAULT_REGION = "us-west-2"
#: V2's local-mode config file
CONFIG_FILE = os.path.join("~", ".sagemaker", "config.yaml")
#: key -> accepted type(s) of the ``local`` section (V2's schema)
LOCAL_CONFIG_KEYS: Dict[str, Union[type, Tuple[type, ...]]] = {
    "local_code": bool,
    "region_name": str,
    "serving_port": int,
    "container_root": str,
    "container_config": dict,
    # extraction limits (sagemaker_estimators.archives): not V2 keys, they only tighten or loosen safety
    "extraction_max_bytes": int,
    "extraction_max_ratio": (int, float),
    "extraction_min_free_bytes": int,
}


def validate_local_config(value: Any) -> None:
    """Check a local-mode config against V2's schema; ValueError/TypeError naming the bad key."""
    if value is None:
        return
    if not isinstance(value, dict):
        raise TypeError(f"config must be a dict like {{'local': {{'local_code': True}}}} or None, got {value!r}")
    unknown = sorted(set(value) - {"local"})
    if unknown or "local" not in value:
        raise ValueError(f"config must have exactly one top-level key 'local', got {sorted(value)}")
    local = value["local"]
    if not isinstance(local, dict):
        raise TypeError(f"config['local'] must be a dict, got {local!r}")
    for key, item in local.items():
        if key not in LOCAL_CONFIG_KEYS:
            raise ValueError(f"config['local'] has unknown key {key!r}; valid keys: {sorted(LOCAL_CONFIG_KEYS)}")
        expected = LOCAL_CONFIG_KEYS[key]
        if not isinstance(item, expected) or (expected is not bool and isinstance(item, bool)):
            names = " or ".join(kind.__name__ for kind in (expected if isinstance(expected, tuple) else (expected,)))
            raise TypeError(f"config['local'][{key!r}] must be a {names}, got {item!r}")


def load_local_config_file(path: str = CONFIG_FILE) -> Optional[Dict[str, Any]]:
    """V2's ``~/.sagemaker/config.yaml``, or None when there is none."""
    path = os.path.expanduser(path)
    if os.path.isdir(path):
        path = os.path.join(path, "config.yaml")
    if not os.path.isfile(path):
        return None
    import yaml

    with open(path, encoding="utf-8") as handle:
        content = yaml.safe_load(handle)
    try:
        validate_local_config(content)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{path}: {error}") from error
    return content


def default_local_config(disable_local_code: bool = False) -> Dict[str, Any]:
    """``{"local": {"local_code": True}}`` updated with the config file; local_code off when disabled."""
    config: Dict[str, Any] = {"local": {"local_code": True}}
    from_file = load_local_config_file()
    if from_file:
        config["local"].update(from_file.get("local") or {})
    if disable_local_code:
        config["local"]["local_code"] = False
    return config


def _region(boto_session: Optional[boto3.Session], config: Dict[str, Any]) -> str:
    """The explicit session's region, else local.region_name, else the environment, else us-west-2."""
    if boto_session is not None and boto_session.region_name:
        return boto_session.region_name
    configured = config.get("local", {}).get("region_name")
    if configured:
        return configured
    return boto3.Session().region_name or DEFAULT_REGION


class LocalSession(Session):
    """A Session whose jobs and endpoints run on this machine (V2's ``sagemaker.local.LocalSession``).

    Args:
        boto_session: used only for S3 (``s3://`` inputs/outputs) and the default bucket.
        default_bucket: the bucket used when something must go to S3 and no path says where.
        s3_endpoint_url: S3 endpoint to use instead of AWS's (MinIO, moto ...).
        disable_local_code: turn ``local.local_code`` off (V2's switch).
        sagemaker_config: SageMaker defaults dict (accepted as in Session).
        default_bucket_prefix: key prefix inside the default bucket.
    """

    local_mode = True

    def __init__(
        self,
        boto_session: Optional[boto3.Session] = None,
        default_bucket: Optional[str] = None,
        s3_endpoint_url: Optional[str] = None,
        disable_local_code: bool = False,
        sagemaker_config: Optional[Dict[str, Any]] = None,
        default_bucket_prefix: Optional[str] = None,
    ):
        self.s3_endpoint_url = s3_endpoint_url
        self._disable_local_code = disable_local_code
        self._config: Optional[Dict[str, Any]] = None
        config = default_local_config(disable_local_code)
        region = _region(boto_session, config)
        if boto_session is None:
            boto_session = boto3.Session(region_name=region)
        elif boto_session.region_name != region:
            boto_session = boto3.Session(botocore_session=boto_session._session, region_name=region)
        super().__init__(
            boto_session=boto_session,
            default_bucket=default_bucket,
            sagemaker_config=sagemaker_config,
            default_bucket_prefix=default_bucket_prefix,
        )
        self.sagemaker_client = LocalSagemakerClient(self)
        self.sagemaker_runtime_client = LocalSagemakerRuntimeClient(config)
        self.config = config
        if platform.system() == "Windows":
            logger.warning("Windows support for local mode is experimental")

    # config --------------------------------------------------------------------
    @property
    def config(self) -> Optional[Dict[str, Any]]:
        """The local-mode config (validated on assignment; the runtime client follows it)."""
        return self._config

    @config.setter
    def config(self, value: Optional[Dict[str, Any]]) -> None:
        validate_local_config(value)
        self._config = value
        runtime_client = getattr(self, "_sagemaker_runtime_client", None)
        if isinstance(runtime_client, LocalSagemakerRuntimeClient):
            runtime_client.config = value

    # S3 with an optional endpoint ---------------------------------------------------
    @property
    def s3_client(self) -> Any:
        """boto3 S3 client (at ``s3_endpoint_url`` when given); created on first use."""
        client = self._clients.get("s3")
        if client is None:
            kwargs = {"endpoint_url": self.s3_endpoint_url} if self.s3_endpoint_url else {}
            client = self.boto_session.client("s3", region_name=self._region,
                                              config=client_config(self.boto_session), **kwargs)
            self._clients["s3"] = client
        return client

    @s3_client.setter
    def s3_client(self, client: Any) -> None:
        self._clients["s3"] = client

    @property
    def s3_resource(self) -> Any:
        """boto3 S3 resource (at ``s3_endpoint_url`` when given)."""
        if self._s3_resource is None:
            kwargs = {"endpoint_url": self.s3_endpoint_url} if self.s3_endpoint_url else {}
            self._s3_resource = self.boto_session.resource("s3", region_name=self._region,
                                                           config=client_config(self.boto_session), **kwargs)
        return self._s3_resource

    @s3_resource.setter
    def s3_resource(self, resource: Any) -> None:
        self._s3_resource = resource

    # identity ------------------------------------------------------------------
    def expand_role(self, role: str) -> str:
        """The role as given: local jobs assume no role, so a name is not looked up in IAM."""
        return role

    # jobs ----------------------------------------------------------------------
    def logs_for_job(self, job_name: str, wait: bool = False, poll: float = 5, log_type: str = "All",
                     timeout: Optional[float] = None) -> Dict[str, Any]:
        """Local jobs stream their output while they run; this returns the description
        (raising, with ``wait``, when the job failed)."""
        description = self.describe_training_job(job_name)
        if wait:
            check_job_status(job_name, description, "TrainingJobStatus")
        return description

    def logs_for_transform_job(self, job_name: str, wait: bool = False, poll: float = 10,
                               timeout: Optional[float] = None) -> Dict[str, Any]:
        """The transform job's description (local jobs have no CloudWatch logs; a local
        transform has ended when its call returned, so ``timeout`` has nothing to bound)."""
        description = self.sagemaker_client.describe_transform_job(TransformJobName=job_name)
        if wait:
            check_job_status(job_name, description, "TransformJobStatus")
        return description

    def logs_for_processing_job(self, job_name: str, wait: bool = False, poll: float = 10) -> Dict[str, Any]:
        """The processing job's description (its output was streamed while it ran), raising,
        with ``wait``, when the job failed."""
        description = self.describe_processing_job(job_name)
        if wait:
            check_job_status(job_name, description, "ProcessingJobStatus")
        return description
