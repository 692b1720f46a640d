"""The public API is what ``summarizer.__all__`` says, and nothing in it is missing."""

from __future__ import annotations

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
