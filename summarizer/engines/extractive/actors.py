"""Actors: mentions grouped into the people, states and organisations that act.

Three steps. Group mentions that name the same actor (a full name and the surname alone,
an acronym and its long form, "US" and "United States", a demonym's government and its
state). Keep the groups that act in the story: every named person, and states, places and
organisations only where some mention is a subject, a passive agent or a cited source, so
that places that only locate drop out. Then name and type what is kept.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from nameparser import HumanName
from nameparser.config import CONSTANTS

from summarizer.brief import MAX_ITEMS, ActorDraft, ActorKind
from summarizer.engines.extractive.fields import NAME_CHARS, PHRASE_CHARS, clip
from summarizer.engines.extractive.gazetteer import Gazetteer
from summarizer.engines.extractive.mentions import (
    Mention,
    find_mentions,
    is_acronym,
    looks_like_person,
    lowercase_vocabulary,
    strip_possessive,
)
from summarizer.engines.extractive.rules import (
    AGENT_POSSESSIONS,
    AMBIGUOUS_HEADS,
    ARMED_GROUP_CUES,
    AUXILIARIES,
    COPULAS,
    DEFINITE_REFERENCES,
    DEMONYMS,
    EXTRA_ROLE_WORDS,
    GENERIC_NAMES,
    INSTITUTION_NOUNS,
    KEPT_TITLES,
    KNOWN_KINDS,
    MAX_ALIASES,
    ORG_ALIASES,
    ORG_APPOSITION_CUES,
    ORG_HEADS,
    PLACE_HEADS,
    PLURAL_DEMONYMS,
    REGIONS,
    ROLE_SYNONYMS,
    ROLE_WORD_EXCLUDED,
    SKIPPABLE_ADVERBS,
    SMALL_WORDS,
    SPEAKING_NOUNS,
    STATE_AGENT_NOUNS,
    STATE_BODY_WORDS,
    TITLE_WORDS,
)
from summarizer.engines.extractive.sentences import Sentence
from summarizer.engines.extractive.syntax import (
    QUOTE_MARKS,
    is_controlled_subject,
    is_inverted_speaker,
    is_object,
    is_passive_agent,
    is_relative_subject,
    is_source,
    leads_to,
    opens_relative,
    verb_after,
)

PRONOUN_REACH = 3
"""Sentences back that "he" or "she" may reach for the person meant."""
REFERENCE_REACH = 6
"""Sentences back that "the network" may reach for the actor meant."""
ROLE_MODIFIER_REACH = 2
"""Words between "the" and a title that a reference may hold ("the foreign minister")."""
FREQUENT_MENTIONS = 3
"""An acronym named this often (not as an object) is an actor even if it never acts."""


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
    possessive: bool


@dataclass(frozen=True)
class ActorIndex:
    actors: list[ActorDraft]
    placements: dict[int, list[Placement]]
    """Placements by sentence index, in token order."""
    roles: dict[str, frozenset[str]] = field(default_factory=dict)
    """Each person's titles, case-folded words ("foreign", "minister")."""

    def in_sentence(self, index: int) -> list[Placement]:
        return self.placements.get(index, [])

    def last_person_before(self, sentence: int, token: int = 0) -> str | None:
        """The person named last before a token: whom "he" or "she" most likely means."""
        here = [
            p
            for p in self.in_sentence(sentence)
            if p.kind is ActorKind.person and p.last <= token and not p.possessive
        ]
        if here:
            return here[-1].actor
        for index in range(sentence - 1, max(-1, sentence - PRONOUN_REACH), -1):
            people = [p for p in self.in_sentence(index) if p.kind is ActorKind.person]
            if people:
                return people[-1].actor
        return None

    def body_before(self, sentence: int, token: int) -> str | None:
        """The actor other than a person named last before a token in its sentence: what
        "it" means there ("the SDF announced it had entered into an agreement"). An "it" that
        opens a sentence may be anything the sentence before spoke of."""
        here = [
            p
            for p in self.in_sentence(sentence)
            if p.kind is not ActorKind.person and p.last <= token and not p.possessive
        ]
        return here[-1].actor if here else None

    def subject_of(
        self,
        sentence: Sentence,
        cue: int,
        *,
        noun_verbs: frozenset[str] = frozenset(),
        pronouns: bool = True,
    ) -> str | None:
        """The actor doing what the word at ``cue`` says: a name right before it (an
        apposition, adverbs and auxiliaries aside), "the network" and the like, or with
        ``pronouns`` the person a "he"/"she" outside a quote means, or the body named
        before an "it" in its sentence. When the cue is a noun, ``noun_verbs`` may stand
        between ("X filed a lawsuit"), and a name right before it is its subject ("Turkish
        military operation")."""
        noun = bool(noun_verbs)
        tokens = sentence.tokens
        for placement in reversed(self.in_sentence(sentence.index)):
            if placement.last > cue:
                continue
            if is_object(tokens, placement.first, lists=False) and not opens_relative(
                tokens, placement.last
            ):
                continue
            if noun and placement.last == cue:
                return placement.actor
            end = placement.last
            while end < cue and tokens[end].text.casefold() in SPEAKING_NOUNS:
                end += 1
            if placement.possessive and end == placement.last:
                continue
            if leads_to(tokens, end, cue, noun_verbs=noun_verbs):
                return placement.actor
        before = cue - 1
        skippable = SKIPPABLE_ADVERBS | AUXILIARIES
        if tokens[cue].text.endswith("ing"):
            skippable |= COPULAS  # "she was endorsing": a progressive
        while before >= 0 and tokens[before].text.casefold() in skippable:
            before -= 1
        if before >= 1 and leads_to(tokens, before + 1, cue, noun_verbs=noun_verbs):
            for start in range(before - 1, max(-1, before - ROLE_MODIFIER_REACH - 2), -1):
                if tokens[start].text.casefold() == "the":
                    referred = self.referent(sentence, start, before)
                    if referred is not None:
                        return referred
                    break
        pronoun = tokens[before].text.casefold() if pronouns and before >= 0 else ""
        if pronoun in ("he", "she", "it"):
            if sum(token.text in QUOTE_MARKS for token in tokens[:before]) % 2 == 1:
                return None
            if pronoun == "it":
                return self.body_before(sentence.index, before)
            return self.last_person_before(sentence.index, before)
        return None

    def referent(self, sentence: Sentence, token: int, head: int | None = None) -> str | None:
        """The actor "the network", "the commission" or "the foreign minister" at ``token``
        (its noun at ``head``, the next token by default) refers back to: the last one named
        before it whose kind, name or role fits the noun."""
        tokens = sentence.tokens
        head = token + 1 if head is None else head
        if head >= len(tokens) or tokens[token].text.casefold() != "the":
            return None
        noun = strip_possessive(tokens[head].text)[0].casefold()
        if noun in TITLE_WORDS and all(t.text[:1].islower() for t in tokens[token + 1 : head]):
            role = role_words(" ".join(t.text for t in tokens[token + 1 : head + 1]))
            return self._holder(sentence, token, role)
        if head != token + 1:
            return None
        kinds = DEFINITE_REFERENCES.get(noun, frozenset())
        if not kinds and noun not in ORG_HEADS:
            return None
        for index in range(sentence.index, max(-1, sentence.index - REFERENCE_REACH), -1):
            for placement in reversed(self.in_sentence(index)):
                if index == sentence.index and placement.last > token:
                    continue
                named = noun in fold(placement.actor).split()
                if named or placement.kind in kinds:
                    return placement.actor
        return None

    def _holder(self, sentence: Sentence, token: int, role: frozenset[str]) -> str | None:
        """The person named last before ``token`` whose title holds every word of ``role``
        ("the foreign minister" is Foreign Minister Marcelo Ebrard)."""
        for index in range(sentence.index, -1, -1):
            for placement in reversed(self.in_sentence(index)):
                if index == sentence.index and placement.last > token:
                    continue
                if placement.kind is ActorKind.person and role <= self.roles.get(
                    placement.actor, set()
                ):
                    return placement.actor
        return None

    def actor_after(self, sentence: Sentence, token: int, reach: int = 6) -> str | None:
        """The first actor named within ``reach`` tokens from ``token``."""
        for placement in self.in_sentence(sentence.index):
            if token <= placement.first <= token + reach:
                return placement.actor
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
    free: int = 0
    """Mentions that are neither objects of a preposition nor affiliations."""
    cued: bool = False
    defined: bool = False

    @property
    def substantive(self) -> list[Mention]:
        return [m for m in self.mentions if not m.affiliation] or self.mentions


