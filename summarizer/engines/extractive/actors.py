"""Actors: mentions grouped into the people, states and organisations that act.

Three steps. Group mentions that name the same actor (a full name and the surname alone,
an acronym and its long form, "US" and "United States", a demonym's government and its
state). Keep the groups that act in the story: every named person, and states, places and
organisations only where some mention is a subject, a passive agent or a cited source, so
that places that only locate drop out. Then name and type what is kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from nameparser import HumanName

from summarizer.brief import ActorDraft, ActorKind
from summarizer.engines.extractive.gazetteer import Gazetteer
from summarizer.engines.extractive.mentions import (
    Mention,
    find_mentions,
    is_acronym,
    looks_like_person,
)
from summarizer.engines.extractive.rules import (
    AGENT_POSSESSIONS,
    AMBIGUOUS_HEADS,
    ARMED_GROUP_CUES,
    EXTRA_ROLE_WORDS,
    GENERIC_NAMES,
    INSTITUTION_NOUNS,
    KEPT_TITLES,
    KNOWN_KINDS,
    MAX_ALIASES,
    ORG_APPOSITION_CUES,
    ORG_HEADS,
    STATE_AGENT_NOUNS,
    STATE_BODY_WORDS,
)
from summarizer.engines.extractive.sentences import Sentence, quote
from summarizer.engines.extractive.syntax import (
    is_inverted_speaker,
    is_object,
    is_passive_agent,
    is_source,
    verb_after,
)

_SMALL_WORDS = frozenset(["of", "the", "and", "for", "in", "on", "to", "&"])


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a chosen actor is named in a sentence."""

    sentence: int
    first: int
    last: int
    start: int
    end: int
    actor: str
    kind: ActorKind


@dataclass(frozen=True)
class ActorIndex:
    actors: list[ActorDraft]
    placements: dict[int, list[Placement]]
    """Placements by sentence index, in token order."""

    def in_sentence(self, index: int) -> list[Placement]:
        return self.placements.get(index, [])

    def last_person_before(self, sentence: int) -> str | None:
        """The person named last before ``sentence``: whom "he" or "she" most likely is."""
        for index in range(sentence - 1, max(-1, sentence - 4), -1):
            people = [p for p in self.in_sentence(index) if p.kind is ActorKind.person]
            if people:
                return people[-1].actor
        return None


@dataclass
class _Group:
    """Mentions taken to name one actor."""

    category: str
    """person, state, institution, organisation, acronym, place or other."""
    mentions: list[Mention] = field(default_factory=list)
    state: str | None = None
    kind: ActorKind | None = None
    agentive: int = 0
    cued: bool = False
    defined: bool = False

    @property
    def substantive(self) -> list[Mention]:
        return [m for m in self.mentions if not m.affiliation] or self.mentions


def find_actors(text: str, sentences: Sequence[Sentence], places: Gazetteer) -> ActorIndex:
    mentions, definitions = find_mentions(sentences, places)
    grouper = _Grouper(sentences, places)
    for index, mention in enumerate(mentions):
        if index not in definitions:
            grouper.add_named(mention)
    for index, mention in enumerate(mentions):
        if index in definitions:
            grouper.add_acronym(mention, mentions[definitions[index]])
    grouper.add_remaining()
    return _index(text, sentences, grouper.groups, places)


