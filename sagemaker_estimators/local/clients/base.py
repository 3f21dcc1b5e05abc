"""What every part of the local SageMaker client shares: its session, the runtimes, scratch and code dirs.

:class:`LocalClientBase` holds the session and the runtime factory; each resource kind
derives from it (:mod:`.training_jobs`, :mod:`.hosting`, :mod:`.transform_jobs`) and
:class:`~sagemaker_estimators.local.clients.sagemaker_client.LocalSagemakerClient`
composes them.  A runtime is reached only through the
:class:`~sagemaker_estimators.local.runtime.LocalRuntime` protocol; the compose and
process runtimes are imported when an instance type first needs them.
"""
from __future__ import annotations

import logging
import os
import tarfile
from typing import Any, Callable, Dict, List, Optional

from botocore.exceptions import ClientError

from sagemaker_estimators.archives import limits_of
from sagemaker_estimators.local import data
from sagemaker_estimators.local.credentials import container_credentials
from sagemaker_estimators.local.runtime import ChannelSpec, LocalRuntime
from sagemaker_estimators.image_uris.instances import LOCAL_INSTANCE_TYPES

logger = logging.getLogger(__name__)

PROCESS_INSTANCE_TYPE = "local_process"
COMPOSE_INSTANCE_TYPES = ("local", "local_gpu")
CONTAINER_CODE_DIR = "/opt/ml/code"
CONTAINER_INPUT_DATA = "/opt/ml/input/data/"
#: (substring of the image's repository name, framework), first match wins
FRAMEWORK_REPOSITORIES = (
    ("huggingface", "huggingface"),
    ("pytorch", "pytorch"),
    ("tensorflow", "tensorflow"),
    ("mxnet", "mxnet"),
    ("xgboost", "xgboost"),
    ("scikit-learn", "sklearn"),
    ("sklearn", "sklearn"),
)


def framework_from_image(image_uri: str) -> Optional[str]:
    """"sklearn", "pytorch", "xgboost", "huggingface" from the image's repository name, else None."""
    repository = image_uri.split("/", 1)[-1]
    repository = repository.split("@", 1)[0].split(":", 1)[0].lower()
    for needle, framework in FRAMEWORK_REPOSITORIES:
        if needle in repository:
            return framework
    return None


def check_instance_type(instance_type: Any, parameter: str) -> str:
    """The instance type, or ValueError naming the valid local choices."""
    if instance_type not in LOCAL_INSTANCE_TYPES:
        raise ValueError(
            f"{parameter}={instance_type!r}: a LocalSession runs only the local instance types "
            f"{list(LOCAL_INSTANCE_TYPES)}; use a sagemaker.Session for {instance_type!r}."
        )
    return instance_type


def resource_in_use(operation: str, what: str, name: str) -> ClientError:
    """The ResourceInUse error of a create call whose name a local resource already has."""
    return ClientError(
        {"Error": {"Code": "ResourceInUse", "Message": f"local {what} {name!r} already exists"}}, operation
    )


class LocalClientBase:
    """The session, the runtime factory and the helpers every resource kind of the local client uses.

    Args: see :class:`~sagemaker_estimators.local.clients.sagemaker_client.LocalSagemakerClient`.
    """

    def __init__(self, sagemaker_session: Any, runtime_factory: Optional[Callable[[str], LocalRuntime]] = None):
        self.sagemaker_session = sagemaker_session
        self._runtime_factory = runtime_factory

    # ------------------------------------------------------------------ plumbing

    def _local_config(self) -> Dict[str, Any]:
        return (getattr(self.sagemaker_session, "config", None) or {}).get("local") or {}

    def _container_root(self) -> Optional[str]:
        return self._local_config().get("container_root")

    def runtime(self, instance_type: str) -> LocalRuntime:
        """The runtime that runs ``instance_type``, made from the session's current config."""
        check_instance_type(instance_type, "InstanceType")
        if self._runtime_factory is not None:
            return self._runtime_factory(instance_type)
        if instance_type == PROCESS_INSTANCE_TYPE:
            from sagemaker_estimators.local.process.process_runtime import ProcessRuntime

            return ProcessRuntime()
        from sagemaker_estimators.local.compose.compose_runtime import ComposeRuntime

        return ComposeRuntime(container_config=self._local_config().get("container_config"))

    def _container_credentials(self, instance_type: str) -> Dict[str, str]:
        """The caller's AWS credentials for Docker containers (a local process has them already)."""
        if instance_type == PROCESS_INSTANCE_TYPE:
            return {}
        return container_credentials(self.sagemaker_session.boto_session)

    def _region(self) -> str:
        return self.sagemaker_session.boto_region_name

    def _scratch(self, name: str) -> str:
        return data.make_scratch_dir(self._container_root(), f"sm-local-{name[:40]}-")

    def code_dir_from(self, location: str, scratch: str, channels: List[ChannelSpec], parameter: str) -> Optional[str]:
        """A local directory with the code ``location`` names, or None for a path inside the image.

        ``file://`` directories are used as they are; ``file://`` / ``s3://`` archives
        (``sourcedir.tar.gz``) and archives in an input channel are extracted into ``scratch``.
        """
        target = os.path.join(scratch, "code")
        if location.startswith(("file://", "s3://")):
            if location.startswith("file://"):
                path = data.local_path_from_uri(location, parameter)
                if os.path.isdir(path):
                    return path
            else:
                path = data.materialize_file(location, os.path.join(scratch, "code-archive"),
                                             self.sagemaker_session, parameter)
        elif location.startswith(CONTAINER_INPUT_DATA):
            channel_name, _, relative = location[len(CONTAINER_INPUT_DATA):].partition("/")
            match = [channel for channel in channels if channel.name == channel_name]
            if not match:
                raise ValueError(f"{parameter}={location!r} names channel {channel_name!r}, which is not an input")
            path = os.path.join(match[0].local_dir, relative)
        else:
            return None  # a path inside the container image
        if not os.path.isfile(path) or not tarfile.is_tarfile(path):
            raise ValueError(f"{parameter}={location!r} must be a directory or a .tar.gz archive")
        return data.extract_archive(path, target, limits_of(self.sagemaker_session))

