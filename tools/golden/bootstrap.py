"""Run one scenario script and record every AWS API call it makes.

Usage (this file runs inside the interpreter under test, V2's or ours)::

    python tools/golden/bootstrap.py [--facade-hook] SCENARIO.py OUT.json

It patches ``botocore.client.BaseClient._make_api_call`` before the scenario
imports anything, so every client of every service is seen, whichever boto3
session created it.  Each call is stored in order as
``{"service", "operation", "params", "error"?, "telemetry"?}`` with request
bodies replaced by a description (see :mod:`bodies`).  Calls made from V2's
``sagemaker/telemetry/`` package are flagged ``"telemetry": true``.

Network traffic that is not AWS-through-botocore is refused at once (so a
telemetry GET cannot hang a recording with no network) and noted under
``"network"``: every DNS look-up of a host that is not loopback, and every
``requests`` call with its method and URL.

The scenario runs as ``__main__`` with the extra global ``record_value(name,
value)`` for results worth comparing (``est.model_data``, a prediction ...).
An exception in the scenario is recorded under ``"scenario_error"`` and the
recording is still written; the exit code is then 3.

Only the standard library and botocore are used: this file must run on both
interpreters, Python >= 3.9.
"""
from __future__ import annotations

import json
import os
import runpy
import socket
import sys
import traceback
from typing import Any, Dict, List

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bodies  # noqa: E402  - sibling module, found through HERE

# the scenario must not see this folder on its path (e.g. a scenario module called "bodies")
sys.path[:] = [entry for entry in sys.path if os.path.abspath(entry or os.curdir) != HERE]

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}

calls: List[Dict[str, Any]] = []
network: List[Dict[str, Any]] = []
values: Dict[str, Any] = {}
redirects: List[Dict[str, Any]] = []


def _from_telemetry() -> bool:
    """True when the call comes from V2's telemetry code itself.

    V2 wraps ``fit``/``deploy``... in a decorator (function ``wrapper``) from its
    ``sagemaker/telemetry`` package, so that package is on the stack of every
    call they make: the call is telemetry only when the innermost frame from
    that package is not the decorator (``_send_telemetry_request``,
    ``_get_accountId`` ...).
    """
    marker = os.sep + os.path.join("sagemaker", "telemetry") + os.sep
    frame = sys._getframe(2)
    while frame is not None:
        if marker in frame.f_code.co_filename:
            return frame.f_code.co_name != "wrapper"
        frame = frame.f_back
    return False


def _install_botocore_recorder() -> None:
    from botocore.client import BaseClient

    original = BaseClient._make_api_call

    def recording_call(self, operation_name, api_params):
        service = self.meta.service_model.service_name
        entry: Dict[str, Any] = {
            "service": service,
            "operation": operation_name,
            "params": bodies.describe_params(api_params),
        }
        if _from_telemetry():
            entry["telemetry"] = True
        calls.append(entry)
        try:
            return original(self, operation_name, api_params)
        except Exception as error:  # recorded, then re-raised unchanged
            code = getattr(error, "response", {}).get("Error", {}).get("Code")
            entry["error"] = code or type(error).__name__
            raise

    BaseClient._make_api_call = recording_call


def _install_endpoint_redirect() -> None:
    """Send clients made with an explicit AWS ``endpoint_url`` to AWS_ENDPOINT_URL too.

    V2 builds its STS client with ``endpoint_url=https://sts.<region>.amazonaws.com``,
    which beats ``AWS_ENDPOINT_URL``; without this it would try the real AWS.
    Each redirect is noted under ``"redirects"`` (kept for information, not compared).
    """
    target = os.environ.get("AWS_ENDPOINT_URL")
    if not target:
        return
    from botocore.session import Session

    original = Session.create_client

    def redirecting_create_client(self, service_name, *args, **kwargs):
        url = kwargs.get("endpoint_url")
        if url and ".amazonaws.com" in url:
            redirects.append({"service": service_name, "endpoint_url": url})
            kwargs["endpoint_url"] = target
        return original(self, service_name, *args, **kwargs)

    Session.create_client = redirecting_create_client


def _install_network_guard() -> None:
    original_getaddrinfo = socket.getaddrinfo

    def guarded_getaddrinfo(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        if name is not None and name not in LOOPBACK_HOSTS:
            network.append({"kind": "dns", "host": name, "telemetry": _from_telemetry()})
            raise socket.gaierror(socket.EAI_NONAME, f"golden recorder: no network ({name})")
        return original_getaddrinfo(host, *args, **kwargs)

    socket.getaddrinfo = guarded_getaddrinfo

    try:
        import requests
    except ImportError:
        return
    original_request = requests.sessions.Session.request

    def recording_request(self, method, url, *args, **kwargs):
        network.append(
            {"kind": "http", "method": method, "url": url, "telemetry": _from_telemetry()}
        )
        return original_request(self, method, url, *args, **kwargs)

    requests.sessions.Session.request = recording_request


def _record_value(name: str, value: Any) -> None:
    """Keep ``value`` (made JSON-safe) under ``name`` for comparison."""
    values[name] = bodies.json_safe(value)


def main(argv: List[str]) -> int:
    args = list(argv)
    facade_hook = "--facade-hook" in args
    if facade_hook:
        args.remove("--facade-hook")
    if len(args) != 2:
        sys.stderr.write(__doc__)
        return 2
    scenario, out_path = (os.path.abspath(path) for path in args)
    if facade_hook:
        # what the installed sagemaker_estimators.pth does at start-up
        import sagemaker_estimators._startup  # noqa: F401

    _install_botocore_recorder()
    _install_endpoint_redirect()
    _install_network_guard()
    sys.path.insert(0, os.path.dirname(scenario))
    sys.argv = [scenario]
    status = 0
    scenario_error = None
    try:
        runpy.run_path(scenario, init_globals={"record_value": _record_value}, run_name="__main__")
    except SystemExit as exit_:
        if exit_.code not in (None, 0):
            scenario_error = f"SystemExit({exit_.code!r})"
            status = 3
    except BaseException as error:  # noqa: B902 - any failure is part of the record
        scenario_error = "".join(traceback.format_exception_only(type(error), error)).strip()
        traceback.print_exc()
        status = 3
    record: Dict[str, Any] = {"calls": calls, "network": network, "values": values, "redirects": redirects}
    if scenario_error is not None:
        record["scenario_error"] = scenario_error
    with open(out_path, "w", encoding="utf-8") as handle:
        json.dump(record, handle, indent=1, sort_keys=True)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
