"""Threats: harm an actor threatened, carried out, is accused of or poses, and against whom.

Every harm word in a sentence ("stabbed", "attack", "threatened", "cease and desist") is
read with its target: the object of a harm verb, what follows "on", "against" or "of" after
a harm noun, or the subject of a passive ("the mayor was stabbed"), on through a list of
targets ("the tourists, police and soldiers"). A threat needs a source among the actors:
the harm's subject or passive agent, the clause's subject behind "its" or "their" before a
harm noun, whoever tells someone to do it ("advised her to kill"), the speaker of "I will
destroy ..." or of "she said she would challenge ... in court", or a perpetrator the
article names anywhere ("claimed by X", "X are the suspected perpetrators", "identified the
suspect as X", "charged with murder"), who is linked to the violence against a named actor
the sentence before reports ("bombings took place in Tunisia"), or else to the first harm
the article reports without one. A threat is described by its evidence, then by the other
sentences reporting it, those that add a kind of harm first. Accidents and disasters with
nobody behind them are left out, and so is force used against a perpetrator.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.brief import ActorKind, Likelihood, ThreatDraft
from summarizer.engines.extractive.actors import ActorIndex
from summarizer.engines.extractive.agents import actors_doing
from summarizer.engines.extractive.fields import PHRASE_CHARS, TEXT_CHARS, clip, join_fitting
from summarizer.engines.extractive.gazetteer import gazetteer
from summarizer.engines.extractive.rules import (
    ACCIDENT_WORDS,
    ANY_PERPETRATOR_CUE,
    ANY_THREAT_CUE,
    AUXILIARIES,
    BLAMED,
    CHARGE_AGAINST,
    CHARGED_WITH,
    CLAIMED_BY,
    COPULAS,
    CRITICISM_TAIL,
    CRITICISM_VERBS,
    DETERMINERS,
    FORCE_SOURCE_KINDS,
    HARM_VERBS,
    HEDGED_THREAT,
    INCITING_VERBS,
    INTENT_PRONOUNS,
    INTENT_WORDS,
    MAX_THREATS,
    MONTHS,
    NEEDS_NAMED_TARGET,
    NEGATION_BRIDGES,
    NEGATION_WORDS,
    NOT_A_MEASURE_TARGET,
    OBJECT_PRONOUNS,
    OCCURRENCE_WORDS,
    OWNING_PRONOUNS,
    PASSIVE_SUBJECT_STOPS,
    PERPETRATOR_IS,
    PERPETRATOR_NAMED,
    PHRASE_TAIL_WORDS,
    PLANNED_THREAT,
    PREPOSITIONS,
    SAID_CUE,
    SAID_OR_DECIDED,
    SKIPPABLE_ADVERBS,
    STRUCK_BY,
    SUSPECT_REFERENCE,
    TARGET_PREPOSITIONS,
    TARGET_TAIL_OPENERS,
    TARGET_TAIL_PREPOSITIONS,
    TEMPORAL_WORDS,
    THREAT_CUES,
    THREAT_FROM,
    THREATENED_HARM,
    TIMEFRAME,
    WEEKDAYS,
    ThreatCue,
)
from summarizer.engines.extractive.sentences import Sentence, Token, token_at
from summarizer.engines.extractive.syntax import (
    CLAUSE_MARKS,
    QUOTE_MARKS,
    clause_bounds,
    is_object,
    is_verb,
    phrase_after,
)
from summarizer.engines.extractive.topics import phrase_text

TARGET_MAX_WORDS = 15
TARGET_NAME_REACH = 4
"""An actor named this close after a harm word is its target: "the Economy of Turkey" is
Turkey's, "shoppers at a Walmart store in the U.S." are not the US's."""
WRONGDOER_REACH = 3
"""Tokens before an actor within which the "by" that makes it a wrongdoer may come."""
SUSPECT_REACH = 10
"""Tokens after "the suspect" within which the suspect's name may come."""
DESCRIPTION_MAX_WORDS = 100
UNSTATED_TARGET = "not stated"
_MODAL_WINDOW = 4
_SUBJECT_MODIFIERS = 2
_NOUN_TAIL = 2
"""Lower-case words after a harm noun that may still be part of it ("desist order")."""
_OBJECT_WORDS = 3
"""Most words of the object between "urged" and the "to" of a harm ("urged its
supporters to")."""
_VIOLENT_KINDS = frozenset(["attack", "violence"])
_LIST_JOINERS = frozenset([",", "and", "or"])
_BRACKETS = {"(": ")", "[": "]", '"': '"', "“": "”"}
_GLOSS_WORDS = 6
"""Most tokens in a bracketed or quoted gloss in a target ("(crusaders)", '"kuffar"')."""
_VIOLENCE_FAMILY = frozenset(["attack", "violence", "terrorism"])
_POSED_KIND = "threat"
"""The kind of "a threat to", "a danger to": a noun that a verb may say someone is."""


