"""POST /v1/batches and GET /v1/batches/{id}: accepted at once, run in the background."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import httpx
import pytest

from summarizer.testing.fake_openai import FakeOpenAI, Reply, article_text_of

from .service_support import (
    ARTICLE,
    OTHER_KEY,
    ServeProcess,
    auth,
    client_for,
    openai_settings,
    serve_process,
    service_settings,
)

SECOND_ARTICLE = (
    "The national electoral commission said on Friday that turnout reached a record high. "
    "Opposition parties said they would contest the count in three provinces."
)
SLOW_ARTICLE = (
    "Flooding closed the main highway on Tuesday, the transport ministry said. "
    "Engineers expect the road to reopen within a week."
)


def poll(client: httpx.Client, url: str, until: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    deadline = time.monotonic() + 30
    while True:
        response = client.get(url, headers=auth())
        if response.status_code == 429:
            # A batch slow on a busy machine outlasts the burst of polls: wait, as a client would.
            time.sleep(int(response.headers["retry-after"]))
            continue
        assert response.status_code == 200, response.text
        status: dict[str, Any] = response.json()
        if until(status):
            return status
        assert time.monotonic() < deadline, f"batch never reached the state wanted: {status}"
        time.sleep(0.05)


@pytest.fixture
def gate() -> Iterator[threading.Event]:
    """Holds the fake model's answer for SLOW_ARTICLE until set."""
    event = threading.Event()
    yield event
    event.set()


@pytest.fixture
def gated_openai(gate: threading.Event) -> Iterator[FakeOpenAI]:
    def reply(body: dict[str, Any]) -> Reply:
        if "Flooding closed" in article_text_of(body):
            gate.wait(30)
        return Reply.brief()

    with FakeOpenAI(fallback=reply) as server:
        yield server