class _Grouper:
    """Puts each mention in a group: first the names that say what they are, then the rest."""

    def __init__(self, sentences: Sequence[Sentence], places: Gazetteer) -> None:
        self.sentences = sentences
        self.places = places
        self.groups: list[_Group] = []
        self.by_key: dict[str, _Group] = {}
        self.of_mention: dict[tuple[int, int], _Group] = {}
        self.pending: list[Mention] = []

    def _join(self, key: str, category: str, mention: Mention) -> _Group:
        group = self.by_key.get(key)
        if group is None:
            group = _Group(category)
            self.by_key[key] = group
            self.groups.append(group)
        self._attach(group, mention)
        return group

    def _attach(self, group: _Group, mention: Mention) -> None:
        group.mentions.append(mention)
        self.of_mention[(mention.sentence, mention.start)] = group
        sentence = self.sentences[mention.sentence]
        if _is_agentive(sentence, mention):
            group.agentive += 1
        if _is_cued(sentence, mention):
            group.cued = True

    def add_named(self, mention: Mention) -> None:
        """Group a mention whose words alone say what it names, or keep it for later."""
        words = mention.words
        places = self.places
        state = places.state(mention.text)
        if state:
            group = self._join(f"state:{state}", "state", mention)
            group.state = state
            return
        if mention.hint in INSTITUTION_NOUNS.values() and len(words) > 1:
            owner = " ".join(words[:-1])
            state = places.state(owner) or places.demonym(owner)
            key = f"institution:{(state or owner).casefold()}:{words[-1].casefold()}"
            group = self._join(key, "institution", mention)
            group.state, group.kind = state, mention.hint
            return
        demonym = places.demonym(mention.text)
        if demonym:
            group = self._join(f"state:{demonym}", "state", mention)
            group.state = demonym
            return
        if len(words) > 1 and (mention.hint is ActorKind.person or _is_person_name(words, places)):
            first, last = _name_parts(mention.text)
            self._join(f"person:{first}:{last}", "person", mention)
            return
        if len(words) > 1:
            self._join(f"org:{_org_key(mention.text)}", "organisation", mention)
            return
        self.pending.append(mention)

    def add_acronym(self, acronym: Mention, long_form: Mention) -> None:
        group = self.of_mention.get((long_form.sentence, long_form.start))
        if group is None:
            self.pending.append(acronym)
            return
        self._attach(group, acronym)
        group.defined = True
        self.by_key[f"org:{_org_key(acronym.text)}"] = group

    def add_remaining(self) -> None:
        """Group one-word mentions: a surname, part of an organisation's name, an acronym."""
        self._merge_organisation_forms()
        for mention in self.pending:
            group = (
                self.by_key.get(f"org:{_org_key(mention.text)}")
                or self._person_for(mention)
                or self._organisation_containing(mention.text)
            )
            if group is not None:
                self._attach(group, mention)
                continue
            key = mention.text.casefold()
            capital = self.places.capitals.get(key)
            if capital and _is_agentive(self.sentences[mention.sentence], mention):
                self._join(f"state:{capital}", "state", mention).state = capital
            elif mention.hint is ActorKind.person:
                self._join(f"person:{key}", "person", mention)
            elif self.places.is_place(mention.text):
                self._join(f"place:{key}", "place", mention)
            elif is_acronym(mention.text):
                self._join(f"org:{_org_key(mention.text)}", "acronym", mention)
            else:
                self._join(f"org:{_org_key(mention.text)}", "other", mention)

    def _merge_organisation_forms(self) -> None:
        """ "House of Representatives" and "the House" into "United States House of
        Representatives"; "State Department" into "United States Department of State"."""
        organisations = [g for g in self.groups if g.category == "organisation"]
        organisations.sort(key=lambda g: -len(_longest(g).split()))
        for index, group in enumerate(organisations):
            name = _longest(group)
            for larger in organisations[:index]:
                if larger is not group and larger.mentions and _is_form_of(name, _longest(larger)):
                    for mention in group.mentions:
                        self._attach(larger, mention)
                    group.mentions.clear()
                    break
        self.groups = [g for g in self.groups if g.mentions]

    def _person_for(self, mention: Mention) -> _Group | None:
        """The person whose name holds this one word, preferring surnames, then the most
        often named."""
        key = mention.text.casefold()
        best: tuple[int, int] | None = None
        found = None
        for group in self.groups:
            if group.category != "person":
                continue
            names = [m.text for m in group.mentions if len(m.words) > 1]
            if not names:
                continue
            parts = {part.casefold() for name in names for part in name.split()}
            if key not in parts:
                continue
            score = (int(any(_name_parts(n)[1] == key for n in names)), len(group.mentions))
            if best is None or score > best:
                best, found = score, group
        return found

    def _organisation_containing(self, word: str) -> _Group | None:
        key = word.casefold()
        if key in ORG_HEADS or key in GENERIC_NAMES or key in _SMALL_WORDS:
            return None
        for group in self.groups:
            if group.category in ("organisation", "institution"):
                name = _longest(group)
                if key in name.casefold().split() or _initials(name) == _letters(word):
                    return group
        return None


