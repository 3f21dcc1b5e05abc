"""Issue 16 item 14: the model server answers in one write with TCP_NODELAY, so a client that
reuses its connection does not stall ~40 ms per request (Nagle + delayed ACK)."""
from __future__ import annotations

import http.client
import socket
import socketserver
import threading

import pytest

from sagemaker_estimators.local.model_server.server import ModelServer


class _Echo:
    def invoke(self, body, content_type, accept):
        return body, "application/octet-stream"


class _RecordingServer(ModelServer):
    def __init__(self, *args):
        super().__init__(*args)
        self.connections = []

    def finish_request(self, request, client_address):
        self.connections.append(request)
        super().finish_request(request, client_address)


@pytest.fixture
def server():
    instance = _RecordingServer(("127.0.0.1", 0), 1 << 20)
    instance.inference = _Echo()
    thread = threading.Thread(target=instance.serve_forever, daemon=True)
    thread.start()
    yield instance
    instance.shutdown()
    instance.server_close()
    thread.join(5)


def test_each_answer_is_one_write_on_a_nodelay_socket(server, monkeypatch):
    writes = []
    original = socketserver._SocketWriter.write

    def counting(self, data):
        writes.append(len(data))
        return original(self, data)

    monkeypatch.setattr(socketserver._SocketWriter, "write", counting)
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
    try:
        for body in (b"1", b"hello", b"x" * 3000):
            connection.request("POST", "/invocations", body=body, headers={"Content-Type": "text/csv"})
            response = connection.getresponse()
            assert response.read() == body
        connection.request("GET", "/ping")
        assert connection.getresponse().read() == b"\n"
        assert writes and len(writes) == 4, writes  # one write per answer: headers and body together
        (accepted,) = server.connections  # the client reused its connection
        assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
    finally:
        connection.close()
