"""Articles longer than a model takes are refused, never silently cut: before any request when
longer than --max-input-chars, as bad input (exit 4) when the endpoint says so."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from summarizer.errors import ConfigError, InputError
from summarizer.inputs import Article, article_from_text
from summarizer.settings import Settings
from summarizer.testing.fake_openai import FakeOpenAI, Reply

from .cli_process import run_cli
from .conftest import brief_of, openai_settings

SENTENCE = "The Ministry of Defence said on Monday that rebels had attacked the northern port. "
LLAMA_CPP_PYTHON_OVERFLOW = (
    '{"error":{"message":"This model\'s maximum context length is 512 tokens. However, you '
    "requested 2913 tokens (865 in the messages, 2048 in the completion). Please reduce the "
    'length of the messages or completion.","type":"invalid_request_error","param":"messages",'
    '"code":"context_length_exceeded"}}'
)
"""What llama-cpp-python's server (``--n_ctx 512``) answered, with a 400, to a 1,251-character
article: byte for byte."""
LLAMA_SERVER_OVERFLOW = (
    '{"error":{"code":400,"message":"request (4476 tokens) exceeds the available context size '
    '(4096 tokens), try increasing it","type":"exceed_context_size_error",'
    '"n_prompt_tokens":4476,"n_ctx":4096}}'
)
"""What llama.cpp's own llama-server answers, with a 400 (the message varies between builds)."""
OLDER_LLAMA_SERVER_OVERFLOW = (
    '{"error":{"code":400,"message":"the request exceeds the available context size. try '
    'increasing the context size or enable context shift","type":"invalid_request_error"}}'
)
"""What llama-server answered, with a 400, before it had a type of its own for it."""
LLAMA_CPP_PYTHON_UNREWORDED_OVERFLOW = (
    '{"error":{"message":"Requested tokens (2913) exceed context window of 512",'
    '"type":"internal_server_error","param":null,"code":null}}'
)
"""llama-cpp-python's server when it passes its model's error on as it is, with a 500."""
VLLM_OVERFLOW = (
    '{"object":"error","message":"This model\'s maximum context length is 4096 tokens. However, '
    "you requested 5000 tokens (2952 in the messages, 2048 in the completion). Please reduce "
    'the length of the messages or completion.","type":"BadRequestError","param":null,"code":400}'
)
"""What vLLM's OpenAI server answers, with a 400: no code but the status, no "error" wrapper."""
VLLM_ENGINE_OVERFLOW = (
    '{"error":{"message":"The decoder prompt (length 5000) is longer than the maximum model '
    "length of 4096. Make sure that `max_model_len` is no smaller than the number of text "
    'tokens.","type":"BadRequestError","param":null,"code":400}}'
)
"""What vLLM's engine answers, with a 400, when its server's own check lets a prompt by."""


