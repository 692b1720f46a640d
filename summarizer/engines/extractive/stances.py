"""Stances: who said they support or oppose what.

Four readings, the verbs first:

* a position verb ("condemned", "called for", "rejected", "banned") whose subject is an
  actor, with the phrase it governs as the topic;
* a judgement ("called the stabbing an act of barbarity"), whose evaluative words give the
  position;
* reactions named after "from" ("condemnation has come from X, Y and Z");
* what a speaker says: a demand ("should", "must") or an undertaking ("we will") for what
  follows it, praise or thanks for what they are for, or a plainly evaluative statement
  ("a big mistake").

A topic that only points back ("the decision", "it"), and an evaluation with no object of
its own, are about the article's lead event (``topics.lead_event``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.brief import ActorKind, Position, StanceDraft
from summarizer.engines.extractive.actors import ActorIndex, Placement
from summarizer.engines.extractive.agents import actors_doing
from summarizer.engines.extractive.fields import PHRASE_CHARS, TEXT_CHARS, clip
from summarizer.engines.extractive.mentions import acronym_definitions
from summarizer.engines.extractive.rules import (
    CLAUSE_OBJECT_CUE,
    COMMITMENT,
    COPULAS,
    EVALUATION_CUE,
    MAX_STANCES,
    MODAL_SUPPORT,
    NEGATIONS,
    NEGATIVE_WORDS,
    POSITIVE_WORDS,
    PRAISE_LINKS,
    PREPOSITIONS,
    REACTIONS_FROM,
    SKIPPABLE_ADVERBS,
    STANCE_CUES,
    STANCE_NOUN_VERBS,
)
from summarizer.engines.extractive.sentences import Sentence, Token, token_at
from summarizer.engines.extractive.syntax import (
    CLAUSE_MARKS,
    clause_bounds,
    is_participle,
    is_verb,
    phrase_after,
)
from summarizer.engines.extractive.topics import (
    TOPIC_MAX_WORDS,
    LeadEvent,
    phrase_text,
    refers_back,
)

SUMMARY_MAX_WORDS = 30
_NEGATION_WINDOW = 2
_ANTECEDENT_MAX_WORDS = 6
_RELATIVE_REACH = 7
"""Tokens back from a verb within which "which" or "that" may open its clause."""
_COPULA_REACH = 4
_ASIDE_MAX_WORDS = 8
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
    text: str,
    sentences: Sequence[Sentence],
    index: ActorIndex,
    speakers: Sequence[str | None],
    event: LeadEvent,
) -> list[StanceDraft]:
    """Stances in the article; ``event`` is its lead event, the topic of reactions."""
    found: list[_Found] = []
    for sentence, speaker in zip(sentences, speakers, strict=True):
        found.extend(_position_verbs(text, sentence, index, speaker, event))
        found.extend(_evaluations(text, sentence, index, event))
        found.extend(_reactions(sentence, index, event))
        if speaker is not None:
            found.extend(_spoken(text, sentence, speaker, event))
    return _unique(found, acronym_definitions(sentences))


def _about(topic: str, event: LeadEvent) -> str:
    return event.text if event.text and refers_back(topic, event) else topic


def _reactions(sentence: Sentence, index: ActorIndex, event: LeadEvent) -> list[_Found]:
    """ "Statements of condemnation have come from X, Y and Z": each takes that position on
    the event the article leads with. An organisation that only says whose head a person is
    ("Organisation of Islamic Cooperation (OIC) head Yousef Al-Othaimeen") takes none."""
    found = []
    for cue in REACTIONS_FROM:
        match = cue.pattern.search(sentence.folded)
        if match is None or not event.text:
            continue
        start = token_at(sentence, sentence.start + match.end())
        named: list[Placement] = []
        for placement in index.in_sentence(sentence.index):
            if placement.first >= start and (not named or named[-1].actor != placement.actor):
                named.append(placement)
        for position, placement in enumerate(named):
            following = named[position + 1] if position + 1 < len(named) else None
            if following is not None and _heads(sentence.tokens, placement, following):
                continue
            found.append(
                _Found(
                    placement.actor,
                    event.text,
                    cue.position,
                    _summary(sentence.text),
                    sentence.text,
                    False,
                )
            )
    return found


def _heads(tokens: Sequence[Token], organisation: Placement, person: Placement) -> bool:
    between = {token.text for token in tokens[organisation.last : person.first]}
    return person.kind is ActorKind.person and not between & {",", "and", ";"}


def _position_verbs(
    text: str, sentence: Sentence, index: ActorIndex, speaker: str | None, event: LeadEvent
) -> list[_Found]:
    found = []
    tokens = sentence.tokens
    for cue in STANCE_CUES:
        for match in cue.pattern.finditer(sentence.folded):
            cue_first = token_at(sentence, sentence.start + match.start())
            cue_last = token_at(sentence, sentence.start + match.end())
            clause_object = CLAUSE_OBJECT_CUE.match(match.group()) is not None
            topic = _topic(text, tokens, cue_first, cue_last, infinitive=clause_object)
            if not topic:
                continue
            pronoun, _, rest = topic.partition(" ")
            person = index.last_person_before(sentence.index, cue_first)
            if pronoun in ("him", "her") and person is not None:
                topic = f"{person} {rest}".strip()
            topic = _about(topic, event)
            position = cue.position
            if _negated(tokens, cue_first):
                position = _OPPOSITE.get(position, position)
            doers = actors_doing(
                sentence, cue_first, index, noun_verbs=STANCE_NOUN_VERBS, speaker=speaker
            )
            verb = sentence.text[match.start() : match.end()]
            for actor in doers:
                summary = _summary(f"{actor} {verb} {topic}")
                found.append(_Found(actor, topic, position, summary, sentence.text, False))
    return found


def _negated(tokens: Sequence[Token], cue: int) -> bool:
    window = " ".join(t.text.lower() for t in tokens[max(0, cue - _NEGATION_WINDOW) : cue])
    return NEGATIONS.search(window) is not None


def _topic(
    text: str, tokens: Sequence[Token], cue_first: int, cue_last: int, *, infinitive: bool
) -> str:
    """What a position verb is about: the phrase after it; when it is passive, the subject
    before its copula ("A similar system ... was rejected by X") or the noun phrase before a
    participle ("a system backed by X"); after a relative pronoun, the noun phrase it stands
    for ("amnesty, which the Home Office rejects")."""
    window = range(cue_first - 1, max(-1, cue_first - _RELATIVE_REACH), -1)
    relative = next((i for i in window if tokens[i].text.casefold() in ("which", "that")), None)
    if relative is not None and any(
        tokens[i].text in CLAUSE_MARKS for i in range(relative, cue_first)
    ):
        relative = None
    if relative is not None and _has_subject(tokens, relative + 1, cue_first):
        return phrase_text(text, tokens, *_antecedent(tokens, relative))
    near = range(cue_first - 1, max(-1, cue_first - _COPULA_REACH), -1)
    copula = next((i for i in near if tokens[i].text.casefold() in COPULAS), None)
    if not is_participle(tokens[cue_first].text):
        copula = None  # "is complying with": progressive, not passive
    by_follows = cue_last < len(tokens) and tokens[cue_last].text == "by"
    if copula is None and not by_follows:
        after = phrase_after(
            tokens, _past_aside(tokens, cue_last), TOPIC_MAX_WORDS, infinitive=infinitive
        )
        return phrase_text(text, tokens, *after)
    end = cue_first if copula is None else copula
    clause_start, _ = clause_bounds(tokens, end)
    start = end
    while start > clause_start and tokens[start - 1].text not in (",", "which", "that"):
        start -= 1
    first, last = phrase_after(tokens, start, min(TOPIC_MAX_WORDS, end - start))
    return phrase_text(text, tokens, first, last)


def _has_subject(tokens: Sequence[Token], start: int, cue: int) -> bool:
    """Whether words other than adverbs stand between a relative pronoun and its verb: "which
    the Home Office rejects" has a subject; "which rejected" does not."""
    return any(
        token.text.casefold() not in SKIPPABLE_ADVERBS and not token.text.casefold().endswith("ly")
        for token in tokens[start:cue]
    )