def find_actors(text: str, sentences: Sequence[Sentence], places: Gazetteer) -> ActorIndex:
    vocabulary = lowercase_vocabulary(sentences)
    mentions, definitions = find_mentions(sentences, places, vocabulary)
    grouper = _Grouper(sentences, places, vocabulary)
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

    def __init__(
        self, sentences: Sequence[Sentence], places: Gazetteer, vocabulary: frozenset[str]
    ) -> None:
        self.sentences = sentences
        self.places = places
        self.vocabulary = vocabulary
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
        if not mention.affiliation and not is_object(sentence.tokens, mention.first):
            group.free += 1
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
            if state:
                group = self._join(f"state:{state}", "state", mention)
                group.state = state
                group.agentive += 1
                return
            group = self._join(f"institution:{fold(mention.text)}", "institution", mention)
            group.kind = mention.hint
            return
        demonym = places.demonym(mention.text)
        if demonym:
            group = self._join(f"state:{demonym}", "state", mention)
            group.state = demonym
            return
        if len(words) > 1 and (mention.hint is ActorKind.person or self._is_person_name(mention)):
            first, last = _name_parts(mention.text)
            self._join(f"person:{first}:{last}", "person", mention)
        elif len(words) > 1 and (places.is_place(mention.text) or _key(words[-1]) in PLACE_HEADS):
            self._join(f"place:{mention.text.casefold()}", "place", mention)
        elif len(words) > 1:
            organisation = _has_head(mention.text) or _org_key(mention.text) in KNOWN_KINDS
            category = "organisation" if organisation else "other"
            self._join(f"org:{_org_key(mention.text)}", category, mention)
        else:
            self.pending.append(mention)

    def _is_person_name(self, mention: Mention) -> bool:
        """Capitalised words without head, place or acronym, whose first word the article
        does not also write in lower case ("Insurgency Wiki" is no one)."""
        words = mention.words
        if not looks_like_person(words, self.places) or any(is_acronym(w) for w in words):
            return False
        return words[0].casefold() not in self.vocabulary or _is_agentive(
            self.sentences[mention.sentence], mention
        )

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
        people = self._name_words()
        organisations = self._organisation_words()
        for mention in self.pending:
            key = fold(mention.text)
            group = (
                self.by_key.get(f"org:{_org_key(mention.text)}")
                or _best_person(people.get(key, []))
                or organisations.get(key)
                or organisations.get(_letters(mention.text))
            )
            if group is None and _key(mention.text) in ORG_HEADS:
                group = self._body_named_before(mention)
                if group is not None:
                    self.by_key[f"org:{_org_key(mention.text)}"] = group
            if group is not None:
                self._attach(group, mention)
                continue
            if key in REGIONS:
                continue
            capital = self.places.capitals.get(mention.text.casefold())
            if capital and _is_agentive(self.sentences[mention.sentence], mention):
                self._join(f"state:{capital}", "state", mention).state = capital
            elif mention.hint is ActorKind.person:
                self._join(f"person:{key}", "person", mention)
            elif self.places.is_place(mention.text):
                self._join(f"place:{key}", "place", mention)
            elif is_acronym(mention.text) or _org_key(mention.text) in KNOWN_KINDS:
                self._join(f"org:{_org_key(mention.text)}", "acronym", mention)
            else:
                self._join(f"org:{_org_key(mention.text)}", "other", mention)

    def _body_named_before(self, mention: Mention) -> _Group | None:
        """The body a head alone ("the Court", "Parliament") refers to: the last one named
        before it whose full name holds that head ("Court of Session")."""
        head = _key(mention.text)
        here = (mention.sentence, mention.start)
        found: _Group | None = None
        latest = (-1, -1)
        for group in self.groups:
            if group.category not in ("organisation", "institution", "other"):
                continue
            for named in group.mentions:
                place = (named.sentence, named.start)
                words = {_key(word) for word in named.words}
                if len(words) > 1 and head in words and latest < place < here:
                    found, latest = group, place
        return found

    def _merge_organisation_forms(self) -> None:
        """ "House of Representatives" and "the House" into "United States House of
        Representatives"; "State Department" into "United States Department of State"."""
        organisations = [g for g in self.groups if g.category == "organisation"]
        organisations.sort(key=lambda g: -len(_longest(g).split()))
        for index, group in enumerate(organisations):
            name = _longest(group)
            for larger in organisations[:index]:
                if larger.mentions and _is_form_of(name, _longest(larger)):
                    for mention in group.mentions:
                        self._attach(larger, mention)
                    group.mentions.clear()
                    break
        self.groups = [g for g in self.groups if g.mentions]

    def _name_words(self) -> dict[str, list[tuple[bool, _Group]]]:
        """Each word of a person's full name -> the people it may stand for, and whether it
        is their surname."""
        words: dict[str, list[tuple[bool, _Group]]] = {}
        for group in self.groups:
            if group.category != "person":
                continue
            names = {m.text for m in group.mentions if len(m.words) > 1}
            for name in names:
                surname = _name_parts(name)[1]
                for part in name.split():
                    key = fold(part)
                    words.setdefault(key, []).append((key == surname, group))
        return words

    def _organisation_words(self) -> dict[str, _Group]:
        """Distinctive words and initials of organisations' names -> the organisation."""
        words: dict[str, _Group] = {}
        for group in self.groups:
            if group.category not in ("organisation", "institution"):
                continue
            name = _longest(group)
            words.setdefault(_initials(name), group)
            for word in name.split():
                key = fold(word)
                if key not in ORG_HEADS and key not in GENERIC_NAMES and key not in SMALL_WORDS:
                    words.setdefault(key, group)
        return words


