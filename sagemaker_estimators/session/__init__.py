"""``Session``: V2's SageMaker session on boto3 (``sagemaker.session``).

It owns the boto3 clients, the default bucket, S3 transfers, role look-ups and
the calls that start, describe, stop and follow jobs.  Clients are created on
first use, so building a Session costs no network call and little time.
Every request body comes from a pure builder (:mod:`sagemaker_estimators.request_builders`);
this class only sends.

The session layer sits below every job kind and never imports one: V2's per-resource
Session methods live beside this module, one mixin per resource kind (``hosting``:
models, endpoint configs, endpoints, transform jobs; ``processing_methods``;
``tuning_methods``; ``calls``: the lower-level V2 calls), ``settings`` holds
``SessionSettings``. ``local/`` builds on this package (``LocalSession`` is a Session).
"""
from __future__ import annotations

import json
import logging
import os
import re
from typing import Any, Callable, Dict, List, Optional

import boto3
from botocore.exceptions import ClientError

from sagemaker_estimators import job_logs
from sagemaker_estimators.client_config import client_config
from sagemaker_estimators.create_once import TRAINING_JOB, create_once
from sagemaker_estimators.job_status import TERMINAL_JOB_STATUSES, check_job_status, wait_until
from sagemaker_estimators.s3_paths import parse_s3_url
from sagemaker_estimators.session.hosting import HostingMixin
from sagemaker_estimators.session.processing_methods import ProcessingMixin
from sagemaker_estimators.session.tuning_methods import TuningSessionMixin
from sagemaker_estimators.session.calls import SessionCallsMixin

logger = logging.getLogger(__name__)

NOTEBOOK_METADATA_FILE = "/opt/ml/metadata/resource-metadata.json"
TRAINING_LOG_GROUP = "/aws/sagemaker/TrainingJobs"
_ASSUMED_ROLE = re.compile(r"^(.+)sts::(\d+):assumed-role/(.+?)/.*$")


