"""Fitting extracted text into the schema's fields (caps from ``summarizer.brief``)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from summarizer.brief import LONG_TEXT_CHARS, NAME_CHARS, PHRASE_CHARS, TEXT_CHARS

__all__ = [
    "LONG_TEXT_CHARS",
    "NAME_CHARS",
    "PHRASE_CHARS",
    "TEXT_CHARS",
    "clip",
    "clip_at_clause",
    "join_fitting",
]

CUT_MARK = " …"
CLAUSE_END = re.compile(r"[,;:—–](?=\s)")
"""Where prose may be cut to fit a field: after a clause, not inside one."""
MIN_CLAUSE_CHARS = 20
"""No cut leaves less than this of a sentence: a first sentence is then cut at a word, and a
later one is left out."""


def clip(text: str, limit: int, words: int | None = None) -> str:
    """``text`` cut to at most ``words`` words and ``limit`` characters, at a space when
    there is one."""
    if words is not None and len(text.split()) > words:
        text = " ".join(text.split()[:words])
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit + 1)
    return text[: cut if cut > 0 else limit].rstrip()


def clip_at_clause(text: str, limit: int, words: int) -> str:
    """``text`` whole if it fits, else cut after its last clause that fits (at a word when
    none does), marked as cut: prose cut off anywhere ("... of drone attacks, but") reads
    as a mistake in a briefing note."""
    return join_fitting([text], limit, words)


def join_fitting(sentences: Sequence[str], limit: int, words: int) -> str:
    """The sentences joined, as many as fit in ``limit`` characters and ``words`` words; the
    last one cut as ``clip_at_clause`` cuts when only part of it fits."""
    joined = ""
    for sentence in sentences:
        part = next((p for p in _whole_then_cut(sentence) if _fits(joined, p, limit, words)), None)
        if part is None:
            if not joined:
                joined = clip(sentence, limit - len(CUT_MARK), words - 1) + CUT_MARK
            break
        joined = f"{joined} {part}" if joined else part
        if part != sentence:
            break
    return joined


def _whole_then_cut(sentence: str) -> Iterator[str]:
    """The sentence whole, then cut at each clause end from its last one, marked as cut."""
    yield sentence
    for end in sorted((m.start() for m in CLAUSE_END.finditer(sentence)), reverse=True):
        if end >= MIN_CLAUSE_CHARS:
            yield _closing_quotes(sentence[:end] + CUT_MARK)


def _closing_quotes(cut: str) -> str:
    """``cut`` with the quotation it leaves open closed: '"The presence of foreign forces
    can be dangerous …"'."""
    if cut.count('"') % 2:
        cut += '"'
    return cut + "”" * max(0, cut.count("“") - cut.count("”"))


def _fits(joined: str, part: str, limit: int, words: int) -> bool:
    text = f"{joined} {part}" if joined else part
    return len(text) <= limit and len(text.split()) <= words