def _best_person(candidates: list[tuple[bool, _Group]]) -> _Group | None:
    """Of the people a word may stand for, one whose surname it is, then the most named."""
    if not candidates:
        return None
    return max(candidates, key=lambda item: (item[0], len(item[1].mentions)))[1]


def _is_agentive(sentence: Sentence, mention: Mention) -> bool:
    """Whether the mention acts in its sentence rather than only locating or qualifying."""
    tokens = sentence.tokens
    if mention.affiliation:
        return False
    if is_source(tokens, mention.first, mention.last) or is_passive_agent(tokens, mention.first):
        return True
    if is_inverted_speaker(tokens, mention.first):
        return True
    if is_controlled_subject(tokens, mention.first, mention.last):
        return True
    if is_relative_subject(tokens, mention.last):
        return True
    if mention.possessive:
        following = [t.text.casefold() for t in tokens[mention.last : mention.last + 2]]
        return any(word in AGENT_POSSESSIONS for word in following)
    last_of_list = mention.first > 0 and tokens[mention.first - 1].text in ("and", "or")
    if is_object(tokens, mention.first, lists=last_of_list):
        return False  # "in Arizona, Florida, and Illinois": the last of a list of objects
    end = mention.last
    if end < len(tokens) and tokens[end].text.casefold() in STATE_AGENT_NOUNS:
        end += 1
    return verb_after(tokens, end) is not None


