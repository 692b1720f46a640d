"""The openai engine against a scripted OpenAI-compatible server on loopback."""

from __future__ import annotations

import asyncio
import gc
import json
from pathlib import Path
from typing import Any

import instructor
import openai
import pytest
from instructor.v2.validation.async_validators import async_field_validator
from pydantic import BaseModel

from summarizer.brief import Brief
from summarizer.engines import openai_compat  # noqa: F401  (importing it installs the shortcut)
from summarizer.errors import (
    AuthError,
    ConfigError,
    EndpointError,
    OutputValidationError,
    RetriesExhausted,
)
from summarizer.inputs import Article, article_from_text
from summarizer.pipeline import summarize
from summarizer.settings import Settings
from summarizer.testing.fake_openai import FakeOpenAI, Reply, valid_brief_arguments

from .conftest import brief_of, openai_settings

ARTICLE = article_from_text(
    "Title: Ministry warns of strikes\n\n"
    "The Ministry of Defence warned on Monday that rebels could attack the northern port. "
    "Officials, speaking on condition of anonymity, said troops were moving north.",
    origin="test-article",
)
SECRET = "sk-test-SECRET-0123456789abcdef"


def settings_for(server: FakeOpenAI, cache_dir: Path, **overrides: Any) -> Settings:
    return openai_settings(server, cache_dir, **({"api_key": SECRET, "timeout": 5.0} | overrides))


def brief_with(settings: Settings, article: Article = ARTICLE) -> Brief:
    return brief_of(article, settings)


def invalid_reference_arguments() -> dict[str, Any]:
    arguments = valid_brief_arguments(ARTICLE.text)
    arguments["stances"][0]["actor"] = "Nobody Listed"
    return arguments


def test_valid_tool_call_becomes_a_grounded_brief(fake_openai: FakeOpenAI, tmp_path: Path) -> None:
    brief = brief_with(settings_for(fake_openai, tmp_path))

    assert brief.actors[0].name == "Reporter"
    assert brief.grounding_rate == 1.0
    assert brief.provenance.engine == "openai"
    assert brief.provenance.model == "fake-model"
    assert brief.provenance.usage.total_tokens == 150
    assert brief.provenance.cache_hit is False
    assert len(fake_openai.requests) == 1


