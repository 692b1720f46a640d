"""Threats: harm an actor threatened, carried out, is accused of or poses, and against whom.

A threat needs a source that is one of the actors, so a cue ("attack", "threatened",
"stabbed") only counts where an actor is its subject or passive agent, or where the article
names the perpetrator ("claimed by X", "X are the suspected perpetrators", "identified the
suspect as X", "blamed X for"). A perpetrator named after the event is linked back to the
sentence that reported it. Accidents and disasters with nobody behind them are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.brief import Likelihood, ThreatDraft
from summarizer.engines.extractive.actors import ActorIndex
from summarizer.engines.extractive.agents import actors_doing
from summarizer.engines.extractive.fields import PHRASE_CHARS, TEXT_CHARS, clip
from summarizer.engines.extractive.rules import (
    ACCIDENT_WORDS,
    BLAMED,
    CLAIMED_BY,
    COPULAS,
    HARM_VERBS,
    HEDGED_THREAT,
    MAX_THREATS,
    PERPETRATOR_IS,
    PERPETRATOR_NAMED,
    PLANNED_THREAT,
    TARGET_PREPOSITIONS,
    TEMPORAL_WORDS,
    THREAT_CUES,
    THREAT_FROM,
    TIMEFRAME,
    ThreatCue,
)
from summarizer.engines.extractive.sentences import Sentence, Token, token_at
from summarizer.engines.extractive.syntax import (
    QUOTE_MARKS,
    clause_bounds,
    is_verb,
    phrase_after,
)

TARGET_MAX_WORDS = 15
TARGET_NAME_REACH = 4
"""An actor named this close after a harm word is its target: "the Economy of Turkey" is
Turkey's, "shoppers at a Walmart store in the U.S." are not the US's."""
DESCRIPTION_MAX_WORDS = 60
UNSTATED_TARGET = "not stated"
_MODAL_WINDOW = 4


@dataclass(frozen=True, slots=True)
class _Event:
    """A sentence reporting harm, kept so that a perpetrator named later can be linked."""

    sentence: Sentence
    cue: ThreatCue
    cue_token: int
    target: str


def find_threats(
    text: str, sentences: Sequence[Sentence], index: ActorIndex, speakers: Sequence[str | None]
) -> list[ThreatDraft]:
    drafts: list[ThreatDraft] = []
    seen: set[tuple[str, str]] = set()
    unattributed: _Event | None = None
    for sentence, speaker in zip(sentences, speakers, strict=True):
        event = _event(text, sentence, index)
        named = _named_perpetrators(sentence, index)
        sources = named or (_doers(sentence, event.cue_token, index, speaker) if event else [])
        if not sources:
            if unattributed is None and event is not None and _reported(event):
                unattributed = event
            continue
        basis = event
        if unattributed is not None and (named or event is None or event.target == UNSTATED_TARGET):
            basis = unattributed
        if basis is None:
            continue
        for source in sources:
            target = basis.target if basis.target != source else UNSTATED_TARGET
            if target == UNSTATED_TARGET:
                target = _other_actor(sentence, index, source)
            key = (source.casefold(), target.casefold())
            if key in seen or len(drafts) >= MAX_THREATS:
                continue
            seen.add(key)
            drafts.append(_draft(sentence, basis, source, target))
    return drafts


def _reported(event: _Event) -> bool:
    """Whether the event is told by the article, not in a quote, and is no accident."""
    tokens = event.sentence.tokens
    quoted = sum(t.text in QUOTE_MARKS for t in tokens[: event.cue_token]) % 2 == 1
    return not quoted and ACCIDENT_WORDS.search(event.sentence.folded) is None


def _doers(sentence: Sentence, cue: int, index: ActorIndex, speaker: str | None) -> list[str]:
    """Who does the harm at ``cue``: its subject or passive agent, or the speaker when it is
    "I" or "we" in a quote ("I will totally destroy ...")."""
    return actors_doing(sentence, cue, index, noun_verbs=HARM_VERBS, speaker=speaker)


def _draft(sentence: Sentence, basis: _Event, source: str, target: str) -> ThreatDraft:
    sentences = [basis.sentence] if basis.sentence is sentence else [basis.sentence, sentence]
    timeframe = _timeframe(basis.sentence)
    return ThreatDraft(
        source=source,
        target=clip(target, PHRASE_CHARS),
        description=clip(" ".join(s.text for s in sentences), TEXT_CHARS, DESCRIPTION_MAX_WORDS),
        kind=basis.cue.kind,
        likelihood=_likelihood(basis),
        timeframe=clip(timeframe, PHRASE_CHARS) if timeframe else None,
        evidence=[s.text for s in sentences],
    )


def _event(text: str, sentence: Sentence, index: ActorIndex) -> _Event | None:
    for cue in THREAT_CUES:
        match = cue.pattern.search(sentence.folded)
        if match is None:
            continue
        first = token_at(sentence, sentence.start + match.start())
        last = token_at(sentence, sentence.start + match.end())
        return _Event(sentence, cue, first, _target(text, sentence, index, first, last))
    return None


def _named_perpetrators(sentence: Sentence, index: ActorIndex) -> list[str]:
    """Sources the sentence names outright: "claimed by X", "the threat from X", "alleged
    operator X", "blamed X for", "X are the suspected perpetrators"."""
    found: list[str] = []
    for pattern in (THREAT_FROM, CLAIMED_BY, PERPETRATOR_NAMED, BLAMED):
        for match in pattern.finditer(sentence.folded):
            after = token_at(sentence, sentence.start + match.end())
            actor = index.actor_after(sentence, after, 2 if pattern is BLAMED else 6)
            pronoun = after < len(sentence.tokens) and sentence.tokens[after].text in ("him", "her")
            if actor is None and pattern is BLAMED and pronoun:
                actor = index.last_person_before(sentence.index, after)
            if actor is not None:
                found.append(actor)
    subject = PERPETRATOR_IS.search(sentence.folded)
    if subject is not None:
        found.extend(
            actors_doing(sentence, token_at(sentence, sentence.start + subject.start()), index)
        )
    return list(dict.fromkeys(found))


