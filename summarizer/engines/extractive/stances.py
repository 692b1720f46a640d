"""Stances: who said they support or oppose what.

Four readings, the verbs first:

* a position verb ("condemned", "called for", "rejected", "banned", "voted to",
  "introduced a bill to", "appointed") whose subject is an actor, with the phrase it governs
  as the topic; verbs of holding a view ("claims", "believe", "alleged") take the clause they
  govern, verbs of an act ("cancelled", "declared a state of emergency") the act itself
  ("cancelling ..."); the subject may be a pronoun standing for a speaker ("X said they
  believe ...") or a possessor ("his calls for"), never a state that only says where or
  whose it is ("the Parliament of New South Wales (NSW), Australia voted"); urging someone
  not to do something, or to stop it, opposes it; "the bill" is the bill named before;
* a judgement ("called the stabbing an act of barbarity"), whose evaluative words give the
  position;
* an act done "at the request of X", which X supports;
* what a speaker says: a demand ("need to", or "should" and "must" said of what is to be
  done: "all salt should be iodised") or an undertaking ("we will") for what follows it
  (against it when it is to challenge or do away with something), praise or thanks for
  what they are for, or a plainly evaluative statement ("a big mistake").

A topic that only points back ("the decision", "it"), and an evaluation with no object of
its own, are about the article's lead event (``topics.lead_event``); a date a topic ends on
("on Monday") is left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.brief import ActorKind, Position, StanceDraft
from summarizer.engines.extractive.actors import ActorIndex, Placement
from summarizer.engines.extractive.agents import actors_doing
from summarizer.engines.extractive.fields import PHRASE_CHARS, TEXT_CHARS, clip, clip_at_clause
from summarizer.engines.extractive.mentions import acronym_definitions
from summarizer.engines.extractive.rules import (
    AT_THE_REQUEST_OF,
    AUXILIARIES,
    BACKGROUND_OPENERS,
    CLAIM_CUE,
    CLAUSE_BREAK_WORDS,
    CLAUSE_OBJECT_CUE,
    COMMITMENT,
    COPULAS,
    DETERMINERS,
    EVALUATION_CUE,
    JUDGED_BY,
    MAX_STANCES,
    MODAL_SUPPORT,
    NEGATIONS,
    NEGATIVE_WORDS,
    NOT_THINKING,
    OPPOSING_REACTIONS,
    POINTING_WORDS,
    POSITIVE_WORDS,
    PRAISE_LINKS,
    PREPOSITIONS,
    REACTION_FROM,
    REFERRING_TO_NAMED,
    REPORTED_PRONOUNS,
    RULED_UNLAWFUL,
    SAID_CUE,
    SKIPPABLE_ADVERBS,
    STANCE_CUES,
    STANCE_NOUN_VERBS,
    STOPPING,
    SUBJECT_MODALS,
    SUBJECT_PRONOUNS,
    TEMPORAL_WORDS,
    TOPIC_FUNCTION_WORDS,
    TOPIC_REASON_TAIL,
    TOPIC_TIME_TAIL,
)
from summarizer.engines.extractive.sentences import Sentence, Token, token_at
from summarizer.engines.extractive.syntax import (
    CLAUSE_MARKS,
    QUOTE_MARKS,
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
_MODIFIER_REACH = 2
_JUDGEMENT_REACH = 40
"""Characters before a negative word within which its copula or pointing word stands."""
_PURPOSE_REACH = 30
"""Tokens after an urging verb within which its "to" clause may start."""
_OBJECT_MAX_WORDS = 6
"""Words the person urged may take before the topic is only what they are urged to do."""
_JOINING_WORDS = frozenset(["and", "or", "but", "so", "then"])
_BARE_ADVERBS = frozenset(["also", "too", "still", "then", "so", "now"])
"""Words that, after a bare subject and its verb, still say nothing of what ("it must also")."""
_QUALIFIER_MAX_WORDS = 4
"""Tokens between an actor and the next within which the first only qualifies the second."""
_NO_EVENT = LeadEvent("", frozenset())
"""What an act's object is about: itself ("cancelling the event", never the headline)."""
_VERB = 0
_BACKGROUND_VERB = 1
"""A position verb in an adverbial clause ("When announcing the shutdown, X called on ...")."""
_SPEECH = 2
"""Read from what a speaker said rather than from a position verb."""
_OPPOSITE = {Position.supports: Position.opposes, Position.opposes: Position.supports}
_NAME_MAX_WORDS = 6
"""Capitalised words before the head of a name ("Reproductive Health Care Reform Bill")."""
_TITLE_REACH = 3
"""Tokens after "at the request of" within which the requester's name starts ("Prime
Minister Boris Johnson")."""
_ACT_BREAKS = CLAUSE_MARKS | {",", "."}
"""Where the act done at someone's request starts, going back from the cue."""
_NOT_TO = re.compile(r"\s+not to\s+")
"""In the clause an urging verb governs: "urged states not to reschedule their elections"
opposes states rescheduling them."""