@dataclass(frozen=True, slots=True)
class _Harm:
    """A harm word in a sentence, its target and who does it (if the sentence says)."""

    sentence: Sentence
    cue: ThreatCue
    token: int
    target: str
    named_target: bool
    """Whether the target is one of the actors."""
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Threat:
    source: str
    target: str
    harm: _Harm
    sentences: tuple[Sentence, ...]


def find_threats(
    text: str, sentences: Sequence[Sentence], index: ActorIndex, speakers: Sequence[str | None]
) -> list[ThreatDraft]:
    harms = [
        _harms(text, sentence, index, speaker)
        for sentence, speaker in zip(sentences, speakers, strict=True)
    ]
    lead = _lead_harm([harm for found in harms for harm in found])
    threats: list[_Threat] = []
    previous: list[_Harm] = []
    for sentence, found in zip(sentences, harms, strict=True):
        unattributed = _last_aimed([*previous, *found]) or lead
        previous = found
        for harm in found:
            basis = harm if harm.target != UNSTATED_TARGET else _borrowed(harm, unattributed)
            if basis is not None:
                threats.extend(
                    _Threat(source, basis.target, basis, _evidence(basis, sentence))
                    for source in harm.sources
                )
        for source in _named_perpetrators(sentence, index):
            basis = next(
                (h for h in found if h.target not in (UNSTATED_TARGET, source) and not h.sources),
                unattributed,
            )
            if basis is not None:
                threats.append(_Threat(source, basis.target, basis, _evidence(basis, sentence)))
    kinds = {found[0].sentence.index: {h.cue.kind for h in found} for found in harms if found}
    return _drafts(threats, index, _reports_by_kind(harms), kinds)


def _borrowed(harm: _Harm, unattributed: _Harm | None) -> _Harm | None:
    """The harm whose target a harm aimed at nobody takes: violence by nobody named, just
    reported or leading the article, is what a perpetrator's attack was; a measure (a
    subpoena, a lawsuit, sanctions) is its own and aimed at nobody then."""
    return None if harm.cue.kind in NEEDS_NAMED_TARGET else unattributed


def _reports_by_kind(harms: list[list[_Harm]]) -> dict[tuple[str, str], list[Sentence]]:
    """For each (kind, source), the sentences reporting a harm of that kind by that source
    (source "" for a harm by nobody named, told by the article rather than in a quote):
    what a reader reads to know what a threat is."""
    reports: dict[tuple[str, str], list[Sentence]] = {}
    for found in harms:
        for harm in found:
            if not harm.sources and not _reported(harm):
                continue
            for source in harm.sources or ("",):
                told = reports.setdefault((_family(harm.cue.kind), source), [])
                if not told or told[-1] is not harm.sentence:
                    told.append(harm.sentence)
    return reports


def _family(kind: str) -> str:
    """Violent kinds of harm are reported together: a shooting investigated as terrorism."""
    return "attack" if kind in _VIOLENCE_FAMILY else kind


def _lead_harm(harms: list[_Harm]) -> _Harm | None:
    """The first harm the article reports without saying who did it, preferring one with a
    target: a perpetrator named elsewhere is its source."""
    reported = [harm for harm in harms if not harm.sources and _reported(harm)]
    aimed = [harm for harm in reported if harm.target != UNSTATED_TARGET]
    candidates = aimed or reported
    return candidates[0] if candidates else None


def _last_aimed(recent: list[_Harm]) -> _Harm | None:
    """The last violence against a named actor, with nobody behind it, among the harms of a
    sentence and the one before: "claimed responsibility for all three attacks" is for the
    attacks just reported, before the first harm of the article."""
    aimed = [
        harm
        for harm in recent
        if harm.cue.kind in _VIOLENCE_FAMILY
        and not harm.sources
        and harm.named_target
        and _reported(harm)
    ]
    return aimed[-1] if aimed else None


def _evidence(harm: _Harm, sentence: Sentence) -> tuple[Sentence, ...]:
    return (sentence,) if harm.sentence is sentence else (harm.sentence, sentence)


def _drafts(
    threats: list[_Threat],
    index: ActorIndex,
    reports: dict[tuple[str, str], list[Sentence]],
    harm_kinds: dict[int, set[str]],
) -> list[ThreatDraft]:
    """One threat per source and target; none against a person who is a source himself
    (police shooting an attacker), none of a kind that needs a named target without one, and
    none without a target: harm aimed at nobody the article names is nobody's threat."""
    kinds = {actor.name: actor.kind for actor in index.actors}
    perpetrators = {threat.source for threat in threats}
    drafts: list[ThreatDraft] = []
    seen: set[tuple[str, str]] = set()
    for threat in threats:
        target = threat.target if threat.target != threat.source else UNSTATED_TARGET
        if target == UNSTATED_TARGET:
            continue
        if threat.harm.cue.kind in NEEDS_NAMED_TARGET and not threat.harm.named_target:
            continue
        if kinds.get(target) is ActorKind.person and target in perpetrators:
            continue
        key = (threat.source.casefold(), target.casefold())
        if key in seen or len(drafts) >= MAX_THREATS:
            continue
        seen.add(key)
        related = _news_first(threat, _related(threat, reports), harm_kinds)
        drafts.append(_draft(threat, target, related))
    return drafts


