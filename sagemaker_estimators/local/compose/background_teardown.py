"""Teardown that need not hold up the caller, finished before the interpreter exits.

Removing a finished job's containers and its network takes the engine ~0.2 s, and
nothing the caller gets back depends on it: the job's files are on the host already.
:data:`TEARDOWNS` runs such work on worker threads instead.  The threads are not
daemons, so Python waits for them when the program ends (a script that calls ``fit()``
and exits still leaves nothing behind); :meth:`BackgroundTeardowns.wait` waits for them
earlier, e.g. in tests that check that nothing is left.

Failed and interrupted jobs are torn down in the foreground, before their error
reaches the caller.
"""
from __future__ import annotations

import contextlib
import logging
import threading
import time
from typing import Any, Callable, Iterator, Optional, Set

logger = logging.getLogger(__name__)


class BackgroundTeardowns:
    """A set of running teardown threads."""

    def __init__(self) -> None:
        self._threads: Set[threading.Thread] = set()
        self._lock = threading.Lock()

    def submit(self, name: str, action: Callable[[], None]) -> None:
        """Run ``action`` on a new non-daemon thread; its exceptions are logged, not raised."""
        if not callable(action):
            raise TypeError(f"action must be callable, got {type(action).__name__}")

        def run() -> None:
            try:
                action()
            except Exception:  # nobody is left to raise to: say what failed
                logger.exception("Background teardown of %s failed", name)
            finally:
                with self._lock:
                    self._threads.discard(thread)

        thread = threading.Thread(target=run, name=f"teardown-{name}", daemon=False)
        with self._lock:
            self._threads.add(thread)
        thread.start()

    def pending(self) -> int:
        """How many teardowns are still running."""
        with self._lock:
            return len(self._threads)

    def wait(self, timeout: Optional[float] = None) -> bool:
        """Wait until every teardown submitted so far has finished; False on timeout."""
        if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout < 0):
            raise ValueError(f"timeout must be a non-negative number of seconds or None, got {timeout!r}")
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
            thread.join(remaining)
        return all(not thread.is_alive() for thread in threads)


#: the process-wide teardowns of local-mode containers and networks
TEARDOWNS = BackgroundTeardowns()


@contextlib.contextmanager
def project_up(project: Any, client_future: Any, reclaim: Callable[[Any], None]) -> Iterator[None]:
    """Bring a compose ``project`` up for the block, then take it down.

    When the block succeeds the containers and the network go in the background
    (:data:`TEARDOWNS`); when it fails or is interrupted they go before the error
    propagates.  ``reclaim(client)`` then gives the job's files back to the user
    (skipped when the Docker client never came up).
    """
    succeeded = False
    try:
        project.up()
        yield
        succeeded = True
    finally:
        client = client_future.get_or_none()
        if succeeded and client is not None:
            # every host exited 0 and its files are on the host: removing the
            # containers and the network (~0.2 s) need not hold up the caller
            TEARDOWNS.submit(project.project, lambda: project.down(client))
        else:
            project.down(client)
        if client is not None:
            reclaim(client)