@dataclass(frozen=True, slots=True)
class _Found:
    actor: str
    topic: str
    position: Position
    summary: str
    evidence: str
    weakness: int
    """How indirect the evidence is: ``_VERB``, ``_BACKGROUND_VERB`` or ``_SPEECH``."""


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
        found.extend(_rulings(sentence, index, event))
        found.extend(_requested(text, sentence, index))
        found.extend(_reactions_from(sentence, index, event))
        if speaker is not None:
            found.extend(_spoken(text, sentence, speaker, event))
    return _unique(found, acronym_definitions(sentences))


def _about(topic: str, event: LeadEvent) -> str:
    """The topic without a date it ends on, or the lead event when it only points back."""
    topic = TOPIC_REASON_TAIL.sub("", TOPIC_TIME_TAIL.sub("", topic)) or topic
    return event.text if event.text and refers_back(topic, event) else topic


def _rulings(sentence: Sentence, index: ActorIndex, event: LeadEvent) -> list[_Found]:
    """ "The Court of Session in Scotland ruled on September 11 the prorogation was unlawful":
    whoever rules or finds a thing unlawful opposes it, lawful supports it. A subject with a
    verb of its own ("ruled Evers lacked authority") is a clause, not a thing judged."""
    found = []
    for match in RULED_UNLAWFUL.finditer(sentence.folded):
        first, last = match.span("topic")
        topic = sentence.text[first:last]
        if any(is_verb(word) for word in topic.split()):
            continue
        position = Position.supports if match.group("lawful") else Position.opposes
        cue = token_at(sentence, sentence.start + match.start())
        for actor in actors_doing(sentence, cue, index):
            summary = _summary(f"{actor}: {sentence.text}")
            found.append(
                _Found(actor, _about(topic, event), position, summary, sentence.text, _VERB)
            )
    return found


def _reactions_from(sentence: Sentence, index: ActorIndex, event: LeadEvent) -> list[_Found]:
    """ "Statements of condemnation have come from A, B, and a spokesperson for C": each
    actor named after the cue reacts as the noun says, to what it governs or else to the
    lead event. An actor only qualifying the next one ("OIC head Yousef Al-Othaimeen") is
    left to that one."""
    found = []
    for match in REACTION_FROM.finditer(sentence.folded):
        noun, governed = match.group("noun", "object")
        position = Position.opposes if noun in OPPOSING_REACTIONS else Position.supports
        if governed:
            first, last = match.span("object")
            topic = _about(sentence.text[first:last], event)
        else:
            topic = event.text
        if not topic:
            continue
        after = token_at(sentence, sentence.start + match.end())
        named = [p for p in index.in_sentence(sentence.index) if p.first >= after]
        if not named:
            continue
        for place, following in zip(named, [*named[1:], None], strict=True):
            if following is not None and _qualifies(sentence, place, following):
                continue
            summary = _summary(f"{place.actor}: {sentence.text}")
            found.append(_Found(place.actor, topic, position, summary, sentence.text, _VERB))
    return found