def _related(threat: _Threat, reports: dict[tuple[str, str], list[Sentence]]) -> list[Sentence]:
    """The sentences that report a harm of the threat's kind by its source, and for violence
    those that report one by nobody named: an attack is one event told over many sentences,
    while measures (orders, lawsuits, sanctions) are each their own."""
    kind = _family(threat.harm.cue.kind)
    unattributed = reports.get((kind, ""), []) if kind in _VIOLENCE_FAMILY else []
    return reports.get((kind, threat.source), []) + unattributed


def _news_first(
    threat: _Threat, related: list[Sentence], kinds: dict[int, set[str]]
) -> list[Sentence]:
    """The related sentences, those that add a kind of harm not yet told first: that a
    shooting is charged as murder and investigated as terrorism says more than when it
    began."""
    told = set().union(*(kinds.get(s.index, set()) for s in threat.sentences))
    news: list[Sentence] = []
    rest: list[Sentence] = []
    for sentence in related:
        new = kinds.get(sentence.index, set()) - told
        (news if new else rest).append(sentence)
        told |= new
    return news + rest


def _draft(threat: _Threat, target: str, related: list[Sentence]) -> ThreatDraft:
    """The threat, described by its evidence and then the related sentences, as far as the
    field holds."""
    harm = threat.harm
    timeframe = _timeframe(harm.sentence)
    told = list(dict.fromkeys([*threat.sentences, *related]))
    return ThreatDraft(
        source=threat.source,
        target=clip(target, PHRASE_CHARS),
        description=join_fitting([s.text for s in told], TEXT_CHARS, DESCRIPTION_MAX_WORDS),
        kind=harm.cue.kind,
        likelihood=_likelihood(harm),
        timeframe=clip(timeframe, PHRASE_CHARS) if timeframe else None,
        evidence=[s.text for s in threat.sentences],
    )


def _reported(harm: _Harm) -> bool:
    """Whether the harm is told by the article, not in a quote, and is no accident."""
    tokens = harm.sentence.tokens
    quoted = sum(t.text in QUOTE_MARKS for t in tokens[: harm.token]) % 2 == 1
    return not quoted and ACCIDENT_WORDS.search(harm.sentence.folded) is None


def _harms(text: str, sentence: Sentence, index: ActorIndex, speaker: str | None) -> list[_Harm]:
    """Every harm word in the sentence, in order, each once."""
    if ANY_THREAT_CUE.search(sentence.folded) is None:
        return []
    found: list[_Harm] = []
    taken: set[int] = set()
    accident = ACCIDENT_WORDS.search(sentence.folded) is not None
    for cue in THREAT_CUES:
        for match in cue.pattern.finditer(sentence.folded):
            first = token_at(sentence, sentence.start + match.start())
            last = token_at(sentence, sentence.start + match.end())
            if first in taken or first >= len(sentence.tokens):
                continue
            taken.add(first)
            if _is_negated(sentence.tokens, first):
                continue
            verb = _is_verb_use(sentence.tokens, first, cue)
            if verb and _is_criticism(sentence, first, last):
                continue
            target, named = _target(text, sentence, index, cue, (first, last), verb=verb)
            sources: tuple[str, ...] = ()
            if not (accident and cue.kind in _VIOLENT_KINDS):
                noun_verbs = frozenset() if verb else HARM_VERBS
                sources = tuple(
                    actors_doing(sentence, first, index, noun_verbs=noun_verbs, speaker=speaker)
                )
                if not sources and not verb and cue.kind in FORCE_SOURCE_KINDS:
                    sources = _demonym_source(sentence, index, first)
                if not sources and not verb:
                    sources = _owning_subject(sentence, index, first)
                if not sources and not verb and cue.kind == _POSED_KIND:
                    sources = _deemed(sentence, index, first)
                if not sources and verb and speaker is not None:
                    sources = _reported_intent(sentence, first, speaker)
                if not sources and verb:
                    sources = _inciter(sentence, first, index, speaker)
            found.append(_Harm(sentence, cue, first, target, named, sources))
    return sorted(found, key=lambda harm: harm.token)


def _is_negated(tokens: Sequence[Token], cue: int) -> bool:
    """Whether a negation denies the harm: "did not attack", "no attacks", "would not allow
    any Turkish military operations", "didn't attack"; not "not the first attack" nor "did
    not hesitate to attack", where another word stands between."""
    before = cue - 1
    while before >= 0:
        word = tokens[before].text
        key = word.casefold()
        if key in NEGATION_WORDS or key.endswith(("n't", "n’t")):
            return True
        bridge = key in NEGATION_BRIDGES or key in AUXILIARIES or key in COPULAS
        if not (bridge or key in DETERMINERS or word[:1].isupper()):
            return False
        before -= 1
    return False


