"""The digest: a briefing note rolled up from many briefs, each line linked to its article.

Pure functions over the briefs, in the order the items were given:

* top threats, most likely first on the ICD 203 scale;
* actors seen across articles, merged when they share a name or alias (names are compared
  with case, spacing and a leading "the" folded; an all-lowercase alias such as "police" or
  "the government" names too many different actors to merge on), unless that would make
  one actor of two that one brief keeps apart, of a person and something else, or of two
  people whose names disagree ("Usman Khan" and "Sadiq Khan", both "Khan");
* stances that conflict: the same (merged) actor, a similar topic (rapidfuzz's token-set
  ratio of at least 80 without stop words), in different articles, and different positions
  ("unclear" conflicts with nothing);
* the open uncertainties;
* what was dropped as a duplicate and what failed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from nameparser import HumanName
from pydantic import BaseModel, Field
from rapidfuzz import fuzz, process

from summarizer.batch.records import BatchError, Duplicate
from summarizer.brief import (
    ActorKind,
    Brief,
    Confidence,
    Evidence,
    Likelihood,
    Position,
    UncertaintyReason,
    name_key,
)
from summarizer.language import language_caveat

TOP_THREATS = 10
TOPIC_SIMILARITY = 80.0
_STOP_WORDS = {"a", "an", "the", "of", "on", "in", "to", "for", "and", "its", "their", "with"}
_LEADING_THE = re.compile(r"^the\s+")


class ArticleRef(BaseModel):
    id: str
    title: str | None = None
    url: str | None = None


class DigestThreat(BaseModel):
    source: str
    target: str
    description: str
    kind: str
    likelihood: Likelihood
    timeframe: str | None = None
    evidence: list[str] = Field(description="The verified quotes behind it.")
    article: ArticleRef


class DigestActor(BaseModel):
    name: str
    kind: ActorKind
    aliases: list[str]
    articles: list[ArticleRef]


class StanceView(BaseModel):
    actor: str = Field(description="The actor as that article names it.")
    topic: str
    position: Position
    summary: str
    evidence: list[str]
    article: ArticleRef


class StanceConflict(BaseModel):
    actor: str
    topic: str
    stances: list[StanceView]


class DigestUncertainty(BaseModel):
    claim: str
    reason: UncertaintyReason
    confidence: Confidence
    evidence: list[str]
    article: ArticleRef


class DigestCounts(BaseModel):
    articles: int
    partial: int = Field(description="Briefed from a feed summary, not the whole article.")
    other_language: int = Field(
        default=0, description="Briefed by an engine that does not read the article's language."
    )
    failed: int
    duplicates: int
    threats: int


class Digest(BaseModel):
    counts: DigestCounts
    articles: list[ArticleRef]
    top_threats: list[DigestThreat]
    actors: list[DigestActor]
    conflicts: list[StanceConflict]
    uncertainties: list[DigestUncertainty]
    duplicates: list[Duplicate]
    errors: list[BatchError]


def article_ref(item_id: str, brief: Brief) -> ArticleRef:
    return ArticleRef(id=item_id, title=brief.source.title, url=brief.source.url)


def verified_quotes(evidence: Iterable[Evidence]) -> list[str]:
    return [item.quote for item in evidence if item.verified]


def build_digest(
    briefs: Sequence[tuple[str, Brief]],
    *,
    duplicates: Sequence[Duplicate] = (),
    errors: Sequence[BatchError] = (),
    top_threats: int = TOP_THREATS,
) -> Digest:
    threats = rank_threats(briefs)
    groups = _ActorGroups(briefs)
    return Digest(
        counts=DigestCounts(
            articles=len(briefs),
            partial=sum(brief.source.partial for _, brief in briefs),
            other_language=sum(language_caveat(brief) is not None for _, brief in briefs),
            failed=len(errors),
            duplicates=len(duplicates),
            threats=len(threats),
        ),
        articles=[article_ref(item_id, brief) for item_id, brief in briefs],
        top_threats=threats[:top_threats],
        actors=merge_actors(groups, briefs),
        conflicts=find_conflicts(groups, briefs),
        uncertainties=[
            DigestUncertainty(
                claim=uncertainty.claim,
                reason=uncertainty.reason,
                confidence=uncertainty.confidence,
                evidence=verified_quotes(uncertainty.evidence),
                article=article_ref(item_id, brief),
            )
            for item_id, brief in briefs
            for uncertainty in brief.uncertainties
        ],
        duplicates=list(duplicates),
        errors=list(errors),
    )


def rank_threats(briefs: Sequence[tuple[str, Brief]]) -> list[DigestThreat]:
    """Every threat, most likely first; equally likely ones keep the articles' order."""
    threats = [
        DigestThreat(
            source=threat.source,
            target=threat.target,
            description=threat.description,
            kind=threat.kind,
            likelihood=threat.likelihood,
            timeframe=threat.timeframe,
            evidence=verified_quotes(threat.evidence),
            article=article_ref(item_id, brief),
        )
        for item_id, brief in briefs
        for threat in brief.threats
    ]
    return sorted(threats, key=lambda threat: -threat.likelihood.rank)


