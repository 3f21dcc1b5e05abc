"""Latency of the local model server for a client that reuses its connection (keep-alive).

    python benchmarks/bench_model_server_keepalive.py [--requests 500]

Starts the model server's HTTP front end in this process with an echo handler
(no model, no framework) and sends small POST /invocations on one
``http.client`` connection; prints p50/p90/p99.  Goal: p50 <= 2 ms (before the
fix, headers and body went out as two small writes and every request stalled
~40 ms on Nagle's algorithm and the peer's delayed ACK).
"""
from __future__ import annotations

import argparse
import http.client
import os
import statistics
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from sagemaker_estimators.local.model_server.server import ModelServer  # noqa: E402


class _Echo:
    def invoke(self, body, content_type, accept):
        return body, "text/csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500)
    args = parser.parse_args()
    server = ModelServer(("127.0.0.1", 0), 1 << 20)
    server.inference = _Echo()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1])
    timings = []
    try:
        for _ in range(args.requests):
            start = time.perf_counter()
            connection.request("POST", "/invocations", body=b"5.1,3.5,1.4,0.2", headers={"Content-Type": "text/csv"})
            connection.getresponse().read()
            timings.append((time.perf_counter() - start) * 1000)
    finally:
        connection.close()
        server.shutdown()
        server.server_close()
    timings.sort()
    print(f"{args.requests} keep-alive POST /invocations: p50 {statistics.median(timings):.2f} ms, "
          f"p90 {timings[int(len(timings) * 0.9)]:.2f} ms, p99 {timings[int(len(timings) * 0.99)]:.2f} ms "
          "(goal p50 <= 2 ms)")


if __name__ == "__main__":
    main()