def _is_criticism(sentence: Sentence, cue: int, after: int) -> bool:
    """Whether a harm verb is criticism: "attacking the subpoena as a political strategy",
    "attacked the minister for failing to act", a judgement or reason after its object in
    the same clause, or an object that is a thing said or decided ("attacked the
    proclamation"); not "was attacked for", whose passive subject is hurt."""
    tokens = sentence.tokens
    if CRITICISM_VERBS.fullmatch(tokens[cue].text.casefold()) is None:
        return False
    if _is_passive(tokens, cue):
        return False
    words = [token.text.casefold() for token in tokens[after : after + 3]]
    head = next((word for word in words if word not in DETERMINERS), "")
    if head in SAID_OR_DECIDED:
        return True
    for position in range(after, min(len(tokens), after + TARGET_MAX_WORDS)):
        if tokens[position].text in CLAUSE_MARKS or tokens[position].text == ",":
            return False
        rest = sentence.folded[tokens[position].start - sentence.start :]
        if CRITICISM_TAIL.match(rest):
            return True
    return False


def _owning_subject(sentence: Sentence, index: ActorIndex, cue: int) -> tuple[str, ...]:
    """The subject of the clause, the first actor in it that is no object, behind "its" or
    "their" before a harm noun: "the House issued a subpoena ... as part of its impeachment
    investigation"."""
    tokens = sentence.tokens
    if cue == 0 or tokens[cue - 1].text.casefold() not in OWNING_PRONOUNS:
        return ()
    clause_start, _ = clause_bounds(tokens, cue - 1)
    for placement in index.in_sentence(sentence.index):
        within = clause_start <= placement.first and placement.last < cue - 1
        if within and not placement.possessive and not is_object(tokens, placement.first):
            return (placement.actor,)
    return ()


def _deemed(sentence: Sentence, index: ActorIndex, cue: int) -> tuple[str, ...]:
    """Whom a verb calls a threat, named or a pronoun right before "a danger to": "rendered
    him a danger to the public", "called Iran a threat to peace"; not "did not find him a
    danger"."""
    tokens = sentence.tokens
    before = cue - 1
    if before < 1 or tokens[before].text.casefold() not in DETERMINERS:
        return ()
    before -= 1
    if tokens[before].text.casefold() in ("him", "her"):
        deemed, first = index.last_person_before(sentence.index, before), before
    else:
        named = [p for p in index.in_sentence(sentence.index) if p.last == before + 1]
        deemed, first = (named[0].actor, named[0].first) if named else (None, 0)
    if deemed is None or first == 0 or _is_negated(tokens, first - 1):
        return ()
    return (deemed,)


def _inciter(
    sentence: Sentence, cue: int, index: ActorIndex, speaker: str | None
) -> tuple[str, ...]:
    """Who is behind a harm they tell someone to do: the subject of "advised her to kill",
    "urged supporters to attack"; not of "urged them not to attack"."""
    tokens = sentence.tokens
    if cue < 2 or tokens[cue - 1].text.casefold() != "to":
        return ()
    verb = cue - 2
    stop = max(-1, verb - _OBJECT_WORDS - 1)
    while verb > stop and _is_object_word(tokens[verb].text):
        verb -= 1
    if verb == cue - 2 or verb <= stop or tokens[verb].text.casefold() not in INCITING_VERBS:
        return ()
    if _is_negated(tokens, verb):
        return ()
    return tuple(actors_doing(sentence, verb, index, speaker=speaker))


def _is_object_word(word: str) -> bool:
    """A word of a short object: a pronoun, a determiner or a noun ("her", "its
    supporters")."""
    key = word.casefold()
    return key in OBJECT_PRONOUNS or key in DETERMINERS or (
        word.isalpha() and key not in PREPOSITIONS and not is_verb(word)
        and key not in INCITING_VERBS and key not in NEGATION_WORDS
    )  # fmt: skip


def _reported_intent(sentence: Sentence, cue: int, speaker: str) -> tuple[str, ...]:
    """The speaker of "X said she would challenge ...", "said he intended to sue": a harm
    verb whose subject is a pronoun right after the speech verb."""
    tokens = sentence.tokens
    before = cue - 1
    while before >= 0 and (
        tokens[before].text.casefold() in INTENT_WORDS | AUXILIARIES | SKIPPABLE_ADVERBS
    ):
        before -= 1
    if before < 1 or tokens[before].text not in INTENT_PRONOUNS:
        return ()
    said = tokens[before - 1].text.casefold()
    if said == "that" and before > 1:
        said = tokens[before - 2].text.casefold()
    return (speaker,) if SAID_CUE.fullmatch(said) else ()


def _demonym_source(sentence: Sentence, index: ActorIndex, cue: int) -> tuple[str, ...]:
    """The state whose demonym stands right before a harm noun, when it is an actor:
    "Turkish military operations", "an Iranian missile"."""
    if cue == 0:
        return ()
    actor = _state_actor(index, _demonym_state(sentence.tokens[cue - 1].text))
    return (actor,) if actor is not None else ()


def _demonym_state(word: str) -> str | None:
    """The state a capitalised demonym ("Turkish", "Russian") names."""
    return gazetteer().demonym(word) if word[:1].isupper() else None


def _state_actor(index: ActorIndex, state: str | None) -> str | None:
    """The actor that is ``state``, by its name or an alias."""
    if state is None:
        return None
    for actor in index.actors:
        names = [actor.name, *actor.aliases]
        if any(name == state or gazetteer().state(name) == state for name in names):
            return actor.name
    return None


