"""GET /metrics: Prometheus counters for requests, cache, model latency, tokens and errors."""

from __future__ import annotations

from pathlib import Path

import httpx
from prometheus_client.parser import text_string_to_metric_families

from summarizer.testing.fake_openai import FakeOpenAI

from .service_support import ARTICLE, auth, client_for, openai_settings, service_settings


def samples(client: httpx.Client) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    response = client.get("/metrics", headers=auth())
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(
    found: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str
) -> float:
    return found.get((name, frozenset(labels.items())), 0.0)


def test_metrics_count_requests_cache_hits_model_time_tokens_and_errors(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    with client_for(openai_settings(fake_openai, tmp_path), service_settings()) as client:
        for _ in range(2):
            client.post("/v1/briefs", json={"text": ARTICLE}, headers=auth())
        client.post("/v1/briefs", json={"text": ARTICLE})
        client.post("/v1/briefs", json={"url": "http://127.0.0.1/"}, headers=auth())
        found = samples(client)

    requests = "summarizer_http_requests_total"
    assert value(found, requests, route="/v1/briefs", method="POST", status="200") == 2
    assert value(found, requests, route="/v1/briefs", method="POST", status="401") == 1
    assert value(found, requests, route="/v1/briefs", method="POST", status="400") == 1
    assert value(found, "summarizer_briefs_total", engine="openai") == 2
    assert value(found, "summarizer_cache_hits_total", engine="openai") == 1
    assert value(found, "summarizer_llm_latency_seconds_count", engine="openai") == 1
    assert value(found, "summarizer_llm_tokens_total", engine="openai", kind="prompt") == 100
    assert value(found, "summarizer_llm_tokens_total", engine="openai", kind="completion") == 50
    assert value(found, "summarizer_errors_total", kind="unauthorized") == 1
    assert value(found, "summarizer_errors_total", kind="url_refused") == 1


def test_unknown_paths_share_one_label_so_callers_cannot_grow_the_metrics(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    with client_for(openai_settings(fake_openai, tmp_path), service_settings()) as client:
        for path in ("/a", "/b/c", "/v1/batches/some-id"):
            client.get(path, headers=auth())
        found = samples(client)

    routes = {dict(labels)["route"] for name, labels in found if name.startswith("summarizer_http")}
    assert {"<unmatched>", "/v1/batches/{batch_id}"} <= routes
    assert routes <= {"<unmatched>", "/v1/batches/{batch_id}", "/metrics"}


def test_made_up_methods_share_one_label_so_callers_without_a_key_cannot_grow_the_metrics(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    with client_for(openai_settings(fake_openai, tmp_path), service_settings()) as client:
        for method in ("FOO", "BAR1", "BAZ2"):
            assert client.request(method, "/healthz").status_code == 405
        found = samples(client)

    methods = {
        dict(labels)["method"] for name, labels in found if name.startswith("summarizer_http")
    }
    assert methods == {"<other>"}