def _qualifies(sentence: Sentence, place: Placement, following: Placement) -> bool:
    """Whether a name only says whose the next one is: nothing but a title or a bracketed
    acronym between them ("Organisation of Islamic Cooperation (OIC) head Yousef")."""
    between = sentence.tokens[place.last : following.first]
    return len(between) <= _QUALIFIER_MAX_WORDS and not any(
        token.text in {",", ";"} or token.text.casefold() in {"and", "or"} for token in between
    )


def _requested(text: str, sentence: Sentence, index: ActorIndex) -> list[_Found]:
    """ "Queen Elizabeth II suspended parliament at the behest of Boris Johnson": whoever an
    act is done at the request of supports it; the act is the words before the cue, back to
    a clause mark or comma and without the subject that did it."""
    found = []
    tokens = sentence.tokens
    for match in AT_THE_REQUEST_OF.finditer(sentence.folded):
        cue = token_at(sentence, sentence.start + match.start())
        requester = index.actor_after(
            sentence, token_at(sentence, sentence.start + match.end()), _TITLE_REACH
        )
        if requester is None:
            continue
        start = cue
        while start > max(0, cue - TOPIC_MAX_WORDS) and tokens[start - 1].text not in _ACT_BREAKS:
            start -= 1
        doers = [p.last for p in index.in_sentence(sentence.index) if start <= p.first <= start + 1]
        start = max([start, *doers])  # "Queen Elizabeth II" did it, at the behest of another
        topic = phrase_text(text, tokens, start, cue)
        if not topic:
            continue
        summary = _summary(f"{requester}: {sentence.text}")
        found.append(_Found(requester, topic, Position.supports, summary, sentence.text, _VERB))
    return found


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
            if not topic or _reported_count(match.group(), topic):
                continue
            pronoun, _, rest = topic.partition(" ")
            person = index.last_person_before(sentence.index, cue_first)
            if pronoun in ("him", "her") and person is not None:
                topic = f"{person} {rest}".strip()
            topic = _named_before(text[: sentence.start], topic) or topic
            if cue.action and topic.casefold() in POINTING_WORDS:
                continue  # "postponed it": an act on a pronoun names no act
            topic = (
                f"{cue.action} {_about(topic, _NO_EVENT)}" if cue.action else _about(topic, event)
            )
            position = cue.position
            if _negated(tokens, cue_first):
                position = _OPPOSITE.get(position, position)
            if clause_object and CLAIM_CUE.match(match.group()) is None:
                topic, position = _reversed(topic, position)
            doers = _not_places(
                sentence,
                index,
                cue_first,
                actors_doing(
                    sentence, cue_first, index, noun_verbs=STANCE_NOUN_VERBS, speaker=speaker
                )
                or _reporters(sentence, cue_first, index)
                or _holders(sentence, cue_first, index, speaker),
            )
            verb = sentence.text[match.start() : match.end()]
            weakness = _BACKGROUND_VERB if _in_background(tokens, cue_first) else _VERB
            for actor in doers:
                summary = _summary(f"{actor} {verb} {topic}")
                found.append(_Found(actor, topic, position, summary, sentence.text, weakness))
    return found


def _reversed(topic: str, position: Position) -> tuple[str, Position]:
    """What an urging is against: "urged states not to reschedule their elections" opposes
    states rescheduling them, "called on Turkey to halt their drilling operations" opposes
    the drilling."""
    stopping = STOPPING.search(topic)
    if stopping is not None:
        return topic[stopping.end() :], _OPPOSITE.get(position, position)
    if _NOT_TO.search(topic):
        return _NOT_TO.sub(" ", topic, count=1), _OPPOSITE.get(position, position)
    return topic, position