def _is_verb_use(tokens: Sequence[Token], cue: int, harm: ThreatCue) -> bool:
    """Whether the harm word is used as a verb: by the cue, or, for words that can be either,
    by its form ("killed") or what comes before it (a determiner, a possessive, a name or a
    preposition makes it a noun: "the attack", "called for attacks")."""
    if harm.verb is not None:
        return harm.verb
    if tokens[cue].text.casefold().endswith("ed"):
        return True
    if cue == 0:
        return False
    before = tokens[cue - 1].text
    key = before.casefold()
    return not (
        (key in DETERMINERS and key != "that")
        or (key in PREPOSITIONS and key != "to")
        or before.endswith(("'s", "’s"))
        or before[:1].isupper()
        or before[:1].isdigit()
    )


def _named_perpetrators(sentence: Sentence, index: ActorIndex) -> list[str]:
    """Sources the sentence names outright: "claimed by X", "the threat from X", "alleged
    operator X", "blamed X for", "X are the suspected perpetrators", "the suspect, X",
    "X was charged with murder", "a charge of murder against X"."""
    if not index.in_sentence(sentence.index) or not ANY_PERPETRATOR_CUE.search(sentence.folded):
        return []
    found: list[str] = []
    for pattern in (THREAT_FROM, CLAIMED_BY, PERPETRATOR_NAMED, BLAMED, CHARGE_AGAINST):
        for match in pattern.finditer(sentence.folded):
            after = token_at(sentence, sentence.start + match.end())
            actor = index.actor_after(sentence, after, 2 if pattern is BLAMED else 6)
            pronoun = after < len(sentence.tokens) and sentence.tokens[after].text in ("him", "her")
            if actor is None and pattern is BLAMED and pronoun:
                actor = index.last_person_before(sentence.index, after)
            if actor is not None:
                found.append(actor)
    for match in SUSPECT_REFERENCE.finditer(sentence.folded):
        at = token_at(sentence, sentence.start + match.start())
        after = token_at(sentence, sentence.start + match.end())
        person = _person_after(sentence, index, after) or _person_before(sentence, index, at)
        if person is not None:
            found.append(person)
    for pattern in (PERPETRATOR_IS, CHARGED_WITH):
        for match in pattern.finditer(sentence.folded):
            cue = token_at(sentence, sentence.start + match.start())
            found.extend(
                actors_doing(sentence, cue, index)
                or _subject_before(sentence, index, cue)
                or _first_person(sentence, index, cue)
            )
    return list(dict.fromkeys(found))


def _person_after(sentence: Sentence, index: ActorIndex, token: int) -> str | None:
    """The first person named within reach after ``token``, in the same clause."""
    _, clause_end = clause_bounds(sentence.tokens, token)
    for placement in index.in_sentence(sentence.index):
        within = token <= placement.first < min(clause_end + 2, token + SUSPECT_REACH)
        if within and placement.kind is ActorKind.person:
            return placement.actor
    return None


def _person_before(sentence: Sentence, index: ActorIndex, token: int) -> str | None:
    """ "Brenton Tarrant, the suspect in the shootings": the person the reference is in
    apposition to."""
    tokens = sentence.tokens
    for placement in index.in_sentence(sentence.index):
        between = [t.text for t in tokens[placement.last : token]]
        if placement.kind is ActorKind.person and between == [","]:
            return placement.actor
    return None


def _first_person(sentence: Sentence, index: ActorIndex, cue: int) -> list[str]:
    """ "Tarrant appeared in court charged with murder": the person the sentence is about,
    named before the charge, not as an object, and not as the one speaking."""
    tokens = sentence.tokens
    for placement in index.in_sentence(sentence.index):
        if placement.first >= cue:
            break
        between = sentence.folded[tokens[placement.last - 1].end - sentence.start :]
        spoken = SAID_CUE.search(between[: tokens[cue].start - tokens[placement.last - 1].end])
        subject = not is_object(tokens, placement.first) and spoken is None
        if placement.kind is ActorKind.person and subject:
            return [placement.actor]
    return []


def _subject_before(sentence: Sentence, index: ActorIndex, cue: int) -> list[str]:
    """ "Stefan W was charged with murder": the actor just before a copula and the cue."""
    tokens = sentence.tokens
    for placement in reversed(index.in_sentence(sentence.index)):
        between = [t.text.casefold() for t in tokens[placement.last : cue]]
        if placement.last <= cue and all(
            w in COPULAS or w in ("has", "have", "had") for w in between
        ):
            return [placement.actor]
    return []


