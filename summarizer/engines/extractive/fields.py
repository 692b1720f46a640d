"""Fitting extracted text into the schema's fields.

The character caps mirror the string types in ``summarizer.brief`` (``Name``, ``Phrase``,
``Text``, ``LongText``); the property tests feed the engine run-on and unspaced text so that
a change there shows up as a failing test here.
"""

from __future__ import annotations

NAME_CHARS = 150
PHRASE_CHARS = 300
TEXT_CHARS = 600
LONG_TEXT_CHARS = 1500


def clip(text: str, limit: int, words: int | None = None) -> str:
    """``text`` cut to at most ``words`` words and ``limit`` characters, at a space when
    there is one."""
    if words is not None and len(text.split()) > words:
        text = " ".join(text.split()[:words])
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit + 1)
    return text[: cut if cut > 0 else limit].rstrip()