def _is_agentive(sentence: Sentence, mention: Mention) -> bool:
    """Whether the mention acts in its sentence rather than only locating or qualifying."""
    tokens = sentence.tokens
    if mention.affiliation:
        return False
    if is_source(tokens, mention.first) or is_passive_agent(tokens, mention.first):
        return True
    if is_inverted_speaker(tokens, mention.first):
        return True
    if mention.possessive:
        following = [t.text.casefold() for t in tokens[mention.last : mention.last + 2]]
        return any(word in AGENT_POSSESSIONS for word in following)
    if is_object(tokens, mention.first):
        return False
    end = mention.last
    if end < len(tokens) and tokens[end].text.casefold() in STATE_AGENT_NOUNS:
        end += 1
    return verb_after(tokens, end) is not None


def _is_cued(sentence: Sentence, mention: Mention) -> bool:
    """ "group Greenpeace", "news network RTHK": a noun before the name says it is an actor."""
    tokens = sentence.tokens
    before = tokens[mention.first - 1].text.casefold() if mention.first > 0 else ""
    return before in ORG_APPOSITION_CUES or before in EXTRA_ROLE_WORDS


def _index(
    text: str, sentences: Sequence[Sentence], groups: list[_Group], places: Gazetteer
) -> ActorIndex:
    chosen = [group for group in groups if _acts(group, places)]
    by_state = {group.state: group for group in chosen if group.category == "state"}
    actors: list[ActorDraft] = []
    placements: dict[int, list[Placement]] = {}
    names: set[str] = set()
    for group in chosen:
        if group.category == "institution" and group.state in by_state:
            by_state[group.state].mentions.extend(group.mentions)
    for group in sorted(chosen, key=lambda g: min(m.start for m in g.mentions)):
        if group.category == "institution" and group.state in by_state:
            continue
        name = _name(group)
        if name.casefold() in names:
            continue
        names.add(name.casefold())
        kind = _kind(group, name, sentences, places)
        actors.append(_draft(text, sentences, group, name, kind))
        for mention in group.mentions:
            placements.setdefault(mention.sentence, []).append(
                Placement(
                    mention.sentence,
                    mention.first,
                    mention.last,
                    mention.start,
                    mention.end,
                    name,
                    kind,
                )
            )
    for found in placements.values():
        found.sort(key=lambda placement: placement.start)
    return ActorIndex(actors, placements)


def _acts(group: _Group, places: Gazetteer) -> bool:
    """Whether a group is an actor of the story, by what it is and how it is named."""
    substantive = [m for m in group.mentions if not m.affiliation]
    if not substantive:
        return False
    midsentence = any(not m.initial for m in substantive)
    if group.category == "person":
        named = any(len(m.words) > 1 or m.titles for m in substantive)
        return named or (midsentence and group.agentive > 0)
    if group.category in ("state", "place"):
        return group.agentive > 0
    if group.category == "institution":
        return True
    name = _longest(group)
    if name.casefold() in GENERIC_NAMES:
        return False
    if group.defined or name.casefold() in KNOWN_KINDS:
        return True
    if group.category == "organisation":
        return group.agentive > 0 or group.cued or len(group.mentions) > 1 or _has_head(name)
    return (midsentence or group.agentive > 1) and (group.agentive > 0 or group.cued)


def _has_head(name: str) -> bool:
    return any(word.casefold() in ORG_HEADS for word in name.split()[1:])


def _name(group: _Group) -> str:
    if group.state and group.category == "state":
        return group.state
    mentions = group.substantive
    if group.category == "person":
        longest = max(mentions, key=lambda m: (len(m.words), len(m.text)))
        if len(longest.words) == 1 and longest.titles and _key(longest.titles[-1]) in KEPT_TITLES:
            return f"{longest.titles[-1]} {longest.text}"
        return longest.text
    return max(mentions, key=lambda m: (len(m.words), len(m.text))).text


