"""The service under load on loopback: 50 concurrent callers for 10 s (the 60 s figure comes
from benchmarks/bench_service_load.py), with keys configured and a rate limit high enough not
to bite, briefing through the fake OpenAI endpoint. No 5xx, and memory levels off."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from summarizer.testing.fake_openai import FakeOpenAI
from summarizer.testing.load import drive_load, serve_in_process, service_environment

KEY = "load-test-key-0123456789abcdef"
CLIENTS = 50
DURATION = 10.0


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
    # About 1 request in 3,000 has its connection reset under this load (a ReadError, no
    # answer; see RELIABILITY.md). Tolerated here so the test is not flaky; the benchmark
    # fails on any.
    assert report.transport_errors.total() <= report.requests // 200
    assert second_half <= first_half * 1.25, "the service's memory keeps growing under load"
    assert len(fake_openai.requests) >= report.statuses[200]
