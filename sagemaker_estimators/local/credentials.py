"""AWS credentials for local containers, as V2 handed them to its Docker containers.

A script in a local container that reads S3 itself needs the caller's
credentials.  They are looked up only where that costs no network call
(environment, shared credentials and config files, SSO cache, processes the
config names); the instance-metadata and container-role providers are skipped,
so a machine without AWS pays nothing.  The values go into the container's
environment only (the compose runtime masks environment values when it logs).
"""
from __future__ import annotations

import logging
from typing import Any, Dict

logger = logging.getLogger(__name__)

#: credential providers that would ask the network (IMDS) or a container agent
_NETWORK_PROVIDERS = ("iam-role", "container-role")


def container_credentials(boto_session: Any) -> Dict[str, str]:
    """``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY`` (/ ``AWS_SESSION_TOKEN``), or {} when none
    can be found without the network."""
    try:
        from botocore.credentials import create_credential_resolver

        resolver = create_credential_resolver(boto_session._session)
        for name in _NETWORK_PROVIDERS:
            try:
                resolver.remove(name)
            except (KeyError, ValueError):
                pass
        credentials = resolver.load_credentials()
        if credentials is None:
            return {}
        frozen = credentials.get_frozen_credentials()
    except Exception as error:  # noqa: BLE001 - no credentials is a normal local-mode state
        logger.debug("No AWS credentials for local containers: %s", error)
        return {}
    environment = {"AWS_ACCESS_KEY_ID": frozen.access_key, "AWS_SECRET_ACCESS_KEY": frozen.secret_key}
    if frozen.token:
        logger.warning("Passing short-lived AWS credentials to the local container; they may expire while it runs.")
        environment["AWS_SESSION_TOKEN"] = frozen.token
    return environment
