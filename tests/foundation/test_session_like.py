"""``SessionLike`` describes what the job kinds use of a session: both sessions provide all of it.

mypy checks the protocol where a Session or LocalSession is passed as one; this test
checks the same at run time, member by member, so a member added to the protocol (or
removed from a session) fails here even without the type checker.
"""
from __future__ import annotations

import inspect

import pytest

from sagemaker_estimators.local.session import LocalSession
from sagemaker_estimators.session import Session
from sagemaker_estimators.session_like import SessionLike

MEMBERS = sorted(name for name in vars(SessionLike) if not name.startswith("_"))


def test_the_protocol_names_the_members_the_job_kinds_use():
    assert {"boto_region_name", "local_mode", "sagemaker_client", "default_bucket", "upload_data",
            "create_training_job", "create_processing_job", "create_tuning_job", "create_model",
            "transform"} <= set(MEMBERS)


@pytest.mark.parametrize("session_class", [Session, LocalSession])
@pytest.mark.parametrize("name", [name for name in MEMBERS if isinstance(vars(SessionLike)[name], property)])
def test_each_session_has_every_attribute(aws, session_class, name):
    assert hasattr(session_class(), name), f"{session_class.__name__} lacks {name}"


@pytest.mark.parametrize("session_class", [Session, LocalSession])
@pytest.mark.parametrize("name", [name for name in MEMBERS if not isinstance(vars(SessionLike)[name], property)])
def test_each_session_has_every_method_with_the_protocols_parameters(session_class, name):
    assert callable(getattr(session_class, name, None)), f"{session_class.__name__} lacks {name}()"
    wanted = vars(SessionLike)[name]
    given = inspect.signature(getattr(session_class, name)).parameters
    for parameter in inspect.signature(wanted).parameters.values():
        assert parameter.name in given, f"{session_class.__name__}.{name} lacks parameter {parameter.name}"
        if parameter.default is not inspect.Parameter.empty:
            assert given[parameter.name].default is not inspect.Parameter.empty, (
                f"{session_class.__name__}.{name}: {parameter.name} must be optional, as in SessionLike")
