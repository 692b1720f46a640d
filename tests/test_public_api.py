"""The public API is what ``summarizer.__all__`` says, and nothing in it is missing."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

import summarizer

EXPECTED = {
    "Article", "AuthError", "Brief", "BriefDraft", "CacheMissError", "ConfigError",
    "EndpointError", "Evidence", "InputError", "OutputValidationError", "RetriesExhausted",
    "Settings", "Summarizer", "SummarizerError", "read_article", "summarize",
}  # fmt: skip


def test_public_names_are_exactly_the_documented_ones() -> None:
    assert set(summarizer.__all__) == EXPECTED


def test_every_public_name_is_importable() -> None:
    for name in summarizer.__all__:
        assert getattr(summarizer, name) is not None


def test_every_error_is_a_summarizer_error_with_its_own_exit_code() -> None:
    errors = [getattr(summarizer, name) for name in summarizer.__all__ if name.endswith("Error")]
    for error in errors:
        assert issubclass(error, summarizer.SummarizerError)
    assert summarizer.AuthError.exit_code != summarizer.EndpointError.exit_code


def test_summarize_works_where_an_event_loop_is_already_running() -> None:
    """A Jupyter cell runs inside an event loop, where ``asyncio.run`` is refused."""

    async def cell() -> summarizer.Brief:
        return summarizer.summarize("The Ministry of Defence said that rebels attacked the port.")

    brief = asyncio.run(cell())
    assert brief.provenance.engine == "extractive"
    assert brief.bluf


def test_summarize_in_a_running_loop_raises_the_documented_error(tmp_path: Path) -> None:
    settings = summarizer.Settings(
        engine="openai", base_url="http://127.0.0.1:9/v1", max_input_chars=20, cache_dir=tmp_path
    )

    async def cell() -> None:
        summarizer.summarize("The Ministry of Defence said rebels attacked the port.", settings)

    with pytest.raises(summarizer.InputError, match="--max-input-chars"):
        asyncio.run(cell())