def _target(
    text: str,
    sentence: Sentence,
    index: ActorIndex,
    cue: ThreatCue,
    span_of_cue: tuple[int, int],
    *,
    verb: bool,
) -> tuple[str, bool]:
    """Whom the harm is aimed at, and whether that is an actor: the subject of a passive
    ("the mayor was stabbed"), what follows "on", "against", "of" or "to" ("an attack on the
    cathedral", "an order to the network"), a verb's object ("stab people", "bombings struck
    the cathedral"), or for a legal or political measure with none of these the next actor
    in the sentence ("filed a petition, accusing the network")."""
    tokens = sentence.tokens
    first, last = span_of_cue
    if verb and _is_passive(tokens, first):
        return _passive_target(text, sentence, index, first)
    struck = None if verb else _struck_by(tokens, first)
    if struck is not None:
        return _passive_target(text, sentence, index, struck)
    happened = _after_occurrence(tokens, last)
    if happened is not None:
        state = _struck_state(sentence, index, happened)
        return (state, True) if state is not None else (UNSTATED_TARGET, False)
    position = last
    if not verb:
        while position < min(len(tokens), last + _NOUN_TAIL) and _is_noun_tail(tokens[position]):
            position += 1
    while position < len(tokens) and _skippable_after_harm(tokens, position):
        position += 1
    span: tuple[int, int] | None = None
    if position < len(tokens) and tokens[position].text.casefold() in TARGET_PREPOSITIONS:
        span = phrase_after(tokens, position + 1, TARGET_MAX_WORDS)
    elif verb:
        span = phrase_after(tokens, position, TARGET_MAX_WORDS)
    elif position < len(tokens) and _harm_is_subject(tokens, first, position):
        span = phrase_after(tokens, position + 1, TARGET_MAX_WORDS)
    if span is not None:
        span = (span[0], _past_glosses(tokens, *span))
    if span is not None and span[0] < span[1] and not _is_date(tokens, span[0]):
        end = _target_end(tokens, *span)
        return _named(text, sentence, index, span[0], _through_list(tokens, end))
    if not verb and cue.kind in NEEDS_NAMED_TARGET:
        later = _measure_target(sentence, index, last)
        if later is not None:
            return later, True
    if not verb:
        state = _struck_state(sentence, index, position)
        if state is not None:
            return state, True
    return UNSTATED_TARGET, False


def _struck_by(tokens: Sequence[Token], cue: int) -> int | None:
    """The passive verb a harm noun is the agent of ("were hit by multiple drone strikes"):
    what that verb's subject names is the harm's target."""
    position = cue - 1
    while position > 0 and tokens[position].text.casefold() != "by" and cue - position <= 3:
        if not tokens[position].text[:1].islower():
            return None
        position -= 1
    if position < 2 or tokens[position].text.casefold() != "by":
        return None
    verb = position - 1
    if tokens[verb].text.casefold() in STRUCK_BY and _is_passive(tokens, verb):
        return verb
    return None


def _measure_target(sentence: Sentence, index: ActorIndex, after: int) -> str | None:
    """The next actor in the sentence, as the target of a legal or political measure with no
    other ("filed a petition, accusing the network"); none when that actor is the measure's
    agent, an origin or the report's source, before any title ("a subpoena for documents from
    Secretary of State X", "a lawsuit by X", "according to X"), the one who speaks ("...,
    X said"), or the subject of a verb of its own ("X, voted for ...")."""
    tokens = sentence.tokens
    named = next((p for p in index.in_sentence(sentence.index) if p.first >= after), None)
    if named is not None:
        actor, start, end = named.actor, named.first, named.last
    else:
        referred = next(
            ((p, r) for p in range(after, len(tokens)) if (r := index.referent(sentence, p))),
            None,
        )
        if referred is None:
            return None
        start, actor = referred
        end = start + 2  # "the network": the article and its noun
    while start > after and _is_title_word(tokens[start - 1].text):
        start -= 1
    before = sentence.folded[: tokens[start].start - sentence.start]
    spoken = end < len(tokens) and SAID_CUE.fullmatch(tokens[end].text.casefold()) is not None
    acting = _subject_of_next_verb(tokens, end)
    return None if spoken or acting or NOT_A_MEASURE_TARGET.search(before) else actor


def _subject_of_next_verb(tokens: Sequence[Token], end: int) -> bool:
    """Whether a name is the subject of the verb after it ("..., and a third, Jared Golden,
    voted for the first article"): the doer of another act, not the measure's object."""
    position = end + 1 if end < len(tokens) and tokens[end].text == "," else end
    if position >= len(tokens):
        return False
    word = tokens[position].text
    return is_verb(word) and word[:1].islower()


def _is_title_word(word: str) -> bool:
    """A word of a title before a name: "Secretary of State Mike Pompeo"."""
    return word[:1].isupper() or word.casefold() in ("of", "the")


def _after_occurrence(tokens: Sequence[Token], after: int) -> int | None:
    """Where the words after "took place", "had occurred" or "happened" start, when these
    follow the harm word: the harm is their subject, and what follows is no target but
    where or when it happened ("the attack took place at about 7:45")."""
    while after < len(tokens) and tokens[after].text.casefold() in AUXILIARIES:
        after += 1
    if after >= len(tokens) or tokens[after].text.casefold() not in OCCURRENCE_WORDS:
        return None
    while after < len(tokens) and tokens[after].text.casefold() in OCCURRENCE_WORDS:
        after += 1
    return after