def article_of(characters: int) -> Article:
    """An article of exactly ``characters`` characters (it ends in a full stop, not a space)."""
    text = (SENTENCE * (characters // len(SENTENCE) + 1))[: characters - 1] + "."
    return article_from_text(text)


def test_cli_refuses_an_article_longer_than_max_input_chars_without_a_request(
    tmp_path: Path, fake_openai: FakeOpenAI
) -> None:
    path = tmp_path / "long.txt"
    path.write_text(SENTENCE * 20)
    length = len(SENTENCE * 20) - 1  # the trailing space is stripped

    run = run_cli(
        ["brief", str(path), "--engine", "openai", "--base-url", fake_openai.base_url,
         "--max-input-chars", "1000"]
    )  # fmt: skip

    assert run.exit_code == InputError.exit_code
    assert run.stderr_lines == [
        f"summarizer: error: {path}: article is {length:,} characters, more than the 1,000 "
        "this engine accepts (--max-input-chars)"
    ]
    assert fake_openai.requests == []


def test_the_limit_can_come_from_the_environment(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    path = tmp_path / "long.txt"
    path.write_text(SENTENCE * 20)

    run = run_cli(
        ["brief", str(path), "--engine", "openai", "--base-url", fake_openai.base_url],
        env={**os.environ, "SUMMARIZER_MAX_INPUT_CHARS": "1000"},
    )

    assert run.exit_code == InputError.exit_code
    assert "more than the 1,000 this engine accepts" in run.stderr
    assert fake_openai.requests == []


def test_an_article_at_the_default_limit_is_sent_whole_and_one_more_character_is_refused(
    tmp_path: Path, fake_openai: FakeOpenAI
) -> None:
    settings = openai_settings(fake_openai, tmp_path)
    limit = settings.max_input_chars

    brief_of(article_of(limit), settings)
    with pytest.raises(InputError, match=f"more than the {limit:,} this engine accepts"):
        brief_of(article_of(limit + 1), settings)

    (request,) = fake_openai.requests
    assert len(request.article_text) == limit


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (400, LLAMA_CPP_PYTHON_OVERFLOW),
        (500, LLAMA_CPP_PYTHON_UNREWORDED_OVERFLOW),
        (400, LLAMA_SERVER_OVERFLOW),
        (400, OLDER_LLAMA_SERVER_OVERFLOW),
        (500, OLDER_LLAMA_SERVER_OVERFLOW),
        (400, VLLM_OVERFLOW),
        (400, VLLM_ENGINE_OVERFLOW),
    ],
    ids=[
        "llama-cpp-python server",
        "llama-cpp-python server unreworded",
        "llama.cpp llama-server",
        "older llama-server",
        "older llama-server 500",
        "vLLM server",
        "vLLM engine",
    ],
)
def test_an_article_over_the_models_context_is_bad_input_asked_once(
    status: int, body: str, tmp_path: Path, fake_openai: FakeOpenAI
) -> None:
    fake_openai.fallback = lambda request: Reply.status(status, body=body)

    with pytest.raises(InputError) as caught:
        brief_of(article_of(2000), openai_settings(fake_openai, tmp_path))

    assert str(caught.value).startswith(
        f"<text>: longer than the context of the model at {fake_openai.base_url} (HTTP {status}: "
    )
    assert len(fake_openai.requests) == 1


def test_cli_exits_4_when_llama_cpp_python_says_the_article_is_over_the_context(
    tmp_path: Path, fake_openai: FakeOpenAI
) -> None:
    path = tmp_path / "long.txt"
    path.write_text(SENTENCE * 20)
    fake_openai.fallback = lambda request: Reply.status(400, body=LLAMA_CPP_PYTHON_OVERFLOW)

    run = run_cli(["brief", str(path), "--engine", "openai", "--base-url", fake_openai.base_url])

    assert run.exit_code == InputError.exit_code
    assert run.stderr_lines == [
        f"summarizer: error: {path}: longer than the context of the model at "
        f"{fake_openai.base_url} (HTTP 400: This model's maximum context length is 512 tokens. "
        "However, you requested 2913 tokens (865 in the messages, 2048 in the completion). "
        "Please reduce the length of the messages or completion.)"
    ]
    assert len(fake_openai.requests) == 1


@pytest.mark.parametrize(
    ("body", "hint"),
    [
        (VLLM_OVERFLOW, "; --max-tokens 1144 or less leaves room for it"),
        (LLAMA_CPP_PYTHON_OVERFLOW, ""),
    ],
    ids=["the prompt fits", "the prompt alone is too long"],
)
def test_when_only_the_answers_max_tokens_overflows_the_error_says_how_low_to_set_it(
    body: str, hint: str, tmp_path: Path, fake_openai: FakeOpenAI
) -> None:
    """vLLM and llama-cpp-python count --max-tokens into the context: an article that fits
    with a shorter answer is refused with the default 2,048."""
    fake_openai.fallback = lambda request: Reply.status(400, body=body)

    with pytest.raises(InputError) as caught:
        brief_of(article_of(2000), openai_settings(fake_openai, tmp_path))

    assert str(caught.value).endswith(f"the messages or completion.){hint}")


def test_the_extractive_engine_briefs_any_length(tmp_path: Path) -> None:
    settings = Settings(engine="extractive", max_input_chars=100, cache_dir=tmp_path)

    brief = brief_of(article_of(1000), settings)

    assert brief.source.characters == 1000


def test_a_limit_below_one_is_a_configuration_error(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(SENTENCE)

    run = run_cli(["brief", str(path), "--engine", "extractive", "--max-input-chars", "0"])

    assert run.exit_code == ConfigError.exit_code
    assert run.stderr_lines == [
        "summarizer: error: invalid setting max_input_chars: Input should be greater than 0"
    ]
