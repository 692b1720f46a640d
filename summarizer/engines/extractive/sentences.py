"""Sentences and word tokens of an article, with character offsets into its text.

pysbd splits English well but spends about 20 ms on an average article (it builds and
compiles regexes on every call), the whole engine's budget. This splitter is a single
regex pass that borrows pysbd's English abbreviation lists, so it keeps pysbd's knowledge of
which periods do not end a sentence.

Every quote the engine writes is one of these sentences, a slice of the article text, so it
is always an exact substring.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import NamedTuple

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
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\w)"  # 3,000 and 1,250.5
    r"|\w+(?:[-'’&.]\w+)*(?:(?<=s)['’](?!\w))?"  # words, with inner hyphens and possessives
    r"|[^\w\s]"
)


class Token(NamedTuple):
    """A word or punctuation mark, with its offsets in the article."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: ``text`` is ``article[start:end]`` with its outer whitespace trimmed.

    It is never longer than the schema's quote limit, so every quote the engine writes is
    a whole sentence: an exact substring of the article.
    """

    index: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]
    token_starts: tuple[int, ...]
    folded: str
    """``text`` in lower case, character for character, for the cue patterns to run on."""


def split_sentences(text: str) -> list[Sentence]:
    """Split on line breaks and on sentence-final punctuation that opens a new sentence;
    cut a run-on "sentence" longer than a quote may be at its last space before the limit."""
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        for start, end in _split_line(text, line_start, line_start + len(line)):
            spans.extend(_cut_long(text, start, end))
        line_start += len(line) + 1
    sentences: list[Sentence] = []
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
            starts = tuple(token.start for token in tokens)
            sentences.append(
                Sentence(len(sentences), start, end, chunk, tokens, starts, lower_in_place(chunk))
            )
    return sentences


def lower_in_place(text: str) -> str:
    """``text.lower()``, except that characters whose lower case is longer ("İ") stay as
    they are, so offsets into the result are offsets into ``text``."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    while end - start > QUOTE_MAX_CHARS:
        limit = start + QUOTE_MAX_CHARS
        cut = max(text.rfind(" ", start + 1, limit), text.rfind("\t", start + 1, limit))
        if cut <= start:
            cut = limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


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


def token_at(sentence: Sentence, offset: int) -> int:
    """The index of the first token of ``sentence`` starting at or after article ``offset``."""
    return bisect_left(sentence.token_starts, offset)
