"""``summarizer serve`` under load on loopback, the full figure behind tests/test_service_load.py.

    python benchmarks/bench_service_load.py [--clients 50] [--duration 60] [--latency 0.0]

The service runs as its own process (``summarizer serve``) with a key and a rate limit too
high to bite, briefing every request through the fake OpenAI endpoint (another process,
answering after ``--latency`` seconds) with the cache off. ``--clients`` callers post briefs
back to back for ``--duration`` seconds. Prints the request rate, statuses, p50/p99 latency
and the service's median RSS in each half of the run; exits 1 on any 5xx or transport error,
or when the second half's RSS is over 1.25 times the first's.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

from bench_batch import Endpoint

from summarizer.testing.load import drive_load, serve_in_process, service_environment

KEY = "bench-load-key-0123456789abcdef"
GROWTH_LIMIT = 1.25


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--latency", type=float, default=0.0)
    options = parser.parse_args()
    endpoint = Endpoint(options.latency)
    try:
        with tempfile.TemporaryDirectory() as scratch:
            config = Path(scratch, "service.toml")
            config.write_text(
                "[service]\nrate_limit_per_minute = 1000000\nrate_limit_burst = 10000\n"
            )
            arguments = ["--engine", "openai", "--base-url", endpoint.base_url,
                         "--api-key", "k", "--no-cache"]  # fmt: skip
            with serve_in_process(arguments, service_environment(KEY, config)) as service:
                report = asyncio.run(
                    drive_load(
                        service.base_url,
                        KEY,
                        clients=options.clients,
                        duration=options.duration,
                        pid=service.process.pid,
                    )
                )
    finally:
        endpoint.close()
    print(f"{options.clients} clients: {report.summary()}")
    first_half, second_half = report.rss_halves()
    if report.server_errors or report.transport_errors or second_half > first_half * GROWTH_LIMIT:
        sys.exit(1)


if __name__ == "__main__":
    main()
