"""Who does what a cue word says: the subject of a verb, the agent of a passive, the
speaker behind "I" or "we".

Stances, threats and speakers all ask this of a word in a sentence; the answer is a list,
because subjects can be coordinated ("Presidents Muhammadu Buhari of Nigeria and Patrice
Talon of Benin signed ...").
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.engines.extractive.actors import ActorIndex, Placement
from summarizer.engines.extractive.mentions import is_name_token
from summarizer.engines.extractive.rules import (
    AUXILIARIES,
    COPULAS,
    GERUND_OPENERS,
    PREPOSITIONS,
    SKIPPABLE_ADVERBS,
)
from summarizer.engines.extractive.sentences import Sentence, Token
from summarizer.engines.extractive.syntax import CLAUSE_MARKS, is_object, is_participle, is_verb

_BY_REACH = 4
"""Tokens after a passive verb within which its "by" may come ("was issued jointly by")."""
_AGENT_ROLE_WORDS = 3
"""Lower-case words in a row that agents after "by" may hold ("a spokesperson for")."""
_VERB_JOINED_SKIPS = SKIPPABLE_ADVERBS | AUXILIARIES | {"not", "then"}
"""Words between "and" and a verb it joins ("and then did not accede")."""
_COORDINATION = ([","], ["and"], [",", "and"], ["and", "the"], [",", "the"], [",", "and", "the"])
_TITLE_WORDS = 3
"""Most words of a title between "and" and a coordinated name ("and former president")."""
_NOT_TITLES = frozenset(["that", "which", "who", "whom", "then", "also", "not", "to", "by"])


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
    passive = is_participle(tokens[cue].text) and any(word in COPULAS for word in before)
    if by_follows or passive:
        by = next(
            (
                i
                for i in range(cue + 1, min(len(tokens), cue + _BY_REACH))
                if tokens[i].text == "by"
            ),
            None,
        )
        if by is None:
            return []
        end = _agent_phrase_end(tokens, by + 1)
        agents = [
            p.actor
            for p in index.in_sentence(sentence.index)
            if by < p.first < end and not p.possessive  # "by X's lawyer": the lawyer acts
        ]
        return list(dict.fromkeys(agents))
    subject = index.subject_of(sentence, cue, noun_verbs=noun_verbs, pronouns=speaker is None)
    if subject is None and speaker is not None and _first_person_before(tokens, cue):
        return [speaker]
    if subject is None:
        return _main_clause_subject(sentence, cue, index)
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
        if earlier.actor == later.actor:  # "the Federal Security Service (FSB)"
            position -= 1
            continue
        between = _words_between(tokens, earlier, later)
        if between in _COORDINATION or _coordinated_with_title(tokens[earlier.last : later.first]):
            owner = placements[position - 2] if position >= 2 else None
            if owner is not None and _words_between(tokens, owner, earlier) == ["of"]:
                # "Buhari of Nigeria and Talon ...": the person, not their country, acts.
                found.insert(0, owner.actor)
                position -= 2
            else:
                found.insert(0, earlier.actor)
                position -= 1
        elif between[:1] == ["of"] and position > 1:
            position -= 1
        else:
            break
    return [name for name in found if name != subject]


def _coordinated_with_title(between: Sequence[Token]) -> bool:
    """ "Bernie Sanders and former president Barack Obama": "and", then a title of a few
    lower-case words that are neither verbs nor clause words ("Police and Crime
    Commissioner Stephen Mold" is one title, not two names)."""
    words = [token.text for token in between]
    conjunction = 2 if words[:2] == [",", "and"] else 1 if words[:1] == ["and"] else 0
    title = words[conjunction:]
    return (
        conjunction > 0
        and 0 < len(title) <= _TITLE_WORDS
        and all(word.isalpha() and word.islower() for word in title)
        and not any(is_verb(word) or word in _NOT_TITLES for word in title)
    )


def _words_between(tokens: Sequence[Token], earlier: Placement, later: Placement) -> list[str]:
    """The words between two names, without an "of" and the place it names right after the
    first ("Buhari [of Nigeria] and Talon")."""
    words = tokens[earlier.last : later.first]
    if len(words) > 1 and words[0].text == "of":
        rest = 1
        while rest < len(words) and is_name_token(words[rest].text):
            rest += 1
        if rest < len(words):
            words = words[rest:]
    return [token.text.casefold() for token in words]


def _main_clause_subject(sentence: Sentence, cue: int, index: ActorIndex) -> list[str]:
    """The main clause's subject for a participle after a comma or a preposition ("Jose
    Calida filed a petition, accusing the network ...", "was shot after stabbing two
    people") or a verb joined by "and" or "but" ("She spoke about her husband, and
    promised ..."); a subject "the court" is the court named before."""
    tokens = sentence.tokens
    before = cue - 1
    while before >= 0 and tokens[before].text.casefold() in _VERB_JOINED_SKIPS:
        before -= 1
    gerund = tokens[cue].text.endswith("ing") and before == cue - 1 and before >= 0
    participle = gerund and tokens[before].text.casefold() in GERUND_OPENERS
    joined = before >= 0 and tokens[before].text.casefold() in ("and", "but")
    if not (participle or joined):
        return []
    first_verb = next((i for i, token in enumerate(tokens) if is_verb(token.text)), cue)
    subjects = [
        p
        for p in index.in_sentence(sentence.index)
        if p.last <= first_verb and not p.possessive and not is_object(tokens, p.first)
    ]
    if subjects:
        # The name nearest the verb heads the subject ("Another former Trump adviser,
        # Sebastian Gorka, also spoke ... and encouraged ...").
        return [subjects[-1].actor]
    # A subject of two words before the first verb, "The court found that it could rule on
    # the prorogation, and found ...", is the court named before.
    referred = index.referent(sentence, 0) if first_verb == 2 else None
    if referred is not None:
        return [referred]
    if joined and tokens and tokens[0].text in ("He", "She"):
        person = index.last_person_before(sentence.index)
        return [person] if person is not None else []
    return []


def _agent_phrase_end(tokens: Sequence[Token], start: int) -> int:
    """Where the agents after "by" end: names, titles, "the", "of" and the commas and "and"
    that join them run on; another preposition, a verb or a clause mark ends them ("rejected
    by Prime Minister Boris Johnson over fears ...")."""
    end = start
    lower_run = 0
    while end < len(tokens):
        word = tokens[end].text
        key = word.casefold()
        if word in CLAUSE_MARKS or word == "." or (key in PREPOSITIONS and key != "of"):
            break
        if key in ("who", "which", "that") or is_verb(word):
            break
        lower_run = 0 if is_name_token(word) or word in (",", "and", "the", "of") else lower_run + 1
        if lower_run > _AGENT_ROLE_WORDS:
            break
        end += 1
    return end
