"""Who does what a cue word says: the subject of a verb, the agent of a passive, the
speaker behind "I" or "we".

Stances, threats and speakers all ask this of a word in a sentence; the answer is a list,
because subjects can be coordinated ("Presidents Muhammadu Buhari of Nigeria and Patrice
Talon of Benin signed ...").
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.engines.extractive.actors import ActorIndex
from summarizer.engines.extractive.rules import AUXILIARIES, COPULAS, SKIPPABLE_ADVERBS
from summarizer.engines.extractive.sentences import Sentence, Token
from summarizer.engines.extractive.syntax import clause_bounds, is_object, verb_after

_COORDINATION = ([","], ["and"], [",", "and"], ["and", "the"], [",", "the"], [",", "and", "the"])


def actors_doing(
    sentence: Sentence,
    cue: int,
    index: ActorIndex,
    *,
    noun_verbs: frozenset[str] = frozenset(),
    speaker: str | None = None,
) -> list[str]:
    """Who does what the word at ``cue`` says: its subject, the agents after "by" when it is
    passive ("was seconded by Angela Merkel and Boris Johnson"), or the sentence's speaker
    when it is "I" or "we" ("I disagreed strongly")."""
    tokens = sentence.tokens
    before = [t.text.casefold() for t in tokens[max(0, cue - 2) : cue]]
    by_follows = cue + 1 < len(tokens) and tokens[cue + 1].text == "by"
    if by_follows or any(word in COPULAS for word in before):
        _, clause_end = clause_bounds(tokens, cue)
        agents = [
            p.actor
            for p in index.in_sentence(sentence.index)
            if cue < p.first < clause_end and _after_by(tokens, cue, p.first)
        ]
        return list(dict.fromkeys(agents))
    subject = index.subject_of(sentence, cue, noun_verbs=noun_verbs, pronouns=speaker is None)
    if subject is None and speaker is not None and _first_person_before(tokens, cue):
        return [speaker]
    if subject is None:
        return _participle_subject(sentence, cue, index)
    return [*_coordinated_before(sentence, subject, cue, index), subject]


def _first_person_before(tokens: Sequence[Token], cue: int) -> bool:
    before = cue - 1
    while before >= 0 and (
        tokens[before].text.casefold() in SKIPPABLE_ADVERBS | AUXILIARIES
        or tokens[before].text.casefold().endswith("ly")
    ):
        before -= 1
    return before >= 0 and tokens[before].text in ("I", "We", "we")


def _coordinated_before(sentence: Sentence, subject: str, cue: int, index: ActorIndex) -> list[str]:
    """ "Presidents Muhammadu Buhari of Nigeria and Patrice Talon of Benin signed": the
    names joined to the subject by "and"."""
    tokens = sentence.tokens
    placements = [p for p in index.in_sentence(sentence.index) if p.last <= cue]
    names = [p.actor for p in placements]
    if subject not in names:
        return []
    position = max(i for i, name in enumerate(names) if name == subject)
    found: list[str] = []
    while position > 0:
        earlier, later = placements[position - 1], placements[position]
        between = [t.text.casefold() for t in tokens[earlier.last : later.first]]
        if between in _COORDINATION:
            found.insert(0, earlier.actor)
            position -= 1
        elif between[:1] == ["of"] and position > 1:
            position -= 1
        else:
            break
    return [name for name in found if name != subject]


def _participle_subject(sentence: Sentence, cue: int, index: ActorIndex) -> list[str]:
    """ "Jose Calida filed a petition, accusing the network ...": a participle after a comma
    has the main clause's subject."""
    tokens = sentence.tokens
    if cue < 1 or tokens[cue - 1].text != "," or not tokens[cue].text.endswith("ing"):
        return []
    for placement in index.in_sentence(sentence.index):
        if placement.last >= cue:
            break
        subject = not placement.possessive and not is_object(tokens, placement.first)
        if subject and verb_after(tokens, placement.last) is not None:
            return [placement.actor]
    return []


def _after_by(tokens: Sequence[Token], cue: int, first: int) -> bool:
    words = [t.text.casefold() for t in tokens[cue:first]]
    return "by" in words
