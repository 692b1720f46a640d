"""Request body size and per-key request rate limits."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from summarizer.service.limits import RateLimiter, TokenBucket
from summarizer.testing.fake_openai import FakeOpenAI

from .service_support import (
    ARTICLE,
    KEY,
    OTHER_KEY,
    auth,
    client_for,
    openai_settings,
    service_settings,
    serving,
)

LIMIT = 1000
UNKNOWN_BATCH = "/v1/batches/no-such-batch"


def raw_exchange(base_url: str, head: str, body: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send ``head`` and ``body`` (and nothing more), then read the whole answer."""
    address = urlsplit(base_url)
    with socket.create_connection((address.hostname, address.port), timeout=20) as connection:
        connection.sendall(head.encode() + body)
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = connection.recv(65536)
            assert chunk, "the connection closed before an answer"
            answer += chunk
        header_block, _, content = answer.partition(b"\r\n\r\n")
        lines = header_block.decode().split("\r\n")
        headers = dict(line.lower().split(": ", 1) for line in lines[1:])
        while len(content) < int(headers["content-length"]):
            chunk = connection.recv(65536)
            assert chunk, "the connection closed mid-answer"
            content += chunk
    return int(lines[0].split()[1]), headers, content


def request_head(declared: str) -> str:
    return (
        "POST /v1/briefs HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
        f"Authorization: Bearer {KEY}\r\n{declared}\r\n\r\n"
    )


def test_a_body_declared_over_the_limit_is_refused_before_it_is_sent(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    settings = openai_settings(fake_openai, tmp_path)
    with serving(settings, service_settings(max_body_bytes=LIMIT)) as base_url:
        status, headers, content = raw_exchange(
            base_url, request_head(f"Content-Length: {LIMIT * 50}"), b""
        )

    assert status == 413
    assert headers["content-type"] == "application/problem+json"
    assert json.loads(content)["kind"] == "body_too_large"
    assert fake_openai.requests == []


def test_a_streamed_body_over_the_limit_is_refused_before_it_ends(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    settings = openai_settings(fake_openai, tmp_path)
    first_chunk = b'{"text": "' + b"x" * LIMIT
    unfinished = b"%x\r\n%s\r\n" % (len(first_chunk), first_chunk)  # no closing 0-size chunk
    with serving(settings, service_settings(max_body_bytes=LIMIT)) as base_url:
        status, _, content = raw_exchange(
            base_url, request_head("Transfer-Encoding: chunked"), unfinished
        )

    assert status == 413
    assert f"{LIMIT:,}-byte limit" in json.loads(content)["detail"]
    assert fake_openai.requests == []


def test_a_body_within_the_limit_is_briefed(fake_openai: FakeOpenAI, tmp_path: Path) -> None:
    settings = openai_settings(fake_openai, tmp_path)
    with client_for(settings, service_settings(max_body_bytes=LIMIT)) as client:
        response = client.post("/v1/briefs", json={"text": ARTICLE}, headers=auth())

    assert response.status_code == 200


def test_a_key_past_its_rate_gets_429_with_retry_after_and_other_keys_go_on(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    service = service_settings(rate_limit_per_minute=2, rate_limit_burst=2)
    with client_for(openai_settings(fake_openai, tmp_path), service) as client:
        allowed = [client.get(UNKNOWN_BATCH, headers=auth()).status_code for _ in range(2)]
        refused = client.get(UNKNOWN_BATCH, headers=auth())
        other_key = client.get(UNKNOWN_BATCH, headers=auth(OTHER_KEY))
        health = client.get("/healthz")

    assert allowed == [404, 404]
    assert refused.status_code == 429
    assert refused.json()["kind"] == "rate_limited"
    seconds_per_request = 60 / 2  # the next token comes half a minute after the burst
    assert seconds_per_request - 5 <= int(refused.headers["retry-after"]) <= seconds_per_request
    assert other_key.status_code == 404
    assert health.status_code == 200


def test_scraping_metrics_health_and_docs_is_never_limited_nor_spends_the_keys_quota(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    service = service_settings(rate_limit_per_minute=1, rate_limit_burst=1)
    with client_for(openai_settings(fake_openai, tmp_path), service) as client:
        scrapes = [client.get("/metrics", headers=auth()).status_code for _ in range(5)]
        open_paths = [
            client.get(path, headers=auth()).status_code
            for path in ("/healthz", "/docs", "/openapi.json", "/docs/static/swagger-ui.css")
            for _ in range(3)
        ]
        first = client.post("/v1/briefs", json={"text": ARTICLE}, headers=auth())
        second = client.post("/v1/briefs", json={"text": ARTICLE}, headers=auth())
        unkeyed_scrape = client.get("/metrics")

    assert scrapes == [200] * 5
    assert set(open_paths) == {200}
    assert first.status_code == 200
    assert second.status_code == 429
    assert unkeyed_scrape.status_code == 401


def test_token_bucket_allows_a_burst_then_one_request_per_interval() -> None:
    bucket = TokenBucket(capacity=3, rate=0.5, tokens=3, updated=0.0)

    assert [bucket.take(now=0.0) for _ in range(3)] == [0.0, 0.0, 0.0]
    assert bucket.take(now=0.0) == pytest.approx(2.0)
    assert bucket.take(now=1.0) == pytest.approx(1.0)
    assert bucket.take(now=2.0) == 0.0
    assert bucket.take(now=2.0) == pytest.approx(2.0)


def test_rate_limiter_refills_each_caller_on_its_own() -> None:
    now = [0.0]
    limiter = RateLimiter(per_minute=60, burst=1, clock=lambda: now[0])

    assert limiter.wait_needed("key-1") == 0.0
    assert limiter.wait_needed("key-1") == pytest.approx(1.0)
    assert limiter.wait_needed("key-2") == 0.0
    now[0] = 1.0
    assert limiter.wait_needed("key-1") == 0.0