ROLE_WORDS = (
    frozenset(title for title in CONSTANTS.titles if title.isalpha()) - ROLE_WORD_EXCLUDED
) | EXTRA_ROLE_WORDS
"""Lower-case words before a name that make it a person's: nameparser's titles and ours."""


def _is_cued(sentence: Sentence, mention: Mention) -> bool:
    """Whether a noun next to the name says it is an actor: "group Greenpeace", "news network
    RTHK", "Vyasna, an independent Belarusian human rights center,"."""
    tokens = sentence.tokens
    before = tokens[mention.first - 1].text.casefold() if mention.first > 0 else ""
    if before in ORG_APPOSITION_CUES or before in ROLE_WORDS:
        return True
    after = [token.text.casefold() for token in tokens[mention.last : mention.last + 9]]
    if after[:1] != [","] or len(after) < 3 or after[1] not in ("a", "an", "the"):
        return False
    apposition = after[2 : after.index(",", 2)] if "," in after[2:] else []
    return any(word in ORG_APPOSITION_CUES | ORG_HEADS.keys() for word in apposition)


def _index(
    text: str, sentences: Sequence[Sentence], groups: list[_Group], places: Gazetteer
) -> ActorIndex:
    chosen = [group for group in groups if _acts(group)]
    if len(chosen) > MAX_ITEMS:
        chosen = sorted(chosen, key=lambda g: (-g.agentive, -len(g.mentions)))[:MAX_ITEMS]
    actors: list[ActorDraft] = []
    placements: dict[int, list[Placement]] = {}
    names: set[str] = set()
    for group in sorted(chosen, key=lambda g: min(m.start for m in g.mentions)):
        name = clip(_name(group), NAME_CHARS)
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
                    mention.possessive,
                )
            )
    for found in placements.values():
        found.sort(key=lambda placement: placement.start)
    roles = {
        actor.name: role_words(actor.role)
        for actor in actors
        if actor.role and actor.kind is ActorKind.person
    }
    return ActorIndex(actors, placements, roles)