def _past_aside(tokens: Sequence[Token], index: int) -> int:
    """The index after an aside set off by commas right after a verb ("rejected, the day
    before the rally, a lawsuit")."""
    if index < len(tokens) and tokens[index].text == ",":
        for position in range(index + 1, min(len(tokens), index + _ASIDE_MAX_WORDS)):
            if tokens[position].text == ",":
                return position + 1
    return index


def _antecedent(tokens: Sequence[Token], relative: int) -> tuple[int, int]:
    """The noun phrase a "which" or "that" stands for: the words before it back to a
    preposition, a verb or a clause mark."""
    end = relative
    while end > 0 and tokens[end - 1].text == ",":
        end -= 1
    start = end
    while start > max(0, end - _ANTECEDENT_MAX_WORDS):
        word = tokens[start - 1].text
        if word in CLAUSE_MARKS or word == "," or word.casefold() in PREPOSITIONS or is_verb(word):
            break
        start -= 1
    return start, end


def _evaluations(
    text: str, sentence: Sentence, index: ActorIndex, event: LeadEvent
) -> list[_Found]:
    """ "Brudziński called the stabbing an act of inexplicable barbarity": the judgement's
    words give the position, the verb's object is the topic."""
    found = []
    tokens = sentence.tokens
    for match in EVALUATION_CUE.finditer(sentence.folded):
        position = _judgement(sentence.folded, match.end())
        if position is None:
            continue
        cue = token_at(sentence, sentence.start + match.start())
        topic = phrase_text(text, tokens, *phrase_after(tokens, cue + 1, TOPIC_MAX_WORDS))
        if not topic:
            continue
        topic = _about(topic, event)
        for actor in actors_doing(sentence, cue, index):
            found.append(
                _Found(actor, topic, position, _summary(sentence.text), sentence.text, False)
            )
    return found


