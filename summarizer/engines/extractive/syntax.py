"""Shallow syntax over a sentence's tokens: verbs, subjects, objects and clause limits.

There is no parser here. News prose is regular enough that word lists and word order find
who did what: a name followed by a finite verb is its subject, a name after a preposition is
an object, a name after "by" that follows a participle is a passive agent.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.engines.extractive.mentions import is_name_token
from summarizer.engines.extractive.rules import (
    APPOSITION_OPENERS,
    AUXILIARIES,
    CLAUSE_BREAK_WORDS,
    COPULAS,
    DETERMINERS,
    LOCATIVE_PARTICIPLES,
    OBJECT_CONTROL_VERBS,
    PARTICIPLE_IRREGULARS,
    PHRASE_STOPS,
    PHRASE_TAIL_WORDS,
    PLACE_PREPOSITIONS,
    PREPOSITIONS,
    SAID_CUE,
    SKIPPABLE_ADVERBS,
    VERBS,
)
from summarizer.engines.extractive.sentences import Token

CLAUSE_MARKS = frozenset(';:—–"“”()[]')
_APPOSITION_LIMIT = 14
QUOTE_MARKS = frozenset('"“”')
_QUOTE_MARKS = frozenset("\"“”'‘’")
_POSSESSIVES = frozenset(["its", "his", "her", "their"])


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


def skip_apposition(tokens: Sequence[Token], end: int) -> int:
    """The index after an apposition that follows a name ("Carrie Lam, the chief executive
    of Hong Kong, announced"), or ``end`` when there is none."""
    if end + 1 < len(tokens) and tokens[end].text == ",":
        opener = tokens[end + 1].text
        closing = _next_comma(tokens, end + 1)
        if closing is not None and (
            opener.casefold() in APPOSITION_OPENERS
            or opener[0].isdigit()
            or _owner_of_role(tokens, end + 1)
        ):
            return closing + 1
    return end


def _owner_of_role(tokens: Sequence[Token], opener: int) -> bool:
    """ "Irma Tchkadua, Basilashvili's lawyer, denied": an apposition that opens with a
    possessive name and a lower-case role."""
    word = tokens[opener].text
    return (
        word[:1].isupper()
        and word.endswith(("'s", "’s"))
        and opener + 1 < len(tokens)
        and tokens[opener + 1].text[:1].islower()
    )


def leads_to(
    tokens: Sequence[Token], end: int, target: int, *, noun_verbs: frozenset[str] = frozenset()
) -> bool:
    """Whether the name ending at ``end`` is the subject of the word at ``target``.

    Only an apposition, a bracketed acronym, adverbs, auxiliaries and verbs taking "to"
    ("tried to", "threatened to") may stand between them. When the target is a noun, one of
    ``noun_verbs`` and a determiner may too ("filed a lawsuit", "issued a subpoena").
    """
    starts = [skip_apposition(tokens, end)]
    if opens_relative(tokens, end):
        starts.append(end + 1 + (tokens[end].text == ","))
    return any(_reaches(tokens, index, target, noun_verbs) for index in starts)


def _reaches(tokens: Sequence[Token], index: int, target: int, noun_verbs: frozenset[str]) -> bool:
    if index + 2 < target and tokens[index].text == "(" and tokens[index + 2].text == ")":
        index += 3
    if index + 1 < target and tokens[index].text == "of" and is_name_token(tokens[index + 1].text):
        index += 1
        while index < target and is_name_token(tokens[index].text):
            index += 1
    index = _past_place(tokens, index, target)
    if index < target and tokens[index].text == ",":
        index += 1
    verbs = 0
    while index < target:
        word = tokens[index].text
        key = word.casefold()
        if key in ("a", "an", "the", "its", "his", "her", "their") and verbs:
            index += 1
            continue
        if key == "own" and verbs and tokens[index - 1].text.casefold() in _POSSESSIVES:
            index += 1  # "announced their own support for"
            continue
        skippable = (
            key in SKIPPABLE_ADVERBS
            or key in AUXILIARIES
            or key in ("to", "be", "been")
            or (key in COPULAS and index + 1 == target and tokens[target].text.endswith("ing"))
            or (key.endswith("ly") and len(key) > 4)
            or (
                (is_verb(word) or is_participle(word))
                and index + 1 < target
                and tokens[index + 1].text == "to"
            )
        )
        # A preposition may follow the verb before a noun: "called for attacks".
        linked = (
            verbs > 0 and key in ("for", "on") and tokens[index - 1].text.casefold() in noun_verbs
        )
        if not skippable and key in noun_verbs and not verbs:
            verbs += 1
        elif not (skippable or linked):
            return False
        index += 1
    return index == target


def _past_place(tokens: Sequence[Token], index: int, target: int) -> int:
    """The index after where or when a subject is, between it and its verb: "the Court of
    Session [in Scotland] ruled", "Bruce McArthur[, from Toronto, Canada, on Tuesday]
    admitted"; names only, so "the president in his speech said" keeps its words."""
    start = index
    if index < target and tokens[index].text == ",":
        index += 1
    while index + 1 < target and tokens[index].text.casefold() in PLACE_PREPOSITIONS:
        after = index + 1
        while after < target and (
            is_name_token(tokens[after].text)
            or (
                tokens[after].text == ","
                and after + 1 < target
                and is_name_token(tokens[after + 1].text)
            )
        ):
            after += 1
        if after == index + 1:
            break
        index = after
        if index < target and tokens[index].text == ",":
            index += 1
    return index if index > start + 1 else start


def verb_after(tokens: Sequence[Token], end: int) -> int | None:
    """The index of the active verb whose subject is the name ending before ``end``.

    Skips an apposition ("Carrie Lam, the chief executive of Hong Kong, announced"), a
    coordinated name ("Saudi Arabia and the United States have alleged") and adverbs.
    Passives and copulas ("was stabbed", "has been", "is a city") give None.
    """
    index = skip_apposition(tokens, end)
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
    following = _skip_adverbs(tokens, index + 1)
    word = tokens[following].text.casefold() if following < len(tokens) else ""
    if word == "by" and is_participle(key):
        return None
    if key in COPULAS:
        return index if word.endswith("ing") or word == "to" else None
    if key in AUXILIARIES and (word in COPULAS or not word.isalpha()):
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


def is_object(tokens: Sequence[Token], first: int, *, lists: bool = True) -> bool:
    """Whether the name starting at ``first`` follows a preposition ("in Tehran"), with
    ``lists`` also as a later item of a list ("between El Paso and Ciudad Juárez")."""
    index = first - 1
    while True:
        while index >= 0 and tokens[index].text.casefold() in ("the", "a", "an"):
            index -= 1
        if lists and index >= 2 and tokens[index].text == "and" and tokens[index - 1].text == ",":
            index -= 1  # the serial comma: "in Arizona, Florida, and Illinois"
        if (
            lists
            and index >= 1
            and tokens[index].text in ("and", ",")
            and is_name_token(tokens[index - 1].text)
        ):
            index -= 1
            while index >= 0 and is_name_token(tokens[index].text):
                index -= 1
            continue
        break
    return index >= 0 and tokens[index].text.casefold() in PREPOSITIONS


def is_passive_agent(tokens: Sequence[Token], first: int) -> bool:
    """ "claimed by the Houthi movement", "joined by Australia, Bahrain and Oman"."""
    index = first - 1
    while index >= 0 and (
        tokens[index].text in (",", "and", "the") or is_name_token(tokens[index].text)
    ):
        index -= 1
    if index < 1 or tokens[index].text != "by" or tokens[first - 1].text in ("a", "an"):
        return False
    participle = tokens[index - 1].text
    return is_participle(participle) and participle.casefold() not in LOCATIVE_PARTICIPLES


def is_controlled_subject(tokens: Sequence[Token], first: int, last: int) -> bool:
    """ "asking the United States to waive": the object of "asking" acts in the "to" clause."""
    before = first - 1
    if before >= 0 and tokens[before].text.casefold() == "the":
        before -= 1
    return (
        before >= 0
        and tokens[before].text.casefold() in OBJECT_CONTROL_VERBS
        and last < len(tokens)
        and tokens[last].text == "to"
    )


def is_source(tokens: Sequence[Token], first: int, last: int) -> bool:
    """ "according to the BBC": the name is the source of what the sentence says (and not
    an adjective, as in "according to the El Paso mayor")."""
    index = first - 1
    if index >= 0 and tokens[index].text.casefold() == "the":
        index -= 1
    return (
        index >= 1
        and tokens[index].text.casefold() == "to"
        and tokens[index - 1].text.casefold() == "according"
        and (last >= len(tokens) or not tokens[last].text[:1].islower())
    )


def is_inverted_speaker(tokens: Sequence[Token], first: int) -> bool:
    """'"...," said Bash': the name after a speech verb that follows a quote or comma."""
    return (
        first >= 2
        and SAID_CUE.fullmatch(tokens[first - 1].text.lower()) is not None
        and (tokens[first - 2].text in (",", "") or tokens[first - 2].text in _QUOTE_MARKS)
    )


def opens_relative(tokens: Sequence[Token], end: int) -> bool:
    """Whether "which" or "who" (after a comma or not) follows the name ending at ``end``."""
    following = [token.text.casefold() for token in tokens[end : end + 2]]
    return following[:1] in (["which"], ["who"]) or following in ([",", "which"], [",", "who"])


def is_relative_subject(tokens: Sequence[Token], last: int) -> bool:
    """ "the Supreme Court, which rejected ...": the name is the subject of a relative clause."""
    index = last + (last < len(tokens) and tokens[last].text == ",")
    if index >= len(tokens) or tokens[index].text.casefold() not in ("which", "who"):
        return False
    return verb_after(tokens, index + 1) is not None


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


def _verb_follows(tokens: Sequence[Token], index: int) -> bool:
    """Whether the word after ``index`` reads as a verb: lower case, no determiner, no number."""
    following = tokens[index + 1].text if index + 1 < len(tokens) else ""
    return following[:1].islower() and following.casefold() not in DETERMINERS


def phrase_after(
    tokens: Sequence[Token], index: int, limit: int = 10, *, infinitive: bool = True
) -> tuple[int, int]:
    """The phrase a cue governs: the words from ``index`` up to a clause mark, a comma, a
    word that opens another clause ("which", "because", a "that" after the first word), a
    second verb joined by "and" ("opposed the withdrawal and said ..."), or ``limit`` words.
    Without ``infinitive``, a "to" after the first word ends it too: "called for G7 action
    to correct ..." is about "G7 action". Leading quote marks and "that", and trailing
    function words, are left out."""
    start = index
    while start < len(tokens) and (
        tokens[start].text in _QUOTE_MARKS or tokens[start].text.casefold() == "that"
    ):
        start += 1
    end = start
    while end < len(tokens) and end - start < limit:
        text = tokens[end].text
        key = text.casefold()
        if text in (",", ".", "!", "?") or _breaks(text) or key in PHRASE_STOPS:
            break
        if end > start and (
            key == "that" or (key == "to" and not infinitive and _verb_follows(tokens, end))
        ):
            break
        if key == "and" and end + 1 < len(tokens) and is_verb(tokens[end + 1].text):
            break
        end += 1
    while end > start and (
        tokens[end - 1].text.casefold() in PHRASE_TAIL_WORDS
        or not tokens[end - 1].text[:1].isalnum()
    ):
        end -= 1
    return start, end