def role_words(role: str) -> frozenset[str]:
    """A title's words, case-folded, with synonyms made one ("Foreign Secretary" is a
    foreign minister)."""
    words = role.casefold().replace("-", " ").split()
    return frozenset(ROLE_SYNONYMS.get(word, word) for word in words)


def _acts(group: _Group) -> bool:
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
    if group.defined or group.agentive > 0 or group.cued:
        return group.category != "other" or midsentence or group.agentive > 1
    if group.category == "acronym":
        return group.free >= FREQUENT_MENTIONS
    return group.category == "organisation" and group.free > 0


def _has_head(name: str) -> bool:
    return any(_key(word) in ORG_HEADS for word in name.split()[1:])


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


def _kind(group: _Group, name: str, sentences: Sequence[Sentence], places: Gazetteer) -> ActorKind:
    if group.category == "person":
        return ActorKind.person
    if group.category == "state":
        return ActorKind.state
    for mention in group.mentions:
        known = KNOWN_KINDS.get(_org_key(mention.text))
        if known is not None:
            return known
    if group.kind is not None:
        return group.kind
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
    nearby = (
        tokens[max(0, mention.first - 2) : mention.first] + tokens[mention.last : mention.last + 2]
    )
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
            key = form.casefold()
            fits = len(form) <= NAME_CHARS and len(aliases) < MAX_ALIASES
            if fits and key not in seen and key not in DEMONYMS and key not in PLURAL_DEMONYMS:
                seen.add(key)
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
        role=clip(role, PHRASE_CHARS) if role else None,
        evidence=[sentence.text],
    )


@lru_cache(maxsize=4096)
def _name_parts(name: str) -> tuple[str, str]:
    """A person's first and last name, case-folded. Two words are first and last name;
    longer names go to nameparser, which knows particles, suffixes and titles (it is slow,
    about half a millisecond a name, so it is kept for the names that need it)."""
    words = name.split()
    if len(words) == 2:
        return fold(words[0]), fold(words[1])
    parsed = HumanName(name)
    first = fold(str(parsed.first))
    last = fold(str(parsed.last))
    return first or last, last or first


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-folded, so "Erdogan" meets "Erdoğan"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _org_key(name: str) -> str:
    """The key organisations are grouped by: "the G-7" and "G7" are one."""
    words = fold(name).removeprefix("the ").split()
    key = " ".join("".join(char for char in word if char.isalnum()) for word in words)
    return ORG_ALIASES.get(key, key)


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
    significant = {w for w in long_words if w not in SMALL_WORDS}
    return set(short_words) <= significant and len(short_words) >= 2


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.casefold() not in SMALL_WORDS).upper()


def _letters(word: str) -> str:
    return "".join(char for char in word if char.isalnum()).upper()