def test_request_uses_tool_mode_and_delimits_the_article(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    brief_with(settings_for(fake_openai, tmp_path))

    request = fake_openai.requests[0]
    assert request.body["tools"][0]["function"]["name"]
    assert request.body["tool_choice"]["type"] == "function"
    assert request.article_text == ARTICLE.text
    assert request.headers["authorization"] == f"Bearer {SECRET}"
    assert SECRET not in json.dumps(request.body)


@pytest.mark.parametrize(
    ("mode", "format_type"), [("json_schema", "json_schema"), ("json", "json_object")]
)
def test_json_modes_ask_for_json_and_read_the_brief_from_the_answer_text(
    mode: str, format_type: str, fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    brief = brief_with(settings_for(fake_openai, tmp_path, mode=mode))

    request = fake_openai.requests[0]
    assert "tools" not in request.body
    assert request.body["response_format"]["type"] == format_type
    assert request.article_text == ARTICLE.text
    assert brief.actors[0].name == "Reporter"
    assert brief.grounding_rate == 1.0


@pytest.mark.parametrize("mode", ["tools", "json_schema", "json"])
def test_invalid_output_is_fed_back_and_retried(
    mode: str, fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    fake_openai.script(Reply.brief(invalid_reference_arguments()), Reply.brief())

    brief = brief_with(settings_for(fake_openai, tmp_path, mode=mode))

    assert len(fake_openai.requests) == 2
    retry_messages = json.dumps(fake_openai.requests[1].body["messages"])
    assert "Nobody Listed" in retry_messages
    assert "not the name or alias of any actor" in retry_messages
    assert brief.provenance.attempts == 2
    assert brief.provenance.usage.total_tokens == 300, "failed attempts count toward usage"


def test_model_that_never_validates_fails_with_its_last_output(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    fake_openai.fallback = lambda request: Reply.brief(invalid_reference_arguments())

    with pytest.raises(OutputValidationError) as caught:
        brief_with(settings_for(fake_openai, tmp_path, validation_retries=2))

    assert len(fake_openai.requests) == 3
    assert caught.value.attempts == 3
    assert "Nobody Listed" in (caught.value.raw_output or "")
    assert any("not the name or alias" in error for error in caught.value.validation_errors)
    assert caught.value.usage["total_tokens"] == 450


def test_429_waits_for_retry_after_then_succeeds(fake_openai: FakeOpenAI, tmp_path: Path) -> None:
    fake_openai.script(Reply.status(429, headers={"Retry-After": "1"}), Reply.brief())

    brief = brief_with(settings_for(fake_openai, tmp_path))

    first, second = fake_openai.requests
    assert second.received_at - first.received_at >= 0.9
    assert brief.provenance.usage.requests == 2


def test_500_is_retried(fake_openai: FakeOpenAI, tmp_path: Path) -> None:
    fake_openai.script(Reply.status(500), Reply.status(503), Reply.brief())

    brief = brief_with(settings_for(fake_openai, tmp_path))

    assert len(fake_openai.requests) == 3
    assert brief.actors


def test_timeout_is_retried(fake_openai: FakeOpenAI, tmp_path: Path) -> None:
    fake_openai.script(Reply.hang(3.0), Reply.brief())

    brief = brief_with(settings_for(fake_openai, tmp_path, timeout=0.5))

    assert len(fake_openai.requests) == 2
    assert brief.actors


def test_dropped_connection_and_truncated_body_are_retried(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    fake_openai.script(Reply.drop(), Reply.truncated_body(), Reply.brief())

    brief = brief_with(settings_for(fake_openai, tmp_path))

    assert len(fake_openai.requests) == 3
    assert brief.actors


PROXY_PAGE = "<html><head><title>Proxy Authentication Required</title></head></html>"


@pytest.mark.parametrize(
    "reply",
    [Reply.truncated_json(), Reply.page(PROXY_PAGE), Reply.status(200, message="overloaded")],
    ids=["cut-off JSON", "HTML page", "JSON that is not a completion"],
)
def test_a_200_body_that_is_not_a_chat_completion_is_retried_after_a_backoff_not_re_asked(
    reply: Reply, fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    fake_openai.script(reply, Reply.brief())

    brief = brief_with(settings_for(fake_openai, tmp_path))

    first, second = fake_openai.requests
    assert second.body["messages"] == first.body["messages"], "the same request, not a re-ask"
    assert second.received_at - first.received_at >= 0.45, "after the endpoint-fault backoff"
    assert brief.provenance.attempts == 1
    assert brief.actors


def test_an_endpoint_that_never_sends_a_chat_completion_gives_up_as_an_endpoint_error(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    fake_openai.fallback = lambda request: Reply.page(f"<p>Sign in. Your key: {SECRET}</p>")

    with pytest.raises(RetriesExhausted) as caught:
        brief_with(settings_for(fake_openai, tmp_path, max_attempts=3))

    assert len(fake_openai.requests) == 3
    message = str(caught.value)
    assert "returned a body that is not a chat completion (HTTP 200, text/html" in message
    assert "Sign in" in message
    assert SECRET not in message


def test_cut_off_json_in_the_tool_call_of_a_whole_completion_is_re_asked_as_the_models(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    fake_openai.script(Reply.brief('{"bluf": "The Ministry'), Reply.brief())

    brief = brief_with(settings_for(fake_openai, tmp_path))

    first, second = fake_openai.requests
    assert len(second.body["messages"]) > len(first.body["messages"]), "a re-ask"
    assert brief.provenance.attempts == 2


@pytest.mark.parametrize(
    "finish_reason", ["length", "tool_calls"], ids=["as length", "as llama-cpp-python does"]
)
def test_output_cut_off_at_max_tokens_stops_at_once_and_names_the_option_to_raise(
    finish_reason: str, fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    fake_openai.fallback = lambda request: Reply.cut_off(
        '{"bluf": "The Ministry', finish_reason=finish_reason
    )

    with pytest.raises(OutputValidationError) as caught:
        brief_with(settings_for(fake_openai, tmp_path, max_tokens=300))

    assert str(caught.value) == (
        "the model's answer was cut off at the output token limit, --max-tokens 300, after 1 "
        "attempt; raise --max-tokens so the whole brief fits"
    )
    assert caught.value.attempts == len(fake_openai.requests) == 1, "no re-ask"
    assert caught.value.raw_output == '{"bluf": "The Ministry'


def test_output_cut_off_short_of_max_tokens_points_at_the_models_context(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    fake_openai.script(Reply.cut_off('{"bluf": "The Ministry', written=180))

    with pytest.raises(OutputValidationError) as caught:
        brief_with(settings_for(fake_openai, tmp_path, max_tokens=2048))

    message = str(caught.value)
    assert message.startswith(
        "the model's answer was cut off at 180 tokens by the endpoint's own limit "
        "(not --max-tokens 2048) after 1 attempt; "
    )
    assert "filled the model's context" in message
    assert len(fake_openai.requests) == 1


def test_a_whole_answer_that_uses_every_allowed_token_is_a_brief(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    whole = json.dumps(valid_brief_arguments(ARTICLE.text))
    fake_openai.script(Reply.cut_off(whole, finish_reason="tool_calls"))

    brief = brief_with(settings_for(fake_openai, tmp_path, max_tokens=300))

    assert brief.provenance.usage.completion_tokens == 300
    assert brief.actors


def test_refused_key_stops_at_once_without_printing_it(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    fake_openai.fallback = lambda request: Reply.status(401, message="Incorrect API key provided")

    with pytest.raises(AuthError) as caught:
        brief_with(settings_for(fake_openai, tmp_path))

    assert len(fake_openai.requests) == 1
    assert "refused the API key" in str(caught.value)
    assert SECRET not in str(caught.value)


def test_other_client_errors_are_not_retried(fake_openai: FakeOpenAI, tmp_path: Path) -> None:
    fake_openai.script(Reply.status(400, message="Unrecognized request argument: seed"))

    with pytest.raises(EndpointError, match="Unrecognized request argument: seed"):
        brief_with(settings_for(fake_openai, tmp_path))

    assert len(fake_openai.requests) == 1


def test_permanently_failing_endpoint_gives_up_within_the_retry_budget(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    fake_openai.fallback = lambda request: Reply.status(503)

    with pytest.raises(RetriesExhausted, match="gave up after"):
        brief_with(settings_for(fake_openai, tmp_path, retry_time=2.0, max_attempts=50))

    span = fake_openai.requests[-1].received_at - fake_openai.requests[0].received_at
    assert span <= 2.0 * 1.25, "the last retry starts within the 2 s budget"
    assert len(fake_openai.requests) < 50


def test_unsupported_json_schema_mode_names_the_mode_to_use(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    fake_openai.script(
        Reply.status(500, message="Unknown response_format type: json_schema"),
    )

    with pytest.raises(ConfigError, match="use --mode tools"):
        brief_with(settings_for(fake_openai, tmp_path, mode="json_schema"))

    assert len(fake_openai.requests) == 1


def test_token_budget_stops_a_retry_storm(fake_openai: FakeOpenAI, tmp_path: Path) -> None:
    fake_openai.fallback = lambda request: Reply.brief(
        invalid_reference_arguments(), usage=(900, 100)
    )

    with pytest.raises(OutputValidationError, match="token budget of 1500"):
        brief_with(settings_for(fake_openai, tmp_path, validation_retries=10, token_budget=1500))

    assert len(fake_openai.requests) == 2


def test_unreachable_endpoint_is_an_endpoint_error(tmp_path: Path) -> None:
    with FakeOpenAI() as server:
        url = server.base_url
    settings = Settings(
        engine="openai", base_url=url, cache_dir=tmp_path, retry_time=1.0, max_attempts=2
    )

    with pytest.raises(RetriesExhausted, match="cannot connect"):
        brief_with(settings)


def test_instructor_still_refuses_other_models_with_async_validators(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    """The engine checks its own response model once; any other model keeps instructor's check."""

    class Checked(BaseModel):
        name: str

        @async_field_validator("name")
        async def name_exists(self, value: str) -> None: ...

    client = instructor.from_openai(
        openai.AsyncOpenAI(api_key="unused", base_url=fake_openai.base_url, max_retries=0)
    )
    request = client.chat.completions.create(
        response_model=Checked, messages=[{"role": "user", "content": "hi"}], model="fake-model"
    )

    with pytest.raises(ValueError, match="async validators"):
        asyncio.run(request)
    assert fake_openai.requests == []


def test_briefing_again_later_does_not_report_a_dead_connection(
    fake_openai: FakeOpenAI, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Each ``summarize`` call runs its own event loop; its connections must close with it, not
    be closed by the garbage collector on the next loop ("Event loop is closed")."""

    async def collect_garbage() -> None:
        gc.collect()
        await asyncio.sleep(0)

    asyncio.run(collect_garbage())  # what earlier tests left behind is not this test's
    caplog.clear()
    settings = settings_for(fake_openai, tmp_path, use_cache=False)
    for _ in range(2):
        summarize(ARTICLE, settings)
        asyncio.run(collect_garbage())
        gc.collect()

    assert len(fake_openai.requests) == 2
    assert [record.getMessage() for record in caplog.records if record.name == "asyncio"] == []
