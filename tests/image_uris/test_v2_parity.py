"""Every recorded V2 image-URI answer (tools/record_image_uri_fixtures.py) is reproduced."""
from __future__ import annotations

import re
from typing import Any, Dict, List

import pytest

from sagemaker_estimators import image_uris
from sagemaker_estimators.image_uris import UnsupportedValueError

V2_UNSUPPORTED = re.compile(
    r"^Unsupported (?P<arg>.+?): (?P<value>.*?)\. You may need to upgrade your SDK version "
    r".*?Supported (?P=arg)\(s\): (?P<choices>.*)\.$",
    re.S,
)


class _Serverless:
    """Stand-in for a ServerlessInferenceConfig: retrieve() only checks it is given."""


def _call(function: str, kwargs: Dict[str, Any], region: str) -> str:
    kwargs = dict(kwargs)
    if kwargs.get("serverless_inference_config"):
        kwargs["serverless_inference_config"] = _Serverless()
    return getattr(image_uris, function)(region=region, **kwargs)


def _first_words(message: str, count: int = 3) -> List[str]:
    return message.split()[:count]


def _mismatch(function, kwargs, region, expected) -> str:
    """'' when our answer matches V2's recorded ``expected``, else a description."""
    try:
        got = _call(function, kwargs, region)
    except (ValueError, TypeError) as error:
        if not isinstance(expected, dict):
            return f"raised {error!r}, V2 returned {expected}"
        v2_type, v2_message = expected["error"], expected["message"]
        if v2_type != "ValueError":
            return ""  # V2 crashed (KeyError, FileNotFoundError ...); a clean error is fine
        if not isinstance(error, ValueError):
            return f"raised {error!r}, V2 raised ValueError {v2_message!r}"
        match = V2_UNSUPPORTED.match(v2_message)
        if match:
            if not isinstance(error, UnsupportedValueError):
                return f"raised {error!r}, V2: {v2_message!r}"
            ours = (error.arg_name, str(error.value), ", ".join(str(c) for c in error.choices))
            theirs = (match["arg"], match["value"], match["choices"])
            return "" if ours == theirs else f"error {ours} != V2 {theirs}"
        if _first_words(str(error)) != _first_words(v2_message):
            return f"error {str(error)!r} != V2 {v2_message!r}"
        return ""
    if isinstance(expected, dict):
        return f"returned {got}, V2 raised {expected['error']}: {expected['message'][:200]}"
    return "" if got == expected else f"{got} != V2 {expected}"


def test_fixture_is_exhaustive(v2_cases):
    calls = sum(len(results) for _, _, results in v2_cases)
    uris = sum(1 for _, _, results in v2_cases for r in results.values() if isinstance(r, str))
    assert len(v2_cases) > 10000 and calls > 40000 and uris > 30000


def test_every_v2_framework_is_bundled(v2_cases, bundled_only):
    recorded = {kwargs["framework"] for function, kwargs, _ in v2_cases
                if function == "retrieve" and kwargs["framework"] != "not-a-framework"}
    missing = recorded - set(image_uris.frameworks())
    assert not missing
    assert len(recorded) >= 60


@pytest.mark.parametrize("function", ["retrieve", "get_training_image_uri",
                                      "get_base_python_image_uri"])
def test_same_result_as_v2(v2_cases, bundled_only, function):
    failures = []
    checked = 0
    for fn, kwargs, results in v2_cases:
        if fn != function:
            continue
        for region, expected in results.items():
            checked += 1
            problem = _mismatch(fn, kwargs, region, expected)
            if problem:
                failures.append(f"{fn}({kwargs}, region={region!r}): {problem}")
    assert checked > 0
    assert not failures, f"{len(failures)} of {checked} differ:\n" + "\n".join(failures[:40])


def test_same_result_as_v2_when_memoised(v2_cases, bundled_only):
    """A second pass is answered from the memo and must not change anything."""
    sample = [c for c in v2_cases if c[0] == "retrieve"][::50]
    for _ in range(2):
        for fn, kwargs, results in sample:
            for region, expected in results.items():
                assert _mismatch(fn, kwargs, region, expected) == ""
