"""A moto server in a real subprocess on 127.0.0.1, reached by boto3 through AWS_ENDPOINT_URL."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from typing import Dict, Optional

import attrs

DUMMY_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-west-2",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@attrs.define
class MotoServer:
    """Handle on a running moto server process."""

    port: int
    process: subprocess.Popen

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def environment(self) -> Dict[str, str]:
        """Environment variables that point boto3 at this server with dummy credentials."""
        env = dict(DUMMY_CREDENTIALS)
        env["AWS_ENDPOINT_URL"] = self.endpoint
        return env

    def reset(self) -> None:
        request = urllib.request.Request(f"{self.endpoint}/moto-api/reset", method="POST")
        urllib.request.urlopen(request, timeout=10).close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_moto_server(port: Optional[int] = None, python: str = sys.executable) -> MotoServer:
    """Start ``python -m moto.server`` on 127.0.0.1 and wait until it answers."""
    port = port or free_port()
    env = dict(os.environ)
    env.update(DUMMY_CREDENTIALS)
    env.pop("AWS_ENDPOINT_URL", None)
    # moto fakes SageMaker jobs: make them complete at once instead of running
    env.setdefault("MOTO_SAGEMAKER_TRAINING_JOB_STATUS", "Completed")
    process = subprocess.Popen(
        [python, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    server = MotoServer(port=port, process=process)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"moto server exited with code {process.returncode}")
        try:
            urllib.request.urlopen(f"{server.endpoint}/moto-api/", timeout=1).close()
            return server
        except OSError:
            time.sleep(0.05)
    server.stop()
    raise RuntimeError("moto server did not start within 30 s")