def _judgement(folded: str, start: int = 0) -> Position | None:
    """The position evaluative words take, the negative ones first."""
    if NEGATIVE_WORDS.search(folded, start):
        return Position.opposes
    if POSITIVE_WORDS.search(folded, start):
        return Position.supports
    return None


def _spoken(text: str, sentence: Sentence, speaker: str, event: LeadEvent) -> list[_Found]:
    """A stance in what a speaker says: a demand or an undertaking for what follows it,
    praise or thanks for what they are for, or an evaluation of the lead event."""
    found = _demanded(text, sentence, event)
    if found is None:
        found = _evaluated(text, sentence, event)
    if found is None:
        return []
    topic, position = found
    summary = _summary(f"{speaker}: {sentence.text}")
    return [_Found(speaker, topic, position, summary, sentence.text, True)]


def _demanded(text: str, sentence: Sentence, event: LeadEvent) -> tuple[str, Position] | None:
    """What a demand ("should", "must") or a commitment ("we will", "he would") is for."""
    match = MODAL_SUPPORT.search(sentence.folded) or COMMITMENT.search(sentence.folded)
    if match is None:
        return None
    tokens = sentence.tokens
    after = token_at(sentence, sentence.start + match.end())
    position = Position.supports
    if after < len(tokens) and tokens[after].text.casefold() in ("not", "never"):
        position = Position.opposes
        after += 1
    topic = phrase_text(text, tokens, *phrase_after(tokens, after, TOPIC_MAX_WORDS))
    return (_about(topic, event), position) if topic else None


def _evaluated(text: str, sentence: Sentence, event: LeadEvent) -> tuple[str, Position] | None:
    """Negative words judge the lead event; praise and thanks are for what follows them, or
    for the subject they are said of ("Moves to reduce the backlog are welcome")."""
    if NEGATIVE_WORDS.search(sentence.folded):
        return (event.text, Position.opposes) if event.text else None
    match = POSITIVE_WORDS.search(sentence.folded)
    if match is None:
        return None
    tokens = sentence.tokens
    at = token_at(sentence, sentence.start + match.start())
    copula = at - 1
    while copula >= 0 and tokens[copula].text.casefold() in SKIPPABLE_ADVERBS:
        copula -= 1
    if copula > 0 and tokens[copula].text.casefold() in COPULAS:
        # "Moves to reduce the backlog are welcome": the praise is for the subject.
        start, _ = clause_bounds(tokens, copula)
        span = phrase_after(tokens, start, min(TOPIC_MAX_WORDS, copula - start))
    else:
        after = token_at(sentence, sentence.start + match.end())
        while after < len(tokens) and tokens[after].text.casefold() in PRAISE_LINKS:
            after += 1
        span = phrase_after(tokens, after, TOPIC_MAX_WORDS)
    topic = phrase_text(text, tokens, *span)
    return (_about(topic, event), Position.supports) if topic else None


def _spell_out(topic: str, acronyms: dict[str, str]) -> str:
    for word in topic.split():
        long_form = acronyms.get(word.strip(".,;:'’\"()"))
        if long_form and long_form not in topic:
            return f"{topic} ({long_form})"
    return topic


def _summary(line: str) -> str:
    return clip(line, TEXT_CHARS, SUMMARY_MAX_WORDS)


def _unique(found: list[_Found], acronyms: dict[str, str]) -> list[StanceDraft]:
    """One stance per actor and topic, and per actor, sentence and position; verbs before
    speech.
    Acronyms in a topic get their long form, as the article defines it, added."""
    seen: set[tuple[str, str]] = set()
    drafts: list[StanceDraft] = []
    for item in sorted(found, key=lambda f: f.spoken):
        keys = {
            (item.actor.casefold(), item.topic.casefold()),
            (item.actor.casefold(), f"{item.position.value}:{item.evidence}"),
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