class Session(HostingMixin, ProcessingMixin, TuningSessionMixin, SessionCallsMixin):
    """Manage interactions with SageMaker and the AWS services it uses.

    Args:
        boto_session: a ``boto3.Session`` (default: a new one from the environment).
        sagemaker_client / sagemaker_runtime_client / sagemaker_featurestore_runtime_client /
        sagemaker_metrics_client: clients to use instead of ones made from ``boto_session``.
        default_bucket: bucket for code, models and outputs (default
            ``sagemaker-{region}-{account}``, created when missing).
        settings: a :class:`~sagemaker_estimators.session.settings.SessionSettings` (default: its defaults).
        sagemaker_config: a SageMaker defaults dict (V2's format); when not given the admin and
            user ``config.yaml`` files are read and merged (see :mod:`sagemaker_estimators.config`).
        default_bucket_prefix: key prefix inside the default bucket (default: the config's
            ``SageMaker.PythonSDK.Modules.Session.DefaultS3ObjectKeyPrefix``).
    """

    local_mode = False

    def __init__(
        self,
        boto_session: Optional[boto3.Session] = None,
        sagemaker_client: Any = None,
        sagemaker_runtime_client: Any = None,
        sagemaker_featurestore_runtime_client: Any = None,
        default_bucket: Optional[str] = None,
        settings: Any = None,
        sagemaker_metrics_client: Any = None,
        sagemaker_config: Optional[Dict[str, Any]] = None,
        default_bucket_prefix: Optional[str] = None,
    ):
        self.boto_session = boto_session or boto3.Session()
        self._region = self.boto_session.region_name
        if self._region is None:
            raise ValueError(
                "Must setup local AWS configuration with a region supported by SageMaker: "
                "set AWS_DEFAULT_REGION or a region in ~/.aws/config."
            )
        self._sagemaker_client = sagemaker_client
        self._sagemaker_runtime_client = sagemaker_runtime_client
        self.sagemaker_featurestore_runtime_client = sagemaker_featurestore_runtime_client
        self.sagemaker_metrics_client = sagemaker_metrics_client
        self._clients: Dict[str, Any] = {}
        self._s3_resource = None
        self._default_bucket: Optional[str] = None
        self._default_bucket_set_by_sdk = False
        self._account_id: Optional[str] = None
        if settings is None:
            from sagemaker_estimators.session.settings import SessionSettings

            settings = SessionSettings()
        self.settings = settings
        self.sagemaker_config = self._load_sagemaker_config(sagemaker_config)
        from sagemaker_estimators.config.apply import session_defaults

        defaults = session_defaults(self.sagemaker_config, default_bucket=default_bucket,
                                    default_bucket_prefix=default_bucket_prefix)
        self._default_bucket_name_override = defaults["default_bucket"]
        prefix = defaults["default_bucket_prefix"]
        self.default_bucket_prefix = prefix.strip("/") if prefix else None
        self.config: Optional[Dict[str, Any]] = None

    def _load_sagemaker_config(self, given: Optional[Dict[str, Any]]) -> Dict[str, Any]:
        """The defaults config: ``given`` (validated) or the admin and user files, read now."""
        from sagemaker_estimators.config import loader

        if given:
            loader.validate_sagemaker_config(given)
            return given
        from_s3 = any(path.startswith(loader.S3_PREFIX) for path, _ in loader.config_locations())
        return loader.load_sagemaker_config(s3_resource=self.s3_resource if from_s3 else None)

    # clients -----------------------------------------------------------------
    @property
    def boto_region_name(self) -> str:
        """The AWS region this session talks to."""
        return self._region

    def _client(self, service: str) -> Any:
        client = self._clients.get(service)
        if client is None:
            client = self.boto_session.client(service, region_name=self._region,
                                              config=client_config(self.boto_session))
            self._clients[service] = client
        return client

    @property
    def sagemaker_client(self) -> Any:
        """boto3 client for the SageMaker control plane."""
        if self._sagemaker_client is None:
            self._sagemaker_client = self._client("sagemaker")
        return self._sagemaker_client

    @sagemaker_client.setter
    def sagemaker_client(self, client: Any) -> None:
        self._sagemaker_client = client

    @property
    def sagemaker_runtime_client(self) -> Any:
        """boto3 client for endpoint invocations."""
        if self._sagemaker_runtime_client is None:
            self._sagemaker_runtime_client = self._client("sagemaker-runtime")
        return self._sagemaker_runtime_client

    @sagemaker_runtime_client.setter
    def sagemaker_runtime_client(self, client: Any) -> None:
        self._sagemaker_runtime_client = client

    @property
    def s3_client(self) -> Any:
        """boto3 S3 client."""
        return self._client("s3")

    @s3_client.setter
    def s3_client(self, client: Any) -> None:
        self._clients["s3"] = client

    @property
    def s3_resource(self) -> Any:
        """boto3 S3 resource (for V2 code that uses it)."""
        if self._s3_resource is None:
            self._s3_resource = self.boto_session.resource("s3", region_name=self._region,
                                                           config=client_config(self.boto_session))
        return self._s3_resource

    @s3_resource.setter
    def s3_resource(self, resource: Any) -> None:
        self._s3_resource = resource

    @property
    def logs_client(self) -> Any:
        """boto3 CloudWatch Logs client."""
        return self._client("logs")

    # identity ----------------------------------------------------------------
    def account_id(self) -> str:
        """The caller's AWS account id (STS GetCallerIdentity, cached)."""
        if self._account_id is None:
            self._account_id = self._client("sts").get_caller_identity()["Account"]
        return self._account_id

    def get_caller_identity_arn(self) -> str:
        """ARN of the caller's role: the notebook's execution role, or the assumed role's IAM ARN."""
        role = self._notebook_execution_role()
        if role:
            return role
        arn = self._client("sts").get_caller_identity()["Arn"]
        match = _ASSUMED_ROLE.match(arn)
        role = f"{match.group(1)}iam::{match.group(2)}:role/{match.group(3)}" if match else arn
        # the caller's ARN has no role path (an assumed role never shows it): IAM knows it
        role_name = role[role.rfind("/") + 1:]
        try:
            return self._client("iam").get_role(RoleName=role_name)["Role"]["Arn"]
        except ClientError:
            logger.warning("Couldn't call 'get_role' to get the ARN (with its path) of role %s.", role_name)
            if match and "AmazonSageMaker-ExecutionRole" in arn:
                return f"{match.group(1)}iam::{match.group(2)}:role/service-role/{match.group(3)}"
            return role

    def _notebook_execution_role(self) -> Optional[str]:
        if not os.path.exists(NOTEBOOK_METADATA_FILE):
            return None
        with open(NOTEBOOK_METADATA_FILE, "rb") as handle:
            metadata = json.loads(handle.read())
        if metadata.get("ExecutionRoleArn"):
            return metadata["ExecutionRoleArn"]
        try:
            if metadata.get("DomainId") is None:
                return self.sagemaker_client.describe_notebook_instance(
                    NotebookInstanceName=metadata.get("ResourceName")
                )["RoleArn"]
            profile = self.sagemaker_client.describe_user_profile(
                DomainId=metadata["DomainId"], UserProfileName=metadata.get("UserProfileName")
            )
            role = profile.get("UserSettings", {}).get("ExecutionRole")
            if role:
                return role
            domain = self.sagemaker_client.describe_domain(DomainId=metadata["DomainId"])
            return domain["DefaultUserSettings"]["ExecutionRole"]
        except ClientError:
            logger.debug("Couldn't read the execution role of this notebook from SageMaker.")
            return None

    def expand_role(self, role: str) -> str:
        """A role ARN stays as it is; a role name becomes its ARN (IAM GetRole)."""
        if "/" in role:
            return role
        return self._client("iam").get_role(RoleName=role)["Role"]["Arn"]

    # S3 ------------------------------------------------------------------------
    def default_bucket(self) -> str:
        """The session's bucket, ``sagemaker-{region}-{account}`` unless given; created when missing."""
        if self._default_bucket:
            return self._default_bucket
        name = self._default_bucket_name_override
        if not name:
            name = f"sagemaker-{self._region}-{self.account_id()}"
            self._default_bucket_set_by_sdk = True
        self._ensure_bucket(name)
        self._default_bucket = name
        return name

    def _ensure_bucket(self, name: str) -> None:
        extra = {"ExpectedBucketOwner": self.account_id()} if self._default_bucket_set_by_sdk else {}
        try:
            self.s3_client.head_bucket(Bucket=name, **extra)
            return
        except ClientError as error:
            code = str(error.response.get("Error", {}).get("Code"))
            if code not in ("404", "NoSuchBucket", "NotFound"):
                if code in ("403", "Forbidden", "AccessDenied"):
                    raise ValueError(
                        f"Bucket {name} exists but this account cannot use it (it may be owned by "
                        "another account). Pass default_bucket= to Session to use another bucket."
                    ) from error
                raise
        logger.info("Creating S3 bucket: %s", name)
        kwargs: Dict[str, Any] = {"Bucket": name}
        if self._region != "us-east-1":
            kwargs["CreateBucketConfiguration"] = {"LocationConstraint": self._region}
        try:
            self.s3_client.create_bucket(**kwargs)
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code")
            if code not in ("BucketAlreadyOwnedByYou", "OperationAborted"):
                raise

    def _expected_owner(self, bucket: str) -> Optional[str]:
        if self._default_bucket_set_by_sdk and bucket == self._default_bucket:
            return self.account_id()
        return None

    def _bucket_and_prefix(self, bucket: Optional[str], key_prefix: str) -> tuple:
        if bucket:
            return bucket, key_prefix
        bucket = self.default_bucket()
        prefix = "/".join(part for part in (self.default_bucket_prefix, key_prefix) if part)
        return bucket, prefix

    def upload_data(
        self,
        path: str,
        bucket: Optional[str] = None,
        key_prefix: str = "data",
        callback: Optional[Callable[[int], None]] = None,
        extra_args: Optional[Dict[str, Any]] = None,
    ) -> str:
        """Upload a file or a directory tree; return ``s3://bucket/key_prefix[/file name]``."""
        if not os.path.exists(path):
            raise ValueError(f"path={path!r} does not exist")
        bucket, key_prefix = self._bucket_and_prefix(bucket, key_prefix)
        extra = dict(extra_args or {})
        owner = self._expected_owner(bucket)
        if owner:
            extra["ExpectedBucketOwner"] = owner
        files = []
        suffix = None
        if os.path.isdir(path):
            for folder, _, names in os.walk(path):
                relative = os.path.relpath(folder, path)
                for name in sorted(names):
                    sub = "" if relative == "." else relative.replace(os.sep, "/") + "/"
                    files.append((os.path.join(folder, name), f"{key_prefix}/{sub}{name}"))
        else:
            suffix = os.path.basename(path)
            files.append((path, f"{key_prefix}/{suffix}"))
        for local_path, key in files:
            self.s3_client.upload_file(local_path, bucket, key, ExtraArgs=extra or None, Callback=callback)
        uri = f"s3://{bucket}/{key_prefix}"
        return f"{uri}/{suffix}" if suffix else uri

    def upload_string_as_file_body(self, body: str, bucket: str, key: str, kms_key: Optional[str] = None) -> str:
        """Write ``body`` to ``s3://bucket/key`` (SSE-KMS with ``kms_key``); return the URI."""
        kwargs: Dict[str, Any] = {"Bucket": bucket, "Key": key, "Body": body}
        if kms_key is not None:
            kwargs.update(SSEKMSKeyId=kms_key, ServerSideEncryption="aws:kms")
        owner = self._expected_owner(bucket)
        if owner:
            kwargs["ExpectedBucketOwner"] = owner
        self.s3_client.put_object(**kwargs)
        return f"s3://{bucket}/{key}"

    def download_data(
        self, path: str, bucket: str, key_prefix: str = "", extra_args: Optional[Dict[str, Any]] = None
    ) -> List[str]:
        """Download the object or every object under ``key_prefix`` into directory ``path``.

        Keys are placed relative to the prefix; a key that would land outside
        ``path`` (``..`` segments) is refused.
        """
        owner = self._expected_owner(bucket)
        listing: Dict[str, Any] = {"Bucket": bucket, "Prefix": key_prefix}
        if owner:
            listing["ExpectedBucketOwner"] = owner
        keys: List[str] = []
        for page in self.s3_client.get_paginator("list_objects_v2").paginate(**listing):
            for item in page.get("Contents", []):
                if item["Key"].endswith("/") and int(item.get("Size", 0)) == 0:
                    continue
                keys.append(item["Key"])
        if not keys:
            logger.info("Nothing to download from bucket: %s, key_prefix: %s.", bucket, key_prefix)
            return []
        extra = dict(extra_args or {})
        if owner:
            extra["ExpectedBucketOwner"] = owner
        root = os.path.abspath(path)
        downloaded = []
        single_object = keys == [key_prefix]
        for key in keys:
            relative = os.path.basename(key) if single_object else os.path.relpath(key, key_prefix or ".")
            destination = os.path.abspath(os.path.join(root, relative))
            if os.path.commonpath([root, destination]) != root:
                raise ValueError(f"S3 key {key!r} would be written outside {path!r}; refusing")
            os.makedirs(os.path.dirname(destination), exist_ok=True)
            self.s3_client.download_file(bucket, key, destination, ExtraArgs=extra or None)
            downloaded.append(destination)
        return downloaded

    def read_s3_file(self, bucket: str, key_prefix: str) -> str:
        """The object's body decoded as UTF-8."""
        kwargs = {"Bucket": bucket, "Key": key_prefix}
        owner = self._expected_owner(bucket)
        if owner:
            kwargs["ExpectedBucketOwner"] = owner
        return self.s3_client.get_object(**kwargs)["Body"].read().decode("utf-8")

    def list_s3_files(self, bucket: str, key_prefix: str) -> List[str]:
        """Keys of every object under ``key_prefix``."""
        keys: List[str] = []
        for page in self.s3_client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=key_prefix):
            keys.extend(item["Key"] for item in page.get("Contents", []))
        return keys

    def upload_file_to_key(self, local_path: str, s3_uri: str, extra_args: Optional[Dict[str, Any]] = None) -> str:
        """Upload one file to exactly ``s3_uri`` (used for code and model archives)."""
        bucket, key = parse_s3_url(s3_uri)
        extra = dict(extra_args or {})
        owner = self._expected_owner(bucket)
        if owner:
            extra["ExpectedBucketOwner"] = owner
        self.s3_client.upload_file(local_path, bucket, key, ExtraArgs=extra or None)
        return s3_uri

    def open_upload_stream(self, s3_uri: str, extra_args: Optional[Dict[str, Any]] = None) -> Any:
        """A write-only sink that becomes the object ``s3_uri`` (multipart while it is written);
        call ``close()`` to finish it or ``abort()`` to leave nothing behind."""
        from sagemaker_estimators.s3_upload_stream import StreamingUpload

        bucket, key = parse_s3_url(s3_uri)
        extra = dict(extra_args or {})
        owner = self._expected_owner(bucket)
        if owner:
            extra["ExpectedBucketOwner"] = owner
        return StreamingUpload(self.s3_client, bucket, key, extra)

    # training ------------------------------------------------------------------
    def train(self, input_mode: str, input_config: Optional[List[Dict[str, Any]]], **kwargs: Any) -> Dict[str, Any]:
        """Create a training job from V2's ``Session.train`` arguments; return the request sent.

        Arguments left unset take the defaults config's ``SageMaker.TrainingJob`` values.
        """
        from sagemaker_estimators.config.apply import training_inputs, training_request_with_config
        from sagemaker_estimators.request_builders.training import training_job_request

        kwargs.update(training_inputs(
            self.sagemaker_config, role=kwargs.get("role"),
            encrypt_inter_container_traffic=kwargs.get("encrypt_inter_container_traffic"),
            enable_network_isolation=kwargs.get("enable_network_isolation"),
            environment=kwargs.get("environment")))
        request = training_request_with_config(
            training_job_request(input_mode=input_mode, input_config=input_config, **kwargs), self.sagemaker_config)
        self.create_training_job(request)
        return request

    def create_training_job(self, request: Dict[str, Any]) -> Dict[str, Any]:
        """Send a CreateTrainingJob request built by :func:`training_job_request`."""
        logger.info("Creating training-job with name: %s", request["TrainingJobName"])
        logger.debug("train request: %s", json.dumps(request, default=str))
        return create_once(self.sagemaker_client, TRAINING_JOB, request)

    def describe_training_job(self, job_name: str) -> Dict[str, Any]:
        """DescribeTrainingJob."""
        return self.sagemaker_client.describe_training_job(TrainingJobName=job_name)

    def stop_training_job(self, job_name: str) -> None:
        """StopTrainingJob; a job that already finished is left alone with a log line."""
        try:
            logger.info("Stopping training job: %s", job_name)
            self.sagemaker_client.stop_training_job(TrainingJobName=job_name)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") == "ValidationException":
                logger.info("Training job: %s is already stopped or not running.", job_name)
            else:
                raise

    def wait_for_job(self, job: str, poll: float = 5) -> Dict[str, Any]:
        """Wait until the training job ends; raise if it failed; return its description."""
        description = wait_until(
            lambda: self.describe_training_job(job),
            lambda desc: desc.get("TrainingJobStatus") in TERMINAL_JOB_STATUSES,
            poll=poll,
        )
        check_job_status(job, description, "TrainingJobStatus")
        return description

    def logs_for_job(
        self, job_name: str, wait: bool = False, poll: float = 10, log_type: str = "All",
        timeout: Optional[float] = None,
    ) -> Dict[str, Any]:
        """Print the job's CloudWatch logs (all hosts); with ``wait`` follow it until it ends."""
        return job_logs.follow_job(
            describe=lambda: self.describe_training_job(job_name),
            logs_client=self.logs_client,
            job_name=job_name,
            log_group=TRAINING_LOG_GROUP,
            status_key="TrainingJobStatus",
            wait=wait,
            poll=poll,
            timeout=timeout,
        )


def get_execution_role(sagemaker_session: Optional[Session] = None, use_default: bool = False) -> str:
    """The IAM role ARN of the caller (a notebook's execution role, or the assumed role).

    Raises ValueError when the caller is not a role (an IAM user, say), as V2 does.
    ``use_default=True`` (V2 creates a role then) is not supported: pass a role ARN.
    """
    session = sagemaker_session or Session()
    arn = session.get_caller_identity_arn()
    if ":role/" in arn:
        return arn
    if use_default:
        raise ValueError(
            "get_execution_role(use_default=True) would create an IAM role; sagemaker-estimators "
            "does not create roles. Create one with the AmazonSageMakerFullAccess policy and pass its ARN."
        )
    raise ValueError(
        f"The current AWS identity is not a role: {arn}, therefore it cannot be used as a "
        "SageMaker execution role"
    )