def _struck_state(sentence: Sentence, index: ActorIndex, after: int) -> str | None:
    """The state named right after "in" that follows a harm noun or its "took place": an
    attack in a state with no other target is aimed at it ("three suicide bombings took
    place in Tunisia"); not "in the country's capital"."""
    tokens = sentence.tokens
    if after >= len(tokens) or tokens[after].text.casefold() != "in":
        return None
    for placement in index.in_sentence(sentence.index):
        if placement.first == after + 1 and placement.kind is ActorKind.state:
            return placement.actor
    return None


def _target_end(tokens: Sequence[Token], start: int, end: int) -> int:
    """Where the target phrase ends before the manner or time of the harm: "two people | to
    death", "the United States | with nuclear weapons", "the city of Kharkiv | on Tuesday"."""
    for position in range(start + 1, end):
        key = tokens[position].text.casefold()
        following = tokens[position + 1].text.casefold() if position + 1 < len(tokens) else ""
        dated = following in WEEKDAYS or following in MONTHS or following in TEMPORAL_WORDS
        if key in TARGET_TAIL_OPENERS or (key in TARGET_TAIL_PREPOSITIONS and dated):
            return position
        if key == "to" and following == "death":
            return position
        if key in TEMPORAL_WORDS or key in WEEKDAYS:
            return position
    return end


def _through_list(tokens: Sequence[Token], end: int) -> int:
    """Where a target ends that goes on in a bracketed gloss or a list of lower-case nouns:
    "the tourists (crusaders), police and soldiers of taghut [idolatry], or western
    embassies". A list item followed by a verb is another clause ("people, and police shot
    him")."""
    limit = len(tokens)
    position = _after_brackets(tokens, end)
    reached = position
    while position < limit:
        joined = position
        while joined < limit and tokens[joined].text.casefold() in _LIST_JOINERS:
            joined += 1
        word = tokens[joined].text if joined < limit else ""
        if joined == position or not word[:1].islower() or word.casefold() in DETERMINERS:
            break
        stop = _list_item_end(tokens, joined)
        if stop == joined or (stop < limit and is_verb(tokens[stop].text)):
            break
        position = reached = _after_brackets(tokens, stop)
    return reached


def _list_item_end(tokens: Sequence[Token], start: int) -> int:
    """Where a list item of lower-case nouns ends: at a verb, a preposition other than "of",
    or anything not a lower-case word ("soldiers of taghut", "western embassies")."""
    stop = start
    while stop < min(len(tokens), start + TARGET_MAX_WORDS):
        word = tokens[stop].text
        key = word.casefold()
        noun = word[:1].islower() and not is_verb(word) and key not in _LIST_JOINERS
        if not noun or (key in PREPOSITIONS and key != "of"):
            break
        stop += 1
    return stop


def _past_glosses(tokens: Sequence[Token], start: int, end: int) -> int:
    """Where a target ends that a quoted or bracketed gloss interrupts: 'her "kuffar"
    (non-Muslim) parents' goes on after the glosses when a lower-case word follows them."""
    tail = end
    while tail < len(tokens) and tokens[tail].text.casefold() in PHRASE_TAIL_WORDS:
        tail += 1
    after = _after_brackets(tokens, tail)
    if after == tail or after >= len(tokens) or not tokens[after].text[:1].islower():
        return end
    _, rest = phrase_after(tokens, after, TARGET_MAX_WORDS - (after - start))
    return rest if rest > after else end


def _after_brackets(tokens: Sequence[Token], position: int) -> int:
    """The position after a bracketed or quoted gloss that starts at ``position``, if one
    does."""
    if position >= len(tokens) or tokens[position].text not in _BRACKETS:
        return position
    closing = _BRACKETS[tokens[position].text]
    for after in range(position + 1, min(len(tokens), position + _GLOSS_WORDS)):
        if tokens[after].text == closing:
            return _after_brackets(tokens, after + 1)
    return position


def _harm_is_subject(tokens: Sequence[Token], cue: int, verb: int) -> bool:
    """ "Twin bombings yesterday struck the cathedral": a harm noun that opens its clause,
    followed by an active verb, does what the verb says to its object. Not "a man wearing a
    fake suicide vest entered a store", nor "the attack was claimed by ..."."""
    word = tokens[verb].text
    if not is_verb(word) or word.casefold() in COPULAS or word.casefold() in AUXILIARIES:
        return False
    start = cue
    while (
        start > 0 and tokens[start - 1].text not in CLAUSE_MARKS and tokens[start - 1].text != ","
    ):
        start -= 1
    modifiers = [t.text for t in tokens[start:cue] if t.text.casefold() not in DETERMINERS]
    lower = [w for w in modifiers if w[:1].islower()]
    return len(lower) <= _SUBJECT_MODIFIERS and not any(w.endswith(("ing", "ed")) for w in lower)