def _longest(group: _Group) -> str:
    return max((m.text for m in group.substantive), key=len)


def _kind(
    group: _Group, name: str, sentences: Sequence[Sentence], places: Gazetteer
) -> ActorKind:
    if group.category == "person":
        return ActorKind.person
    if group.category == "state":
        return ActorKind.state
    if group.kind is not None:
        return group.kind
    for mention in group.mentions:
        known = KNOWN_KINDS.get(_org_key(mention.text))
        if known is not None:
            return known
    if any(_near_armed_cue(sentences[m.sentence], m) for m in group.mentions):
        return ActorKind.armed_group
    heads = [word.casefold() for word in name.split() if word.casefold() in ORG_HEADS]
    if heads:
        head = heads[-1]
        if head in AMBIGUOUS_HEADS and _names_state_body(name, places):
            return ActorKind.government
        return ORG_HEADS[head]
    if group.category == "place":
        return ActorKind.government
    if group.category == "acronym":
        return ActorKind.organization
    return ActorKind.other


def _names_state_body(name: str, places: Gazetteer) -> bool:
    words = name.split()
    return any(
        word.casefold() in STATE_BODY_WORDS or places.state(word) or places.demonym(word)
        for word in words
    )


def _near_armed_cue(sentence: Sentence, mention: Mention) -> bool:
    tokens = sentence.tokens
    nearby = tokens[max(0, mention.first - 2) : mention.first] + tokens[
        mention.last : mention.last + 2
    ]
    return any(token.text.casefold() in ARMED_GROUP_CUES for token in nearby)


def _draft(
    text: str, sentences: Sequence[Sentence], group: _Group, name: str, kind: ActorKind
) -> ActorDraft:
    aliases: list[str] = []
    seen = {name.casefold()}
    for mention in group.mentions:
        forms = [mention.text]
        if mention.role_start < mention.start:
            forms.append(text[mention.role_start : mention.end])
        for form in forms:
            if form.casefold() not in seen and len(aliases) < MAX_ALIASES:
                seen.add(form.casefold())
                aliases.append(form)
    evidence_mention = next(
        (m for m in group.substantive if _is_agentive(sentences[m.sentence], m)),
        group.substantive[0],
    )
    sentence = sentences[evidence_mention.sentence]
    titled = next((m for m in group.mentions if m.role_start < m.start), None)
    role = text[titled.role_start : titled.start].strip() if titled else None
    return ActorDraft(
        name=name,
        kind=kind,
        aliases=aliases,
        role=role or None,
        evidence=[quote(text, sentence, evidence_mention.start, evidence_mention.end)],
    )


def _is_person_name(words: list[str], places: Gazetteer) -> bool:
    return looks_like_person(words, places) and not any(is_acronym(word) for word in words)


@lru_cache(maxsize=4096)
def _name_parts(name: str) -> tuple[str, str]:
    """A person's first and last name, case-folded (nameparser knows titles and particles)."""
    parsed = HumanName(name)
    first = str(parsed.first).casefold()
    last = str(parsed.last).casefold()
    return first or last, last or first


def _org_key(name: str) -> str:
    return " ".join(name.casefold().removeprefix("the ").split())


def _key(word: str) -> str:
    return word.casefold().rstrip(".")


def _is_form_of(short: str, long: str) -> bool:
    """Whether ``short`` names the same body as ``long``: a run of its words that keeps its
    head ("House of Representatives"), or the same words reordered ("State Department" for
    "Department of State")."""
    short_words = [w.casefold() for w in short.split()]
    long_words = [w.casefold() for w in long.split()]
    if len(short_words) >= len(long_words):
        return False
    heads = [w for w in long_words if w in ORG_HEADS]
    if not heads or heads[-1] not in short_words:
        return False
    size = len(short_words)
    if any(long_words[i : i + size] == short_words for i in range(len(long_words) - size + 1)):
        return True
    significant = {w for w in long_words if w not in _SMALL_WORDS}
    return set(short_words) <= significant and len(short_words) >= 2


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.casefold() not in _SMALL_WORDS).upper()


def _letters(word: str) -> str:
    return "".join(char for char in word if char.isalnum()).upper()
