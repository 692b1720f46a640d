"""Stances: who said they support or oppose what.

A stance is a position verb ("condemned", "called for", "rejected") whose subject is an
actor, with its object as the topic. A speech verb ("said", "wrote") makes a stance when
what was said is a demand ("should", "must") or plainly evaluative ("a big mistake");
quoted sentences that follow are credited to the same speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.brief import Position, StanceDraft
from summarizer.engines.extractive.actors import ActorIndex
from summarizer.engines.extractive.agents import actors_doing
from summarizer.engines.extractive.fields import PHRASE_CHARS, TEXT_CHARS, clip
from summarizer.engines.extractive.mentions import acronym_definitions
from summarizer.engines.extractive.rules import (
    COPULAS,
    EVALUATION_CUE,
    MAX_STANCES,
    MODAL_SUPPORT,
    NEGATIONS,
    NEGATIVE_WORDS,
    POSITIVE_WORDS,
    REACTIONS_FROM,
    STANCE_CUES,
    STANCE_NOUN_VERBS,
)
from summarizer.engines.extractive.sentences import Sentence, Token, token_at
from summarizer.engines.extractive.syntax import (
    clause_bounds,
    phrase_after,
    rest_of_clause,
)

TOPIC_MAX_WORDS = 25
SUMMARY_MAX_WORDS = 30
_OPPOSITE = {Position.supports: Position.opposes, Position.opposes: Position.supports}


@dataclass(frozen=True, slots=True)
class _Found:
    actor: str
    topic: str
    position: Position
    summary: str
    evidence: str
    spoken: bool
    """Read from what a speaker said rather than from a position verb: weaker evidence."""


def find_stances(
    text: str, sentences: Sequence[Sentence], index: ActorIndex, speakers: Sequence[str | None]
) -> list[StanceDraft]:
    found: list[_Found] = []
    for sentence, speaker in zip(sentences, speakers, strict=True):
        found.extend(_position_verbs(text, sentence, index, speaker))
        found.extend(_evaluations(text, sentence, index))
        found.extend(_reactions(sentence, index, sentences[0]))
        if speaker is not None:
            found.extend(_spoken(text, sentence, speaker))
    return _unique(found, acronym_definitions(sentences))


def _reactions(sentence: Sentence, index: ActorIndex, lead: Sentence) -> list[_Found]:
    """ "Statements of condemnation have come from X, Y and Z": each takes that position on
    the event the article leads with."""
    found = []
    for cue in REACTIONS_FROM:
        match = cue.pattern.search(sentence.folded)
        if match is None:
            continue
        start = token_at(sentence, sentence.start + match.end())
        _, end = clause_bounds(sentence.tokens, max(0, start - 1))
        topic = " ".join(lead.text.split()[:TOPIC_MAX_WORDS])
        for placement in index.in_sentence(sentence.index):
            if start <= placement.first < end:
                summary = _summary(sentence.text)
                found.append(
                    _Found(placement.actor, topic, cue.position, summary, sentence.text, False)
                )
    return found


def _position_verbs(
    text: str, sentence: Sentence, index: ActorIndex, speaker: str | None
) -> list[_Found]:
    found = []
    tokens = sentence.tokens
    for cue in STANCE_CUES:
        for match in cue.pattern.finditer(sentence.folded):
            cue_first = token_at(sentence, sentence.start + match.start())
            cue_last = token_at(sentence, sentence.start + match.end())
            topic = _topic(text, tokens, cue_first, cue_last)
            if not topic:
                continue
            pronoun, _, rest = topic.partition(" ")
            person = index.last_person_before(sentence.index, cue_first)
            if pronoun in ("him", "her") and person is not None:
                topic = f"{person} {rest}"
            window = " ".join(t.text.lower() for t in tokens[max(0, cue_first - 2) : cue_first])
            position = cue.position
            if NEGATIONS.search(window):
                position = _OPPOSITE.get(position, position)
            evidence = sentence.text
            doers = actors_doing(
                sentence, cue_first, index, noun_verbs=STANCE_NOUN_VERBS, speaker=speaker
            )
            for actor in doers:
                verb = sentence.text[match.start() : match.end()]
                summary = _summary(f"{actor} {verb} {topic}")
                found.append(_Found(actor, topic, position, summary, evidence, False))
    return found


def _topic(text: str, tokens: Sequence[Token], cue_first: int, cue_last: int) -> str:
    """What a position verb is about: what comes before it when it is passive ("A similar
    system ... was rejected by X", "a system backed by X") or follows a relative pronoun
    ("amnesty, which the Home Office rejects"); otherwise the rest of its clause."""
    before = [t.text.casefold() for t in tokens[max(0, cue_first - 3) : cue_first]]
    passive = any(word in COPULAS for word in before[-2:]) or (
        cue_last < len(tokens) and tokens[cue_last].text == "by"
    )
    relative = "which" in before or "that" in before
    if not (passive or relative):
        return _phrase(text, tokens, cue_last)
    clause_start, _ = clause_bounds(tokens, cue_first)
    end = cue_first
    while end > clause_start and tokens[end - 1].text.casefold() not in ("which", "that", ","):
        if tokens[end - 1].text.casefold() in COPULAS and passive:
            break
        end -= 1
    if relative and end > clause_start:
        end -= 1
    while end > clause_start and not tokens[end - 1].text[:1].isalnum():
        end -= 1
    start = max(clause_start, end - TOPIC_MAX_WORDS)
    if start >= end:
        return _phrase(text, tokens, cue_last)
    return text[tokens[start].start : tokens[end - 1].end].strip(" \"“”'‘’")


def _evaluations(text: str, sentence: Sentence, index: ActorIndex) -> list[_Found]:
    """ "Brudziński called the stabbing an act of inexplicable barbarity": the judgement's
    words give the position, the verb's object is the topic."""
    found = []
    tokens = sentence.tokens
    for match in EVALUATION_CUE.finditer(sentence.folded):
        position, judgement = _spoken_position(sentence.folded, match.end())
        if position is None or judgement is None or MODAL_SUPPORT.fullmatch(judgement.group()):
            continue
        cue = token_at(sentence, sentence.start + match.start())
        first, last = phrase_after(tokens, cue + 1, TOPIC_MAX_WORDS)
        if first >= last:
            continue
        topic = text[tokens[first].start : tokens[last - 1].end].strip(" \"“”'‘’")
        evidence = sentence.text
        for actor in actors_doing(sentence, cue, index):
            found.append(_Found(actor, topic, position, _summary(sentence.text), evidence, False))
    return found


def _spoken(text: str, sentence: Sentence, speaker: str) -> list[_Found]:
    """A stance in what a speaker says: a demand, or a plainly evaluative statement."""
    position, cue_match = _spoken_position(sentence.folded)
    if position is None or cue_match is None:
        return []
    if MODAL_SUPPORT.fullmatch(cue_match.group()) and NEGATIONS.search(
        sentence.folded, 0, cue_match.start()
    ):
        position = Position.opposes
    topic = _spoken_topic(text, sentence, cue_match)
    if not topic:
        return []
    evidence = sentence.text
    summary = _summary(f"{speaker}: {sentence.text}")
    return [_Found(speaker, topic, position, summary, evidence, True)]


def _spoken_position(folded: str, start: int = 0) -> tuple[Position | None, re.Match[str] | None]:
    """The position a statement takes, from its first demand or evaluative word."""
    for pattern, position in (
        (MODAL_SUPPORT, Position.supports),
        (NEGATIVE_WORDS, Position.opposes),
        (POSITIVE_WORDS, Position.supports),
    ):
        match = pattern.search(folded, start)
        if match is not None:
            return position, match
    return None, None


def _spoken_topic(text: str, sentence: Sentence, cue: re.Match[str]) -> str:
    """After a modal, what should happen; otherwise the clause the evaluative word is in."""
    tokens = sentence.tokens
    position = token_at(sentence, sentence.start + cue.end())
    if MODAL_SUPPORT.fullmatch(cue.group()):
        return _phrase(text, tokens, position)
    start, _ = clause_bounds(tokens, max(0, position - 1))
    return _phrase(text, tokens, start)


def _phrase(text: str, tokens: Sequence[Token], start: int) -> str:
    """The topic after a cue: the rest of its clause, which holds what the stance is about."""
    first, last = rest_of_clause(tokens, start, TOPIC_MAX_WORDS)
    if first >= last:
        return ""
    return text[tokens[first].start : tokens[last - 1].end].strip(" \"“”'‘’")


def _spell_out(topic: str, acronyms: dict[str, str]) -> str:
    for word in topic.split():
        long_form = acronyms.get(word.strip(".,;:'’\"()"))
        if long_form and long_form not in topic:
            return f"{topic} ({long_form})"
    return topic


def _summary(line: str) -> str:
    return clip(line, TEXT_CHARS, SUMMARY_MAX_WORDS)


def _unique(found: list[_Found], acronyms: dict[str, str]) -> list[StanceDraft]:
    """One stance per actor and topic, and per actor and sentence; verbs before speech.
    Acronyms in a topic get their long form, as the article defines it, added."""
    seen: set[tuple[str, str]] = set()
    drafts: list[StanceDraft] = []
    for item in sorted(found, key=lambda f: f.spoken):
        keys = {
            (item.actor.casefold(), item.topic.casefold()),
            (item.actor.casefold(), item.evidence),
        }
        if keys & seen or len(drafts) >= MAX_STANCES:
            continue
        seen.update(keys)
        drafts.append(
            StanceDraft(
                actor=item.actor,
                topic=clip(_spell_out(item.topic, acronyms), PHRASE_CHARS),
                position=item.position,
                summary=item.summary,
                evidence=[item.evidence],
            )
        )
    return drafts