def _named(
    text: str, sentence: Sentence, index: ActorIndex, start: int, end: int
) -> tuple[str, bool]:
    """The target phrase, or the actor it names or refers to; a phrase that names a wrongdoer
    after "by" is aimed at a named actor too ("alleged misconduct by sitting President
    Donald Trump")."""
    named = _actor_in(sentence, index, start, end)
    if named is not None:
        return named, True
    words = phrase_text(text, sentence.tokens, start, end).strip(" ,")
    if words.casefold() in ("him", "her"):
        person = index.last_person_before(sentence.index, start)
        return (person, True) if person is not None else (UNSTATED_TARGET, False)
    if not words:
        return UNSTATED_TARGET, False
    return words, _names_wrongdoer(sentence, index, start, end)


def _names_wrongdoer(sentence: Sentence, index: ActorIndex, start: int, end: int) -> bool:
    """Whether a target phrase names an actor as the agent of a wrong ("misconduct by X",
    "abuses committed by X"): a measure into the wrong is aimed at that actor."""
    tokens = sentence.tokens
    return any(
        start < placement.first < end
        and any(
            t.text == "by"
            for t in tokens[max(start, placement.first - WRONGDOER_REACH) : placement.first]
        )
        for placement in index.in_sentence(sentence.index)
    )


def _passive_target(text: str, sentence: Sentence, index: ActorIndex, cue: int) -> tuple[str, bool]:
    """The subject of a passive harm verb: the last actor before its copula that is no object
    ("Paweł Adamowicz, mayor of ..., was stabbed"), or the words back to the clause start."""
    tokens = sentence.tokens
    clause_start, _ = clause_bounds(tokens, cue)
    copula = cue - 1
    while copula > clause_start and tokens[copula].text.casefold() not in COPULAS:
        copula -= 1
    for placement in reversed(index.in_sentence(sentence.index)):
        before = tokens[placement.first - 1].text.casefold() if placement.first else ""
        subordinate = before in PASSIVE_SUBJECT_STOPS
        subject = subordinate or not is_object(tokens, placement.first)
        if clause_start <= placement.first < copula and subject:
            return placement.actor, True
    start = copula
    while start > clause_start and tokens[start - 1].text.casefold() not in PASSIVE_SUBJECT_STOPS:
        start -= 1
    if start >= copula:
        return UNSTATED_TARGET, False
    return _named(text, sentence, index, start, min(copula, start + TARGET_MAX_WORDS))


def _is_noun_tail(token: Token) -> bool:
    """A lower-case noun that continues a harm noun ("cease and desist order", "quo warranto
    petition") rather than a preposition or a verb."""
    key = token.text.casefold()
    return token.text[:1].islower() and key not in TARGET_PREPOSITIONS and not is_verb(token.text)


def _is_date(tokens: Sequence[Token], index: int) -> bool:
    """Whether a phrase starts with a date ("February 10", "10 February", "Monday")."""
    words = [token.text.casefold() for token in tokens[index : index + 2]]
    if words[0] in MONTHS or words[0] in WEEKDAYS:
        return True
    return words[0].isdigit() and len(words) > 1 and words[1] in MONTHS


def _skippable_after_harm(tokens: Sequence[Token], position: int) -> bool:
    """Words between a harm word and its object: adverbs, "yesterday", and another verb
    joined by "and" ("destroy and obliterate the Economy of Turkey")."""
    key = tokens[position].text.casefold()
    if key in SKIPPABLE_ADVERBS or key in TEMPORAL_WORDS or (key.endswith("ly") and len(key) > 4):
        return True
    if key == "and" and position + 2 < len(tokens):
        following = tokens[position + 2].text
        joined = following.casefold() in DETERMINERS or following[:1].isdigit()
        word = tokens[position + 1].text
        return word[:1].islower() and (joined or is_verb(word))
    previous = tokens[position - 1].text.casefold() if position else ""
    return previous == "and" and tokens[position].text[:1].islower()


def _is_passive(tokens: Sequence[Token], cue: int) -> bool:
    before = [t.text.casefold() for t in tokens[max(0, cue - 2) : cue]]
    return any(word in COPULAS or word in ("got", "get") for word in before)


def _actor_in(
    sentence: Sentence, index: ActorIndex, start: int, end: int, reach: int = TARGET_NAME_REACH
) -> str | None:
    """An actor named at the start of a span, or referred to in it as "the network"."""
    for placement in index.in_sentence(sentence.index):
        if start <= placement.first < min(end, start + reach):
            return placement.actor
    for position in range(start, end):
        referred = index.referent(sentence, position)
        if referred is not None:
            return referred
    return None


def _likelihood(harm: _Harm) -> Likelihood:
    """The cue's likelihood, lowered by a hedge, set to likely by a plan or to an even chance
    by a threat just before it."""
    tokens = harm.sentence.tokens
    window = " ".join(
        t.text.lower() for t in tokens[max(0, harm.token - _MODAL_WINDOW) : harm.token]
    )
    if HEDGED_THREAT.search(window):
        return Likelihood.unlikely
    if THREATENED_HARM.search(window):
        return Likelihood.roughly_even_chance
    if PLANNED_THREAT.search(window):
        return Likelihood.likely
    return harm.cue.likelihood


def _timeframe(sentence: Sentence) -> str | None:
    match = TIMEFRAME.search(sentence.folded)
    return sentence.text[match.start() : match.end()] if match else None