def _named_before(earlier: str, topic: str) -> str | None:
    """The name an earlier sentence gives what "the bill" or "this agreement" refers to:
    "The bill was drafted by Alex Greenwich" is about the "Reproductive Health Care Reform
    Bill 2019" the article named first."""
    words = topic.split()
    if len(words) != 2 or words[0].casefold() not in REFERRING_TO_NAMED:
        return None
    head = words[1]
    if not (head.isalpha() and head.islower()):
        return None
    modifiers = rf"(?:[A-Z][\w'’-]*\s+){{1,{_NAME_MAX_WORDS}}}"
    names = re.findall(rf"\b{modifiers}{head.capitalize()}\b(?:\s+\d{{4}}\b)?", earlier)
    return names[-1] if names else None


def _not_places(sentence: Sentence, index: ActorIndex, cue: int, doers: list[str]) -> list[str]:
    """Doers without the states that only say where one is: "the Parliament of New South
    Wales (NSW), Australia voted" is the parliament's vote, and in "the legislature of
    Taiwan, the Legislative Yuan, voted" Taiwan only says whose legislature it is."""
    tokens = sentence.tokens
    placements = [p for p in index.in_sentence(sentence.index) if p.last <= cue]
    kept: list[str] = []
    for doer in doers:
        place = next((p for p in reversed(placements) if p.actor == doer), None)
        if place is None or place.kind is not ActorKind.state or place.first == 0:
            kept.append(doer)
            continue
        before = tokens[place.first - 1].text.casefold()
        if before in ("of", "in") and len(doers) > 1:
            continue
        owner = next((p for p in reversed(placements) if p.last < place.first), None)
        if owner is None or owner.kind is ActorKind.state:
            kept.append(doer)
            continue
        between = [t.text for t in tokens[owner.last : place.first]]
        kept.append(owner.actor if between in ([","], [")", ","]) else doer)
    return list(dict.fromkeys(kept))


def _in_background(tokens: Sequence[Token], cue: int) -> bool:
    """Whether a verb opens an adverbial clause ("When announcing ...", "after signing")."""
    return (
        cue > 0
        and tokens[cue].text.endswith("ing")
        and tokens[cue - 1].text.casefold() in BACKGROUND_OPENERS
    )


def _reporters(sentence: Sentence, cue: int, index: ActorIndex) -> list[str]:
    """Who a pronoun subject right after a speech verb stands for: "The FSB said they believe
    gas was the trigger", "Trump said he would veto the bill"."""
    tokens = sentence.tokens
    progressive = tokens[cue].text.endswith("ing")  # "she was endorsing"
    before = cue - 1
    while before > 0 and (
        _is_adverb_or_auxiliary(tokens[before].text)
        or (progressive and tokens[before].text.casefold() in COPULAS)
    ):
        before -= 1
    if before < 1 or tokens[before].text.casefold() not in REPORTED_PRONOUNS:
        return []
    said = before - 1
    if said > 0 and tokens[said].text.casefold() == "that":
        said -= 1
    if SAID_CUE.fullmatch(tokens[said].text.casefold()) is None:
        return []
    return actors_doing(sentence, said, index)


def _holders(sentence: Sentence, cue: int, index: ActorIndex, speaker: str | None) -> list[str]:
    """Whose position a noun is: "Trump's call for", "his urgent calls for" (the speaker's, or
    the person named last)."""
    tokens = sentence.tokens
    if is_participle(tokens[cue].text):
        return []  # "his supporters claimed": a verb, whose subject is not its possessor's
    before = cue - 1
    while before >= max(0, cue - _MODIFIER_REACH) and _is_modifier(tokens[before].text):
        before -= 1
    if before < 0:
        return []
    if tokens[before].text.casefold() in ("his", "her"):
        person = speaker or index.last_person_before(sentence.index, before)
        return [person] if person is not None else []
    return [
        p.actor for p in index.in_sentence(sentence.index) if p.possessive and p.last == before + 1
    ]


def _is_modifier(word: str) -> bool:
    """A lower-case word that may stand between a possessive and its noun ("urgent")."""
    key = word.casefold()
    return word[:1].islower() and word.isalpha() and key not in ("his", "her") and not is_verb(word)