def _is_passive(tokens: Sequence[Token], cue: int) -> bool:
    before = [t.text.casefold() for t in tokens[max(0, cue - 2) : cue]]
    return any(word in COPULAS or word in ("got", "get") for word in before)


def _target(text: str, sentence: Sentence, index: ActorIndex, first: int, last: int) -> str:
    """Whom the harm is aimed at: the passive subject, or the object after the cue; an
    actor's name when the phrase names one."""
    tokens = sentence.tokens
    if _is_passive(tokens, first):
        clause_start, _ = clause_bounds(tokens, first)
        copula = first - 1
        while copula > clause_start and tokens[copula].text.casefold() not in COPULAS:
            copula -= 1
        start, end = max(clause_start, copula - TARGET_MAX_WORDS), copula
    else:
        position = last
        while position < min(len(tokens), last + 2) and (
            is_verb(tokens[position].text) or tokens[position].text.casefold() in TEMPORAL_WORDS
        ):
            position += 1
        if position < len(tokens) and tokens[position].text.casefold() in TARGET_PREPOSITIONS:
            position += 1
        start, end = phrase_after(tokens, position, TARGET_MAX_WORDS)
    named = _actor_in(sentence, index, start if start < end else last, len(tokens))
    if named is not None:
        return named
    if start >= end:
        return UNSTATED_TARGET
    return text[tokens[start].start : tokens[end - 1].end].strip(" ,\"“”'‘’") or UNSTATED_TARGET


def _actor_in(sentence: Sentence, index: ActorIndex, start: int, end: int) -> str | None:
    """An actor named at the start of a span, or referred to in it as "the network"."""
    for placement in index.in_sentence(sentence.index):
        if start <= placement.first < start + TARGET_NAME_REACH:
            return placement.actor
    for position in range(start, end):
        referred = index.referent(sentence, position)
        if referred is not None:
            return referred
    return None


def _other_actor(sentence: Sentence, index: ActorIndex, source: str) -> str:
    for placement in index.in_sentence(sentence.index):
        if placement.actor != source:
            return placement.actor
    return UNSTATED_TARGET


def _likelihood(event: _Event) -> Likelihood:
    """The cue's likelihood, lowered by a hedge or set to likely by a plan just before it."""
    tokens = event.sentence.tokens
    window = " ".join(
        t.text.lower() for t in tokens[max(0, event.cue_token - _MODAL_WINDOW) : event.cue_token]
    )
    if HEDGED_THREAT.search(window):
        return Likelihood.unlikely
    if PLANNED_THREAT.search(window):
        return Likelihood.likely
    return event.cue.likelihood


def _timeframe(sentence: Sentence) -> str | None:
    match = TIMEFRAME.search(sentence.folded)
    return sentence.text[match.start() : match.end()] if match else None
