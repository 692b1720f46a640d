"""Fitting extracted text into the schema's fields (caps from ``summarizer.brief``)."""

from __future__ import annotations

from summarizer.brief import LONG_TEXT_CHARS, NAME_CHARS, PHRASE_CHARS, TEXT_CHARS

__all__ = ["LONG_TEXT_CHARS", "NAME_CHARS", "PHRASE_CHARS", "TEXT_CHARS", "clip"]


def clip(text: str, limit: int, words: int | None = None) -> str:
    """``text`` cut to at most ``words`` words and ``limit`` characters, at a space when
    there is one."""
    if words is not None and len(text.split()) > words:
        text = " ".join(text.split()[:words])
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit + 1)
    return text[: cut if cut > 0 else limit].rstrip()