def actor_key(name: str) -> str:
    return _LEADING_THE.sub("", name_key(name))


def _merge_keys(name: str, aliases: Iterable[str]) -> set[str]:
    return {actor_key(name)} | {actor_key(alias) for alias in aliases if alias != alias.lower()}


@dataclass(slots=True)
class _Group:
    """What decides whether two groups of occurrences may be one actor."""

    articles: set[int]
    person: bool
    names: set[frozenset[str]]
    """A person's names as sets of words ("Sadiq Khan", "Khan"); empty for others."""


class _ActorGroups:
    """Union-find over (article, actor) occurrences that share a merge key, joining two
    groups only when they could be one actor: never two actors one brief keeps apart, a
    person and something else, or people whose names disagree."""

    def __init__(self, briefs: Sequence[tuple[str, Brief]]) -> None:
        self.occurrences = [
            (index, actor) for index, (_, brief) in enumerate(briefs) for actor in brief.actors
        ]
        self._parent = list(range(len(self.occurrences)))
        self._groups = [
            _Group(
                {index},
                actor.kind is ActorKind.person,
                {_name_parts(actor.name)} if actor.kind is ActorKind.person else set(),
            )
            for index, actor in self.occurrences
        ]
        holders: dict[str, list[int]] = {}
        self._by_name: dict[tuple[int, str], int] = {}
        for position, (index, actor) in enumerate(self.occurrences):
            for key in _merge_keys(actor.name, actor.aliases):
                roots = dict.fromkeys(self._find(earlier) for earlier in holders.get(key, []))
                for root in roots:
                    self._join(root, position)
                holders[key] = list(dict.fromkeys(self._find(p) for p in [*roots, position]))
            for form in (actor.name, *actor.aliases):
                self._by_name.setdefault((index, actor_key(form)), position)

    def _find(self, position: int) -> int:
        while self._parent[position] != position:
            self._parent[position] = self._parent[self._parent[position]]
            position = self._parent[position]
        return position

    def _join(self, left: int, right: int) -> None:
        low, high = sorted((self._find(left), self._find(right)))
        one, other = self._groups[low], self._groups[high]
        if low == high or one.articles & other.articles or one.person != other.person:
            return
        if not all(_names_agree(a, b) for a in one.names for b in other.names):
            return
        self._parent[high] = low
        one.articles |= other.articles
        one.names |= other.names

    def group_of(self, article_index: int, name: str) -> int | None:
        """The group of the actor an article calls ``name``."""
        position = self._by_name.get((article_index, actor_key(name)))
        return None if position is None else self._find(position)

    def groups(self) -> dict[int, list[int]]:
        members: dict[int, list[int]] = {}
        for position in range(len(self.occurrences)):
            members.setdefault(self._find(position), []).append(position)
        return members


def _names_agree(one: frozenset[str], other: frozenset[str]) -> bool:
    """Whether two people's names can be one person's: the shorter name's parts, without
    titles, are all in the longer ("Lam" and "Mrs Lam" in "Carrie Lam")."""
    shorter, longer = sorted((one, other), key=len)
    return shorter <= longer


