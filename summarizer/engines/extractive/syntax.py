"""Shallow syntax over a sentence's tokens: verbs, subjects, objects and clause limits.

There is no parser here. News prose is regular enough that word lists and word order find
who did what: a name followed by a finite verb is its subject, a name after a preposition is
an object, a name after "by" that follows a participle is a passive agent.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.engines.extractive.mentions import is_name_token
from summarizer.engines.extractive.rules import (
    AUXILIARIES,
    CLAUSE_BREAK_WORDS,
    COPULAS,
    PARTICIPLE_IRREGULARS,
    PREPOSITIONS,
    SAID_CUE,
    SKIPPABLE_ADVERBS,
    VERBS,
)
from summarizer.engines.extractive.sentences import Token

CLAUSE_MARKS = frozenset(';:—–"“”()[]')
_APPOSITION_LIMIT = 14
_QUOTE_MARKS = frozenset("\"“”'‘’")


def is_verb(word: str) -> bool:
    """A finite verb (or auxiliary): in the lists, or a lower-case word ending in "-ed"."""
    if not word[:1].islower():
        return False
    key = word.casefold()
    return key in VERBS or key in AUXILIARIES or key in COPULAS or _past(key)


def _past(key: str) -> bool:
    return len(key) > 4 and key.endswith("ed")


def is_participle(word: str) -> bool:
    key = word.casefold()
    return _past(key) or key in PARTICIPLE_IRREGULARS or (len(key) > 4 and key.endswith("en"))


def _skip_adverbs(tokens: Sequence[Token], index: int) -> int:
    while index < len(tokens):
        key = tokens[index].text.casefold()
        if key not in SKIPPABLE_ADVERBS and not (key.endswith("ly") and len(key) > 4):
            break
        index += 1
    return index


def verb_after(tokens: Sequence[Token], end: int) -> int | None:
    """The index of the active verb whose subject is the name ending before ``end``.

    Skips an apposition ("Carrie Lam, the chief executive of Hong Kong, announced"), a
    coordinated name ("Saudi Arabia and the United States have alleged") and adverbs.
    Passives and copulas ("was stabbed", "has been", "is a city") give None.
    """
    index = end
    if index < len(tokens) and tokens[index].text == ",":
        closing = _next_comma(tokens, index + 1)
        if closing is not None:
            index = closing + 1
    if index < len(tokens) and tokens[index].text == "and":
        index += 1
        if index < len(tokens) and tokens[index].text == "the":
            index += 1
        while index < len(tokens) and is_name_token(tokens[index].text):
            index += 1
    index = _skip_adverbs(tokens, index)
    if index >= len(tokens) or not is_verb(tokens[index].text):
        return None
    key = tokens[index].text.casefold()
    if key in COPULAS or key in AUXILIARIES:
        following = _skip_adverbs(tokens, index + 1)
        if following >= len(tokens):
            return None
        word = tokens[following].text.casefold()
        if word in COPULAS or (key in COPULAS and not word.endswith("ing")):
            return None
        if key in AUXILIARIES and not (is_verb(word) or word.isalpha()):
            return None
    return index


def _next_comma(tokens: Sequence[Token], start: int) -> int | None:
    for index in range(start, min(len(tokens), start + _APPOSITION_LIMIT)):
        text = tokens[index].text
        if text == ",":
            return index
        if text in CLAUSE_MARKS or text == ".":
            return None
    return None


def is_object(tokens: Sequence[Token], first: int) -> bool:
    """Whether the name starting at ``first`` follows a preposition ("in Tehran")."""
    index = first - 1
    while index >= 0 and tokens[index].text.casefold() in ("the", "a", "an"):
        index -= 1
    return index >= 0 and tokens[index].text.casefold() in PREPOSITIONS


def is_passive_agent(tokens: Sequence[Token], first: int) -> bool:
    """ "claimed by the Houthi movement", "joined by Australia, Bahrain and Oman"."""
    index = first - 1
    while index >= 0 and (
        tokens[index].text in (",", "and", "the") or is_name_token(tokens[index].text)
    ):
        index -= 1
    return (
        index >= 1 and tokens[index].text == "by" and is_participle(tokens[index - 1].text)
    )


def is_source(tokens: Sequence[Token], first: int) -> bool:
    """ "according to the BBC": the name is the source of what the sentence says."""
    index = first - 1
    if index >= 0 and tokens[index].text.casefold() == "the":
        index -= 1
    return (
        index >= 1
        and tokens[index].text.casefold() == "to"
        and tokens[index - 1].text.casefold() == "according"
    )


def is_inverted_speaker(tokens: Sequence[Token], first: int) -> bool:
    """ '"...," said Bash': the name after a speech verb that follows a quote or comma."""
    return (
        first >= 2
        and SAID_CUE.fullmatch(tokens[first - 1].text) is not None
        and (tokens[first - 2].text in (",", "") or tokens[first - 2].text in _QUOTE_MARKS)
    )


def clause_bounds(tokens: Sequence[Token], index: int) -> tuple[int, int]:
    """The token range of the clause around ``index``: between quote marks, semicolons,
    colons, dashes, brackets and contrast words such as "but"."""
    start = index
    while start > 0 and not _breaks(tokens[start - 1].text):
        start -= 1
    end = index + 1
    while end < len(tokens) and not _breaks(tokens[end].text):
        end += 1
    return start, end


def _breaks(text: str) -> bool:
    return text in CLAUSE_MARKS or text.casefold() in CLAUSE_BREAK_WORDS


def phrase_after(tokens: Sequence[Token], index: int, limit: int = 10) -> tuple[int, int]:
    """The words after ``index`` up to a clause mark, a comma or ``limit`` words."""
    start = index
    while start < len(tokens) and tokens[start].text in _QUOTE_MARKS:
        start += 1
    end = start
    while end < len(tokens) and end - start < limit:
        text = tokens[end].text
        if text in (",", ".", "!", "?") or _breaks(text) or text.casefold() in _PHRASE_STOPS:
            break
        end += 1
    return start, end


_PHRASE_STOPS = frozenset(
    ["which", "who", "because", "after", "saying", "said", "adding", "while", "as", "when"]
)