def _is_adverb_or_auxiliary(word: str) -> bool:
    key = word.casefold()
    return key in SKIPPABLE_ADVERBS or key in AUXILIARIES or (len(key) > 4 and key.endswith("ly"))


def _reported_count(cue: str, topic: str) -> bool:
    """ "Mijares claimed 90 civilians were wounded": a count claimed is a report, not a view."""
    return CLAIM_CUE.match(cue) is not None and topic[:1].isdigit()


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
    if relative is not None and (
        any(tokens[i].text in CLAUSE_MARKS for i in range(relative, cue_first))
        or _after_verb(tokens, relative)  # "said that", "announced yesterday that"
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
        start = _past_aside(tokens, cue_last)
        if infinitive:
            start = _past_long_object(tokens, start)
        after = _quoted_title(tokens, start) or phrase_after(
            tokens, start, TOPIC_MAX_WORDS, infinitive=infinitive
        )
        return phrase_text(text, tokens, *after)
    end = cue_first if copula is None else copula
    clause_start, _ = clause_bounds(tokens, end)
    start = end
    while start > clause_start and not _opens_subject(tokens[start - 1].text, copula is None):
        start -= 1
    first, last = phrase_after(tokens, start, min(TOPIC_MAX_WORDS, end - start))
    return phrase_text(text, tokens, first, last)


def _after_verb(tokens: Sequence[Token], that: int) -> bool:
    """Whether "that" follows a verb, adverbs and times aside: it opens what was said, not a
    relative clause about a noun."""
    before = that - 1
    while before >= 0 and (
        _is_adverb_or_auxiliary(tokens[before].text)
        or tokens[before].text.casefold() in TEMPORAL_WORDS
    ):
        before -= 1
    return before >= 0 and is_verb(tokens[before].text)


def _quoted_title(tokens: Sequence[Token], start: int) -> tuple[int, int] | None:
    """The span of a title in quote marks right after a determiner: 'voted to pass the
    "Reproductive Health Care Reform Bill 2019"' is about the bill the title names."""
    if start + 2 >= len(tokens) or tokens[start].text.casefold() not in DETERMINERS:
        return None
    if tokens[start + 1].text not in QUOTE_MARKS:
        return None
    reach = range(start + 2, min(len(tokens), start + 2 + TOPIC_MAX_WORDS))
    close = next((at for at in reach if tokens[at].text in QUOTE_MARKS), None)
    if close is None or close == start + 2:
        return None
    return start + 2, close


def _opens_subject(word: str, participle: bool) -> bool:
    """Whether ``word`` comes before the subject of a passive: a comma or relative pronoun;
    for a participle after a noun ("the martial law imposed by X") a preposition or verb
    too."""
    if word in (",", "which", "that"):
        return True
    return participle and (word.casefold() in PREPOSITIONS or is_verb(word))


def _past_long_object(tokens: Sequence[Token], start: int) -> int:
    """Where the "to" clause after a long object starts: 'called on "village councils,
    faith-based organizations, and church leaders" to instill confidence in vaccines' is
    about instilling confidence; a short object stays ("urged the embassy to reconsider")."""
    for at in range(start, min(len(tokens) - 1, start + _PURPOSE_REACH)):
        word = tokens[at].text
        if word in (".", ";", ":") or word.casefold() in CLAUSE_BREAK_WORDS:
            return start
        if word == "to" and _opens_verb(tokens[at + 1].text):
            return at + 1 if at - start > _OBJECT_MAX_WORDS else start
    return start


def _opens_verb(word: str) -> bool:
    return word[:1].islower() and word.isalpha() and word.casefold() not in DETERMINERS


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
                _Found(actor, topic, position, _summary(sentence.text), sentence.text, _VERB)
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
    return [_Found(speaker, topic, position, summary, sentence.text, _SPEECH)]


def _demanded(text: str, sentence: Sentence, event: LeadEvent) -> tuple[str, Position] | None:
    """What a demand ("should", "must") or a commitment ("we will", "he would") is for."""
    match = next(
        (m for m in MODAL_SUPPORT.finditer(sentence.folded) if not _own_duty(sentence, m)), None
    ) or COMMITMENT.search(sentence.folded)
    if match is None:
        return None
    tokens = sentence.tokens
    modal = token_at(sentence, sentence.start + match.start())
    after = token_at(sentence, sentence.start + match.end())
    position = Position.supports
    if NOT_THINKING.search(sentence.folded, 0, match.start()):
        position = Position.opposes  # "I don't think that any assumption should be made"
    negation = _negation_after(tokens, after)
    if negation:
        position = _OPPOSITE[position]
        after += negation
    first = after
    passive = after < len(tokens) and tokens[after].text.casefold() == "be"
    if passive and negation and match.re is COMMITMENT and _participle_at(tokens, after + 1):
        return None  # "we will not be deterred": of the speaker, as "we will be" is
    if tokens[modal].text.casefold() in SUBJECT_MODALS:
        if not passive:
            return None  # "we must always have the backs of our allies": a duty, not a topic
        first = _subject_start(tokens, modal)
        if first == modal:
            return None
    topic = phrase_text(text, tokens, first, phrase_after(tokens, after, TOPIC_MAX_WORDS)[1])
    if " " not in topic:
        return None  # "we will no longer say": one verb names nothing
    topic, position = _what_is_done(topic, position)
    return _about(topic, event), position


def _participle_at(tokens: Sequence[Token], at: int) -> bool:
    return at < len(tokens) and is_participle(tokens[at].text)


def _what_is_done(topic: str, position: Position) -> tuple[str, Position]:
    """A demand or undertaking to take a position or to end something takes that position on
    its object: "she would challenge Pierluisi's oath of office" opposes the oath, "It's
    time to do away with the patriarchy" opposes the patriarchy."""
    stopping = STOPPING.match(topic)
    if stopping is not None and stopping.end() < len(topic):
        return topic[stopping.end() :], _OPPOSITE.get(position, position)
    folded = topic.casefold()
    for cue in STANCE_CUES:
        verb = cue.pattern.match(folded)
        if cue.action or verb is None or not topic[verb.end() :].strip():
            continue
        taken = cue.position if position is Position.supports else _OPPOSITE[cue.position]
        return topic[verb.end() :].strip(), taken
    return topic, position


def _negation_after(tokens: Sequence[Token], at: int) -> int:
    """How many tokens of "not", "never" or "no longer" stand at ``at``."""
    words = [token.text.casefold() for token in tokens[at : at + 2]]
    if words[:1] in (["not"], ["never"]):
        return 1
    return 2 if words == ["no", "longer"] else 0


def _own_duty(sentence: Sentence, match: re.Match[str]) -> bool:
    """ "I must answer you directly", "I have to say": a speaker's duty, not a demand."""
    modal = token_at(sentence, sentence.start + match.start())
    return modal > 0 and sentence.tokens[modal - 1].text == "I"


def _subject_start(tokens: Sequence[Token], modal: int) -> int:
    """Where the noun phrase before a modal starts ("[all salt] should be iodised"); the
    modal itself when there is none or it is a pronoun, which names nothing on its own."""
    start = modal
    while start > max(0, modal - _ANTECEDENT_MAX_WORDS):
        word = tokens[start - 1].text
        if word in CLAUSE_MARKS or word == "," or word.casefold() == "that" or is_verb(word):
            break
        start -= 1
    while start < modal and _is_adverb_or_auxiliary(tokens[start].text):
        start += 1
    if start == modal or tokens[start].text.casefold() in SUBJECT_PRONOUNS:
        return modal
    return start


def _evaluated(text: str, sentence: Sentence, event: LeadEvent) -> tuple[str, Position] | None:
    """Negative words judge the lead event; praise and thanks are for what follows them, or
    for the subject they are said of ("Moves to reduce the backlog are welcome")."""
    if any(
        _is_judgement(sentence.folded, m.start()) for m in NEGATIVE_WORDS.finditer(sentence.folded)
    ):
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
        if _closes_quote(tokens, after):
            # '"We stand ready" tweeted Johnson': praise with no object is for the event.
            return (event.text, Position.supports) if event.text else None
        while after < len(tokens) and tokens[after].text.casefold() in PRAISE_LINKS:
            after += 1
        span = phrase_after(tokens, after, TOPIC_MAX_WORDS)
    topic = phrase_text(text, tokens, *span)
    return (_about(topic, event), Position.supports) if topic else None


def _is_judgement(folded: str, start: int) -> bool:
    """Whether the negative word at ``start`` is said of something: after a copula ("it is a
    stab in the back", "Leaving them to die is a big mistake") or a pointing word ("this
    cowardly attack"), rather than only described ("an unsustainable situation")."""
    return JUDGED_BY.search(folded[max(0, start - _JUDGEMENT_REACH) : start]) is not None


def _closes_quote(tokens: Sequence[Token], at: int) -> bool:
    """Whether the token at ``at`` is a quote mark that closes a quotation."""
    if at >= len(tokens) or tokens[at].text not in QUOTE_MARKS:
        return False
    return tokens[at].text == "”" or sum(t.text == '"' for t in tokens[:at]) % 2 == 1


def _spell_out(topic: str, acronyms: dict[str, str]) -> str:
    for word in topic.split():
        long_form = acronyms.get(word.strip(".,;:'’\"()"))
        if long_form and long_form not in topic:
            return f"{topic} ({long_form})"
    return topic


def _summary(line: str) -> str:
    return clip_at_clause(line, TEXT_CHARS, SUMMARY_MAX_WORDS)


def _unique(found: list[_Found], acronyms: dict[str, str]) -> list[StanceDraft]:
    """One stance per actor and topic, and per actor, sentence and position; verbs before
    speech; none whose topic is only the start of a clause. A topic whose content words all
    come in another of the actor's topics with the same position ("all salt should be
    iodised" after "mandatory iodised salt") repeats it.
    Acronyms in a topic get their long form, as the article defines it, added."""
    seen: set[tuple[str, str]] = set()
    taken: dict[tuple[str, Position], list[frozenset[str]]] = {}
    drafts: list[StanceDraft] = []
    for item in sorted(found, key=lambda f: f.weakness):
        keys = {
            (item.actor.casefold(), item.topic.casefold()),
            (item.actor.casefold(), f"{item.position.value}:{item.evidence}"),
        }
        if _is_clause_stub(item.topic):
            continue
        words = _content_words(item.topic)
        earlier = taken.setdefault((item.actor.casefold(), item.position), [])
        if keys & seen or _repeats(words, earlier) or len(drafts) >= MAX_STANCES:
            continue
        seen.update(keys)
        earlier.append(words)
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


def _is_clause_stub(topic: str) -> bool:
    """A topic that is only the start of a clause ("and it must", "it must also", "there
    were"): a conjunction or a bare subject and its verb, with nothing said of what."""
    words = topic.casefold().split()
    if not words:
        return True
    rest = [word for word in words[1:] if word not in TOPIC_FUNCTION_WORDS]
    if words[0] in _JOINING_WORDS:
        return not rest or words[1] in SUBJECT_PRONOUNS
    return words[0] in SUBJECT_PRONOUNS and all(word in _BARE_ADVERBS for word in rest)


def _content_words(topic: str) -> frozenset[str]:
    words = (word.strip(".,;:'’\"()").casefold() for word in topic.split())
    return frozenset(w for w in words if w and w not in TOPIC_FUNCTION_WORDS)


def _repeats(words: frozenset[str], earlier: list[frozenset[str]]) -> bool:
    return bool(words) and any(words <= other or other <= words for other in earlier if other)
