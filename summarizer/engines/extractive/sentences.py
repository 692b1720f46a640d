"""Sentences and word tokens of an article, with character offsets into its text.

pysbd splits English well but spends about 20 ms on an average article (it builds and
compiles regexes on every call), the whole engine's budget. This splitter is a single
regex pass that borrows pysbd's English abbreviation lists, so it keeps pysbd's knowledge of
which periods do not end a sentence.

Every quote the engine writes is a slice of the article text made here, so it is always an
exact substring.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pysbd.lang.english import English

from summarizer.brief import QUOTE_MAX_CHARS
from summarizer.engines.extractive.rules import SENTENCE_STARTERS

_ABBREVIATIONS = frozenset(English.Abbreviation.ABBREVIATIONS)
_PREPOSITIVE = frozenset(English.Abbreviation.PREPOSITIVE_ABBREVIATIONS)
_NUMBER_ABBREVIATIONS = frozenset(English.Abbreviation.NUMBER_ABBREVIATIONS)

_TERMINATOR = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)")
_OPENERS = "\"'“‘([«"
_PREPOSITIVE_TOKEN = "|".join(sorted(_PREPOSITIVE, key=len, reverse=True))
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"  # U.S., D.C.
    r"|(?:(?i:" + _PREPOSITIVE_TOKEN + r"))\.(?=\s)"  # Dr., Gen.
    r"|[A-Z]\.(?=\s+[A-Z])"  # the initial in "Jessie K. Liu"
    r"|\w+(?:[-'’&.]\w+)*(?:(?<=s)['’](?!\w))?"  # words, with inner hyphens and possessives
    r"|[^\w\s]"
)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: ``text`` is ``article[start:end]`` with its outer whitespace trimmed."""

    index: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]


def split_sentences(text: str) -> list[Sentence]:
    """Split on line breaks and on sentence-final punctuation that opens a new sentence."""
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        spans.extend(_split_line(text, line_start, line_start + len(line)))
        line_start += len(line) + 1
    sentences = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            chunk = text[start:end]
            tokens = tuple(
                Token(match.group(), start + match.start(), start + match.end())
                for match in _TOKEN.finditer(chunk)
            )
            sentences.append(Sentence(len(sentences), start, end, chunk, tokens))
    return sentences


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    line = text[start:end]
    sentence_start = 0
    for match in _TERMINATOR.finditer(line):
        if _ends_sentence(line, match.start(), match.end()):
            spans.append((start + sentence_start, start + match.end()))
            sentence_start = match.end()
    spans.append((start + sentence_start, end))
    return spans


def _ends_sentence(line: str, mark: int, after: int) -> bool:
    following = line[after:].lstrip()
    next_word = following.lstrip(_OPENERS)
    if not next_word or not (next_word[0].isupper() or next_word[0].isdigit()):
        return False
    marks = line[mark:after].rstrip("\"'”’)]")
    if marks.startswith(".."):
        return False
    if marks != ".":
        return True
    previous = line[:mark].rsplit(None, 1)[-1] if line[:mark].strip() else ""
    previous = previous.lstrip(_OPENERS).casefold()
    first_next = next_word.split(None, 1)[0].strip(",;:\"'”’").casefold()
    if previous in _PREPOSITIVE or (len(previous) == 1 and previous.isalpha()):
        return False
    if previous in _NUMBER_ABBREVIATIONS and next_word[0].isdigit():
        return False
    if previous in _ABBREVIATIONS or "." in previous:
        return first_next in SENTENCE_STARTERS
    return True


def quote(text: str, sentence: Sentence, start: int | None = None, end: int | None = None) -> str:
    """A verbatim quote from ``sentence``: all of it, or the words around ``start:end``.

    Sentences longer than the schema's quote limit are cut at word boundaries around the
    span that matters, so the quote stays an exact substring of ``text``.
    """
    if sentence.end - sentence.start <= QUOTE_MAX_CHARS:
        return sentence.text
    focus_start = sentence.start if start is None else max(start, sentence.start)
    focus_end = focus_start if end is None else min(end, sentence.end)
    window_start = max(sentence.start, min(focus_start, focus_end - QUOTE_MAX_CHARS) - 150)
    window_start = _snap_forward(text, window_start, sentence.start)
    window_end = min(sentence.end, window_start + QUOTE_MAX_CHARS)
    if window_end < sentence.end:
        cut = text.rfind(" ", window_start + 1, window_end)
        if cut > window_start:
            window_end = cut
    piece = text[window_start:window_end].strip()
    return piece or text[window_start : window_start + QUOTE_MAX_CHARS]


def _snap_forward(text: str, position: int, floor: int) -> int:
    if position <= floor:
        return floor
    space = text.find(" ", position)
    return space + 1 if space != -1 else position
