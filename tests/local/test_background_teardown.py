"""Background teardowns run on non-daemon threads and are waited for."""
from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
import threading

import pytest

from sagemaker_estimators.local.compose.background_teardown import BackgroundTeardowns


def test_wait_returns_once_every_submitted_action_has_run():
    teardowns = BackgroundTeardowns()
    release = threading.Event()
    done = []
    teardowns.submit("slow", lambda: (release.wait(30), done.append("slow")))
    teardowns.submit("fast", lambda: done.append("fast"))

    assert teardowns.wait(timeout=0.05) is False  # "slow" is still held
    assert teardowns.pending() >= 1
    release.set()
    assert teardowns.wait(timeout=30) is True
    assert sorted(done) == ["fast", "slow"]
    assert teardowns.pending() == 0


def test_a_failing_action_is_logged_and_does_not_stop_the_others(caplog):
    teardowns = BackgroundTeardowns()
    done = []

    def fail():
        raise RuntimeError("network is busy")

    with caplog.at_level(logging.ERROR, logger="sagemaker_estimators.local.compose.background_teardown"):
        teardowns.submit("broken-job", fail)
        teardowns.submit("fine-job", lambda: done.append(1))
        assert teardowns.wait(timeout=30)
    assert done == [1]
    assert "Background teardown of broken-job failed" in caplog.text
    assert "network is busy" in caplog.text


@pytest.mark.parametrize("timeout", [-1, "5", True])
def test_bad_timeout_is_refused(timeout):
    with pytest.raises(ValueError, match="timeout must be a non-negative number"):
        BackgroundTeardowns().wait(timeout=timeout)


def test_action_must_be_callable():
    with pytest.raises(TypeError, match="action must be callable"):
        BackgroundTeardowns().submit("job", None)


def test_the_interpreter_finishes_pending_teardowns_before_it_exits(tmp_path):
    marker = tmp_path / "removed"
    code = textwrap.dedent(
        f"""
        import time
        from sagemaker_estimators.local.compose.background_teardown import TEARDOWNS

        def remove():
            time.sleep(0.5)
            open({str(marker)!r}, "w").close()

        TEARDOWNS.submit("job", remove)
        print("returning with", TEARDOWNS.pending(), "pending", flush=True)
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)

    assert result.returncode == 0, result.stderr
    assert "returning with 1 pending" in result.stdout
    assert marker.exists()
