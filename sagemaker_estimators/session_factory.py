"""The one place that chooses between a cloud :class:`Session` and a :class:`LocalSession`.

Job kinds (estimators, models, transformers, processors) never import ``local/``: when the
user gives no session they ask :func:`default_session` for one, with the instance type
they run on. Each job kind keeps its own V2 rule for a session the user *did* give (an
estimator refuses a cloud session for a local instance type, a processor replaces it).
"""
from __future__ import annotations

from typing import Any, Optional

from sagemaker_estimators.image_uris.instances import is_local_instance_type


def default_session(instance_type: Optional[str] = None) -> Any:
    """A new ``LocalSession`` for ``local``/``local_gpu``/``local_process``, else a new ``Session``.

    Both are imported here, on first use, so that loading a job kind loads neither boto3
    clients nor the local runtimes.
    """
    if is_local_instance_type(instance_type):
        from sagemaker_estimators.local.session import LocalSession

        return LocalSession()
    from sagemaker_estimators.session import Session

    return Session()
