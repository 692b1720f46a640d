"""What any HTTP client or monitor may send, beyond the API's own requests: HEAD, and paths
written with a trailing slash."""

from __future__ import annotations

from pathlib import Path

from summarizer.testing.fake_openai import FakeOpenAI

from .service_support import ARTICLE, auth, client_for, openai_settings, service_settings


def test_head_is_answered_like_get_with_its_headers_and_no_body(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    with client_for(openai_settings(fake_openai, tmp_path), service_settings()) as client:
        health = client.head("/healthz")
        docs = client.head("/docs")
        metrics = client.head("/metrics", headers=auth())
        no_batch = client.head("/v1/batches/nope", headers=auth())
        no_key = client.head("/metrics")

    assert (health.status_code, health.headers["content-type"]) == (200, "application/json")
    assert health.content == b""
    assert int(health.headers["content-length"]) > 0  # what a GET would send
    assert docs.status_code == 200
    assert metrics.status_code == 200
    assert (no_batch.status_code, no_batch.headers["content-type"]) == (
        404,
        "application/problem+json",
    )
    assert no_key.status_code == 401


def test_a_path_with_a_trailing_slash_is_a_404_problem_not_a_redirect(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    with client_for(openai_settings(fake_openai, tmp_path), service_settings()) as client:
        brief = client.post("/v1/briefs/", json={"text": ARTICLE}, headers=auth())
        batch = client.get("/v1/batches/", headers=auth())

    for response in (brief, batch):
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["kind"] == "not_found"
        assert "location" not in response.headers
    assert fake_openai.requests == []
