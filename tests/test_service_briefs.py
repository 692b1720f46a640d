"""POST /v1/briefs over real HTTP, with the scripted OpenAI-compatible server behind it."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import pytest

from summarizer.brief import Brief
from summarizer.testing.fake_openai import FakeOpenAI, Reply

from .service_support import (
    ARTICLE,
    SECRET,
    auth,
    client_for,
    openai_settings,
    service_settings,
)


def test_brief_of_posted_text_is_grounded_and_a_repeat_comes_from_the_cache(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    with client_for(openai_settings(fake_openai, tmp_path), service_settings()) as client:
        first = client.post("/v1/briefs", json={"text": ARTICLE, "title": "Port"}, headers=auth())
        second = client.post("/v1/briefs", json={"text": ARTICLE, "title": "Port"}, headers=auth())

    assert first.status_code == 200, first.text
    brief = Brief.model_validate_json(first.text)
    assert brief.grounding_rate == 1.0
    assert brief.source.title == "Port"
    assert brief.provenance.cache_hit is False
    assert Brief.model_validate_json(second.text).provenance.cache_hit is True
    assert len(fake_openai.requests) == 1


def test_html_is_briefed_from_its_text_not_its_markup(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    html = (
        "<html><head><title>Port attack</title></head><body><nav>Home | World</nav>"
        f"<article><h1>Port attack</h1><p>{ARTICLE}</p></article></body></html>"
    )
    with client_for(openai_settings(fake_openai, tmp_path), service_settings()) as client:
        response = client.post(
            "/v1/briefs", json={"html": html, "url": "https://example.org/a"}, headers=auth()
        )

    assert response.status_code == 200, response.text
    sent = fake_openai.requests[0].article_text
    assert "rebels could attack the northern port" in sent
    assert "<p>" not in sent
    assert Brief.model_validate_json(response.text).source.url == "https://example.org/a"


def test_text_and_html_together_are_a_validation_problem_and_brief_nothing(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    with client_for(openai_settings(fake_openai, tmp_path), service_settings()) as client:
        both = client.post("/v1/briefs", json={"text": ARTICLE, "html": "<p>x</p>"}, headers=auth())
        neither = client.post("/v1/briefs", json={"title": "only a title"}, headers=auth())

    for response in (both, neither):
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["kind"] == "validation"
    assert "not both" in both.json()["detail"]
    assert "one of text, html or url" in neither.json()["detail"]
    assert fake_openai.requests == []


def test_an_article_with_no_text_is_a_bad_input_problem(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    with client_for(openai_settings(fake_openai, tmp_path), service_settings()) as client:
        response = client.post("/v1/briefs", json={"text": "  \n "}, headers=auth())

    assert response.status_code == 400
    assert response.json()["kind"] == "bad_input"
    assert "no article text" in response.json()["detail"]


def test_endpoint_refusing_the_model_key_is_a_502_that_does_not_show_the_key(
    fake_openai: FakeOpenAI, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fake_openai.script(Reply.status(401, message="Incorrect API key provided"))
    with client_for(openai_settings(fake_openai, tmp_path), service_settings()) as client:
        response = client.post("/v1/briefs", json={"text": ARTICLE}, headers=auth())

    [logged] = [r.getMessage() for r in caplog.records if r.name == "summarizer.service"]
    assert logged.startswith("502 endpoint_auth: ")
    assert SECRET not in caplog.text

    assert response.status_code == 502
    problem = response.json()
    assert problem["kind"] == "endpoint_auth"
    assert "refused the API key" in problem["detail"]
    assert "\n" not in problem["detail"]
    assert SECRET not in response.text
    assert "Traceback" not in response.text


def test_model_output_that_never_validates_is_a_502(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    fake_openai.script(*[Reply.brief({"bluf": ""})] * 3)
    settings = openai_settings(fake_openai, tmp_path, validation_retries=2)
    with client_for(settings, service_settings()) as client:
        response = client.post("/v1/briefs", json={"text": ARTICLE}, headers=auth())

    assert response.status_code == 502
    problem = response.json()
    assert problem["kind"] == "invalid_model_output"
    assert "never produced a valid brief after 3 attempts" in problem["detail"]
    assert "--debug-dir" not in problem["detail"], "the service has no such option"


def test_a_brief_slower_than_the_service_allows_is_a_504(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    fake_openai.script(Reply.hang(4))
    with client_for(
        openai_settings(fake_openai, tmp_path), service_settings(brief_timeout=0.2)
    ) as client:
        response = client.post("/v1/briefs", json={"text": ARTICLE}, headers=auth())

    assert response.status_code == 504
    assert response.json()["kind"] == "timeout"


def test_extractive_engine_serves_briefs_without_any_model(tmp_path: Path) -> None:
    from summarizer.settings import Settings

    settings = Settings(engine="extractive", cache_dir=tmp_path)
    with client_for(settings, service_settings()) as client:
        response = client.post("/v1/briefs", json={"text": ARTICLE}, headers=auth())
        health = client.get("/healthz")

    assert response.status_code == 200, response.text
    assert Brief.model_validate_json(response.text).provenance.engine == "extractive"
    assert health.json() == {"status": "ok", "engine": "extractive"}


def test_a_short_article_is_not_held_up_behind_a_long_one(tmp_path: Path) -> None:
    """The extractive engine takes seconds over a long text; other callers must not wait."""
    from summarizer.settings import Settings

    long_text = " ".join([ARTICLE] * 2500)  # about 400,000 characters
    finished: list[str] = []
    settings = Settings(engine="extractive", cache_dir=tmp_path)
    with client_for(settings, service_settings()) as client:

        def post(name: str, text: str) -> None:
            response = client.post("/v1/briefs", json={"text": text}, headers=auth(), timeout=120)
            assert response.status_code == 200, response.text
            finished.append(name)

        long_one = threading.Thread(target=post, args=("long", long_text))
        long_one.start()
        time.sleep(0.5)
        post("short", ARTICLE)
        long_one.join()

    assert finished == ["short", "long"]


def test_openapi_docs_are_served_and_declare_the_bearer_key(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    with client_for(openai_settings(fake_openai, tmp_path), service_settings()) as client:
        docs = client.get("/docs")
        schema = client.get("/openapi.json").json()
        assets = [
            client.get(path)  # no key: a browser opening /docs sends none
            for path in re.findall(
                r"(?:src|href)=['\"](/docs/static/[^'\"]+\.(?:js|css))", docs.text
            )
        ]

    assert docs.status_code == 200
    assert {"/v1/briefs", "/v1/batches", "/v1/batches/{batch_id}"} <= set(schema["paths"])
    assert not re.search(r"(?:src|href)=['\"]https?://", docs.text), "docs load from the network"
    assert [asset.status_code for asset in assets] == [200, 200]
    assert len(assets[0].content) > 100_000
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    statuses = {
        (path, method): set(operation["responses"])
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    }
    assert {"400", "415", "404", "500", "502", "503"} <= statuses["/v1/briefs", "post"]
    assert {"400", "415", "503"} <= statuses["/v1/batches", "post"]
    assert "404" in statuses["/v1/batches/{batch_id}", "get"]
    assert not {"413", "415"} & statuses["/v1/batches/{batch_id}", "get"]


def test_a_json_body_that_does_not_parse_is_400_and_says_where(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    json_headers = {**auth(), "content-type": "application/json"}
    with client_for(openai_settings(fake_openai, tmp_path), service_settings()) as client:
        cut = client.post("/v1/briefs", content='{"text": "abc', headers=json_headers)
        word = client.post("/v1/batches", content="nope", headers=json_headers)

    assert (cut.status_code, cut.json()["kind"]) == (400, "malformed_body")
    assert cut.json()["detail"].startswith("the body is not valid JSON (at character ")
    assert (word.status_code, word.json()["kind"]) == (400, "malformed_body")
    assert fake_openai.requests == []


def test_a_body_not_sent_as_json_is_415_and_one_not_in_utf8_is_400(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    body = '{"text": "Le ministère a déclaré lundi que la sécurité était prioritaire."}'
    with client_for(openai_settings(fake_openai, tmp_path), service_settings()) as client:
        as_text = client.post(
            "/v1/briefs", content=body, headers={**auth(), "content-type": "text/plain"}
        )
        as_form = client.post("/v1/batches", data={"text": ARTICLE}, headers=auth())
        latin1 = client.post(
            "/v1/briefs",
            content=body.encode("latin-1"),
            headers={**auth(), "content-type": "application/json"},
        )

    assert (as_text.status_code, as_text.json()["kind"]) == (415, "unsupported_media_type")
    assert as_form.status_code == 415
    assert (latin1.status_code, latin1.json()["kind"]) == (400, "malformed_body")
    assert latin1.json()["detail"] == "the body could not be read as JSON in UTF-8"
    assert fake_openai.requests == []


def test_every_error_response_is_described_with_the_problem_body_it_really_has(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    with client_for(openai_settings(fake_openai, tmp_path), service_settings()) as client:
        schema = client.get("/openapi.json").json()
        refused = client.post("/v1/briefs", json={"url": "http://127.0.0.1/"}, headers=auth())

    described = [
        response["content"]["application/problem+json"].get("schema", {})
        for operations in schema["paths"].values()
        for operation in operations.values()
        for response in operation["responses"].values()
        if "application/problem+json" in response.get("content", {})
    ]
    assert described
    for problem_schema in described:
        assert set(problem_schema.get("required", ())) == {"title", "status", "kind", "detail"}
        assert set(problem_schema.get("properties", {})) == set(refused.json())
