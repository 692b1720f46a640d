"""The service under load on loopback: 50 concurrent callers for 10 s (the 60 s figure comes
from benchmarks/bench_service_load.py), with keys configured and a rate limit high enough not
to bite, briefing through the fake OpenAI endpoint. No 5xx, and memory levels off."""

from __future__ import annotations

import asyncio
import http.client
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from summarizer.testing.fake_openai import FakeOpenAI
from summarizer.testing.load import drive_load, serve_in_process, service_environment

KEY = "load-test-key-0123456789abcdef"
CLIENTS = 50
DURATION = 10.0
IDLE_SECONDS = 6.0
"""Longer than httpx keeps an idle connection (5 s), and than uvicorn's default keep-alive."""


@pytest.mark.slow
def test_fifty_concurrent_callers_get_no_5xx_and_memory_levels_off(
    fake_openai: FakeOpenAI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "service.toml"
    config.write_text("[service]\nrate_limit_per_minute = 1000000\nrate_limit_burst = 10000\n")
    arguments = ["--engine", "openai", "--base-url", fake_openai.base_url, "--api-key", "k",
                 "--no-cache", "--timeout", "10"]  # fmt: skip

    with serve_in_process(arguments, service_environment(KEY, config)) as service:
        report = asyncio.run(
            drive_load(
                service.base_url,
                KEY,
                clients=CLIENTS,
                duration=DURATION,
                pid=service.process.pid,
            )
        )

    with capsys.disabled():
        print(f"\nservice load, {CLIENTS} clients: {report.summary()}")
    first_half, second_half = report.rss_halves()
    assert report.statuses[200] > 0
    assert report.server_errors == 0
    assert set(report.statuses) == {200}
    assert report.transport_errors.total() == 0, "some callers got no answer at all"
    assert second_half <= first_half * 1.25, "the service's memory keeps growing under load"
    assert len(fake_openai.requests) >= report.statuses[200]


@pytest.mark.slow
def test_a_connection_left_idle_longer_than_clients_keep_theirs_still_answers(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    """httpx keeps an idle connection for 5 s: a service that also closed it at 5 s would now
    and then close one just as a client reused it, and that request would get no answer."""
    arguments = ["--engine", "openai", "--base-url", fake_openai.base_url, "--api-key", "k"]
    config = tmp_path / "service.toml"
    config.write_text("[service]\n")
    environment = service_environment(KEY, config)

    with serve_in_process(arguments, environment) as service:
        address = urlsplit(service.base_url)
        assert address.hostname is not None
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
        try:
            connection.request("GET", "/healthz")
            first = connection.getresponse()
            first.read()
            time.sleep(IDLE_SECONDS)
            connection.request("GET", "/healthz")
            second = connection.getresponse()
            second.read()
        finally:
            connection.close()

    assert (first.status, second.status) == (200, 200)