def test_a_batch_is_accepted_at_once_and_polled_to_its_results(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    items = [
        {"text": ARTICLE, "id": "port"},
        {"html": f"<html><body><article><p>{SECOND_ARTICLE}</p></article></body></html>"},
        {"url": "http://169.254.169.254/latest/meta-data/", "id": "metadata"},
    ]
    with client_for(openai_settings(fake_openai, tmp_path), service_settings()) as client:
        accepted = client.post("/v1/batches", json={"items": items}, headers=auth())
        assert accepted.status_code == 202, accepted.text
        status = poll(client, accepted.headers["location"], lambda s: s["status"] != "running")

    assert accepted.json()["items"] == 3
    assert status["status"] == "finished"
    assert (status["items"], status["done"], status["failed"]) == (3, 2, 1)
    assert [result["id"] for result in status["results"]] == ["port", "item-2"]
    assert status["results"][0]["brief"]["grounding_rate"] == 1.0
    [error] = status["errors"]
    assert error["id"] == "metadata"
    assert error["stage"] == "input"
    assert "cloud metadata" in error["reason"]
    assert len(fake_openai.requests) == 2


def test_a_running_batch_reports_the_results_it_has_so_far(
    gated_openai: FakeOpenAI, gate: threading.Event, tmp_path: Path
) -> None:
    items = [{"text": ARTICLE, "id": "quick"}, {"text": SLOW_ARTICLE, "id": "slow"}]
    with client_for(openai_settings(gated_openai, tmp_path), service_settings()) as client:
        url = client.post("/v1/batches", json={"items": items}, headers=auth()).json()["url"]
        partway = poll(client, url, lambda s: s["done"] == 1)
        gate.set()
        finished = poll(client, url, lambda s: s["status"] == "finished")

    assert partway["status"] == "running"
    assert partway["in_flight"] == 1
    assert [result["id"] for result in partway["results"]] == ["quick"]
    assert {result["id"] for result in finished["results"]} == {"quick", "slow"}


def test_stopping_the_service_with_a_batch_running_does_not_hang(
    gated_openai: FakeOpenAI, tmp_path: Path
) -> None:
    with client_for(openai_settings(gated_openai, tmp_path), service_settings()) as client:
        accepted = client.post(
            "/v1/batches", json={"items": [{"text": SLOW_ARTICLE}]}, headers=auth()
        )
        poll(client, accepted.json()["url"], lambda s: s["in_flight"] == 1)

    assert accepted.status_code == 202


def test_a_batch_is_visible_only_to_the_key_that_started_it(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    with client_for(openai_settings(fake_openai, tmp_path), service_settings()) as client:
        url = client.post(
            "/v1/batches", json={"items": [{"text": ARTICLE}]}, headers=auth()
        ).json()["url"]
        other = client.get(url, headers=auth(OTHER_KEY))
        unknown = client.get("/v1/batches/no-such-batch", headers=auth())

    assert other.status_code == 404
    assert other.json()["kind"] == "not_found"
    assert unknown.status_code == 404


def test_a_batch_over_the_item_limit_is_refused_before_it_starts(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    items = [{"text": ARTICLE, "id": str(number)} for number in range(3)]
    service = service_settings(max_batch_items=2)
    with client_for(openai_settings(fake_openai, tmp_path), service) as client:
        response = client.post("/v1/batches", json={"items": items}, headers=auth())
        empty = client.post("/v1/batches", json={"items": []}, headers=auth())

    assert response.status_code == 400
    assert "at most 2 items" in response.json()["detail"]
    assert empty.status_code == 422
    assert fake_openai.requests == []


@pytest.mark.parametrize(
    ("ids", "clash"), [(["x", "x"], "x"), (["item-2", None], "item-2")], ids=["given", "default"]
)
def test_a_batch_whose_items_share_an_id_is_refused_before_it_starts(
    fake_openai: FakeOpenAI, tmp_path: Path, ids: list[str | None], clash: str
) -> None:
    texts = [ARTICLE, SECOND_ARTICLE]
    items = [{"text": text, "id": item_id} for text, item_id in zip(texts, ids, strict=True)]
    with client_for(openai_settings(fake_openai, tmp_path), service_settings()) as client:
        response = client.post("/v1/batches", json={"items": items}, headers=auth())

    assert response.status_code == 422
    assert f"item id {clash!r} is used by more than one item" in response.text
    assert fake_openai.requests == []


def test_a_lone_surrogate_in_one_item_does_not_fail_the_batch(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    body = (
        '{"items": [{"id": "odd", "text": "The minister said \\ud800 the port would reopen."},'
        f' {{"id": "port", "text": "{ARTICLE}"}}]}}'
    )
    with client_for(openai_settings(fake_openai, tmp_path), service_settings()) as client:
        accepted = client.post(
            "/v1/batches", content=body, headers={**auth(), "content-type": "application/json"}
        )
        status = poll(client, accepted.headers["location"], lambda s: s["status"] != "running")

    assert status["status"] == "finished"
    assert sorted(result["id"] for result in status["results"]) == ["odd", "port"]
    assert status["errors"] == []


def test_when_every_kept_batch_is_still_running_a_new_one_is_refused(
    gated_openai: FakeOpenAI, tmp_path: Path
) -> None:
    service = service_settings(max_batches=1)
    with client_for(openai_settings(gated_openai, tmp_path), service) as client:
        first = client.post("/v1/batches", json={"items": [{"text": SLOW_ARTICLE}]}, headers=auth())
        second = client.post("/v1/batches", json={"items": [{"text": ARTICLE}]}, headers=auth())

    assert first.status_code == 202
    assert second.status_code == 503
    assert second.json()["kind"] == "busy"


def serve_with_grace(
    server: FakeOpenAI, tmp_path: Path, grace: float
) -> AbstractContextManager[ServeProcess]:
    """``summarizer serve`` (loopback, no keys) against ``server``, stopping within ``grace``."""
    config = tmp_path / "service.toml"
    config.write_text(f"[service]\nshutdown_grace = {grace}\n", "utf-8")
    return serve_process(
        "--config", str(config), "--engine", "openai", "--base-url", server.base_url,
        "--api-key", "sk-test-0123456789", "--model", "fake-model",
    )  # fmt: skip


def start_held_up_batch(client: httpx.Client) -> str:
    """A batch with one item briefed and one held up at the model; its URL."""
    items = [{"text": ARTICLE, "id": "quick"}, {"text": SLOW_ARTICLE, "id": "slow"}]
    url: str = client.post("/v1/batches", json={"items": items}).json()["url"]
    poll(client, url, lambda s: s["done"] == 1 and s["in_flight"] == 1)
    return url


@pytest.mark.slow
def test_on_sigterm_a_running_batch_finishes_and_is_collected_while_new_work_is_refused(
    gated_openai: FakeOpenAI, gate: threading.Event, tmp_path: Path
) -> None:
    with (
        serve_with_grace(gated_openai, tmp_path, grace=60) as service,
        httpx.Client(base_url=service.base_url, timeout=30) as client,
    ):
        url = start_held_up_batch(client)
        healthy = client.get("/healthz")
        service.process.send_signal(signal.SIGTERM)
        service.wait_for("Stopping: 1 batches")
        draining = client.get("/healthz")
        new_batch = client.post("/v1/batches", json={"items": [{"text": SECOND_ARTICLE}]})
        new_brief = client.post("/v1/briefs", json={"text": SECOND_ARTICLE})
        while_stopping = poll(client, url, lambda s: True)
        gate.set()
        time.sleep(1)  # the batch finishes meanwhile; the service waits for it to be collected
        finished = poll(client, url, lambda s: s["status"] != "running")
        code = service.wait(timeout=30)

    assert healthy.status_code == 200
    # A load balancer stops sending work the draining service would refuse.
    assert draining.status_code == 503
    assert draining.headers["content-type"] == "application/problem+json"
    assert draining.json()["kind"] == "shutting_down"
    assert "shutting down" in draining.json()["detail"]
    assert (new_batch.status_code, new_batch.json()["kind"]) == (503, "shutting_down")
    assert (new_brief.status_code, new_brief.json()["kind"]) == (503, "shutting_down")
    assert while_stopping["status"] == "running"
    assert finished["status"] == "finished"
    assert [result["id"] for result in finished["results"]] == ["quick", "slow"]
    assert code == -signal.SIGTERM
    assert [line for line in service.lines if "warning: batch" in line] == []
    assert all(SECOND_ARTICLE not in request.article_text for request in gated_openai.requests)


@pytest.mark.slow
def test_a_batch_still_running_when_the_grace_period_ends_leaves_one_log_line(
    gated_openai: FakeOpenAI, tmp_path: Path
) -> None:
    with (
        serve_with_grace(gated_openai, tmp_path, grace=1) as service,
        httpx.Client(base_url=service.base_url, timeout=30) as client,
    ):
        batch_id = start_held_up_batch(client).rsplit("/", 1)[1]
        started = time.monotonic()
        service.process.send_signal(signal.SIGTERM)
        code = service.wait(timeout=30)
        stopped_after = time.monotonic() - started

    assert code == -signal.SIGTERM
    assert stopped_after < 10
    unfinished = [line for line in service.lines if "unfinished" in line]
    assert unfinished == [
        f"summarizer: warning: batch {batch_id} (anonymous) stopped unfinished with the "
        "service: 1 of its 2 items briefed; its caller must send it again once the service "
        "is back"
    ]