@cache
def _name_parts(name: str) -> frozenset[str]:
    """The words of a person's name without titles; cached, as parsing a name is slow and a
    batch compares the same few names many times."""
    parsed = HumanName(name)
    parts = [parsed.first, parsed.middle, parsed.last] if parsed.last else [name]
    return frozenset(word for part in parts for word in actor_key(part).split())


def merge_actors(groups: _ActorGroups, briefs: Sequence[tuple[str, Brief]]) -> list[DigestActor]:
    """Actors merged across articles, those seen in the most articles first."""
    merged = [_merged_actor(groups, members, briefs) for members in groups.groups().values()]
    return sorted(merged, key=lambda actor: -len(actor.articles))


def _merged_actor(
    groups: _ActorGroups, members: list[int], briefs: Sequence[tuple[str, Brief]]
) -> DigestActor:
    actors = [groups.occurrences[position][1] for position in members]
    name = Counter(actor.name for actor in actors).most_common(1)[0][0]
    forms: dict[str, str] = {actor_key(name): name}
    for actor in actors:
        for form in (actor.name, *actor.aliases):
            forms.setdefault(actor_key(form), form)
    articles: dict[int, ArticleRef] = {}
    for position in members:
        index = groups.occurrences[position][0]
        articles.setdefault(index, article_ref(*briefs[index]))
    return DigestActor(
        name=name,
        kind=Counter(actor.kind for actor in actors).most_common(1)[0][0],
        aliases=[form for key, form in forms.items() if key != actor_key(name)],
        articles=list(articles.values()),
    )


def topic_words(topic: str) -> str:
    return " ".join(word for word in name_key(topic).split() if word not in _STOP_WORDS)


def find_conflicts(
    groups: _ActorGroups, briefs: Sequence[tuple[str, Brief]]
) -> list[StanceConflict]:
    members = groups.groups()
    by_actor: dict[int | str, list[tuple[int, StanceView]]] = {}
    for index, (item_id, brief) in enumerate(briefs):
        for stance in brief.stances:
            group = groups.group_of(index, stance.actor)
            view = StanceView(
                actor=stance.actor,
                topic=stance.topic,
                position=stance.position,
                summary=stance.summary,
                evidence=verified_quotes(stance.evidence),
                article=article_ref(item_id, brief),
            )
            by_actor.setdefault(actor_key(stance.actor) if group is None else group, []).append(
                (index, view)
            )
    conflicts = []
    for actor, views in by_actor.items():
        for cluster in _topic_clusters(views):
            if _conflicting(cluster):
                conflicts.append(
                    StanceConflict(
                        actor=_merged_actor(groups, members[actor], briefs).name
                        if isinstance(actor, int)
                        else cluster[0][1].actor,
                        topic=cluster[0][1].topic,
                        stances=[view for _, view in cluster],
                    )
                )
    return conflicts


def _topic_clusters(views: list[tuple[int, StanceView]]) -> list[list[tuple[int, StanceView]]]:
    """Stances grouped by topic: each joins the first group whose first topic is similar."""
    clusters: list[list[tuple[int, StanceView]]] = []
    leaders: list[str] = []
    for index, view in views:
        words = topic_words(view.topic)
        match = process.extractOne(
            words, leaders, scorer=fuzz.token_set_ratio, score_cutoff=TOPIC_SIMILARITY
        )
        if match is None:
            leaders.append(words)
            clusters.append([(index, view)])
        else:
            clusters[match[2]].append((index, view))
    return clusters


def _conflicting(cluster: list[tuple[int, StanceView]]) -> bool:
    """Two articles give the actor different (known) positions on the topic.

    With two positions and two articles among the known stances, some pair of stances from
    different articles always differs, so counting both is enough.
    """
    known = [(index, view.position) for index, view in cluster if view.position != Position.unclear]
    return len({position for _, position in known}) > 1 and len({index for index, _ in known}) > 1
