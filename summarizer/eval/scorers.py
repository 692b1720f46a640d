"""Scorers: one per field of the brief, each comparing one prediction with one gold brief.

A scorer is a named callable from a ``Case`` to a ``FieldScore`` that declares the
attribute checks it reports (as inspect_ai's scorers declare their metrics); the gate keys
are built from those declarations. Matching rules (thresholds in ``config``):

* actors: name or alias against name or alias (``matching.name_similarity``), paired one
  to one;
* stances: the same actor, the same position, and a similar topic;
* threats: the same source actor, the same target (a matched actor, or similar text), and
  a similar description;
* uncertainties: a similar claim; the reason is checked over matched pairs.

"The same actor" uses the actor pairing when the predicted name belongs to a matched
predicted actor, and name similarity otherwise. Every matched pair whose gold item has
support also scores evidence: a hit when one of the prediction's verified quotes overlaps
a gold support quote in the article.

Each missed required gold item is also counted by where it was lost (``losses``): no
prediction quotes its support (``quote``); or predictions do, but none of them passes the
field's next check (``actor``, ``position``, ``topic``; ``source``, ``target``,
``description``; ``claim``); or one passes them all and was paired with another gold item
(``taken``). Totals of these say which step of an engine loses most on a split, without
anyone reading the split's items.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

import numpy as np
from pydantic import BaseModel

from summarizer.brief import Actor, Brief, Evidence, Stance, Threat, Uncertainty
from summarizer.eval.config import MatchThresholds
from summarizer.eval.gold import GoldActor, GoldBrief, GoldStance, GoldThreat, GoldUncertainty
from summarizer.eval.matching import (
    Pair,
    assign_required_first,
    name_similarity,
    name_similarity_matrix,
    normalize_name,
    normalize_text,
    text_closeness_matrix,
    text_similarity,
    text_similarity_matrix,
)
from summarizer.eval.metrics import precision_recall_f1
from summarizer.eval.results import QUOTE_LOST, TAKEN, FieldScore, MatchedItem, Tally, TextScore
from summarizer.eval.rouge import score_text

ItemT = TypeVar("ItemT", bound=BaseModel)


def _canonical(items: Sequence[ItemT]) -> list[ItemT]:
    """Items in a fixed order, so that the order a brief lists them in never changes a score."""
    if len(items) < 2:
        return list(items)
    return sorted(items, key=lambda item: item.model_dump_json())


class Case:
    """One prediction (``None`` when no valid brief was produced) against one gold brief."""

    def __init__(
        self,
        prediction: Brief | None,
        gold: GoldBrief,
        text: str,
        thresholds: MatchThresholds | None = None,
    ) -> None:
        self.prediction = prediction
        self.gold = gold
        self.text = text
        self.thresholds = thresholds or MatchThresholds()
        brief = prediction
        self.actors: list[Actor] = _canonical(brief.actors) if brief else []
        self.stances: list[Stance] = _canonical(brief.stances) if brief else []
        self.threats: list[Threat] = _canonical(brief.threats) if brief else []
        self.uncertainties: list[Uncertainty] = _canonical(brief.uncertainties) if brief else []
        self.gold_actors: list[GoldActor] = _canonical(gold.actors)
        self.gold_stances: list[GoldStance] = _canonical(gold.stances)
        self.gold_threats: list[GoldThreat] = _canonical(gold.threats)
        self.gold_uncertainties: list[GoldUncertainty] = _canonical(gold.uncertainties)
        self._same_actor: dict[tuple[str, str], bool] = {}

    @cached_property
    def actor_forms(self) -> list[list[str]]:
        return [_forms([actor.name, *actor.aliases]) for actor in self.actors]

    @cached_property
    def gold_actor_forms(self) -> list[list[str]]:
        return [_forms(actor.names) for actor in self.gold_actors]

    @cached_property
    def actor_pairs(self) -> list[Pair]:
        similarity = name_similarity_matrix(self.actor_forms, self.gold_actor_forms)
        optional = [actor.optional for actor in self.gold_actors]
        return assign_required_first(similarity, optional, self.thresholds.name)

    @cached_property
    def _assigned(self) -> dict[str, set[int]]:
        """Normalised predicted name or alias to the gold actors its actors were paired with."""
        assigned: dict[str, set[int]] = {}
        for pair in self.actor_pairs:
            for form in self.actor_forms[pair.predicted]:
                assigned.setdefault(form, set()).add(pair.gold)
        return assigned

    @cached_property
    def _gold_named(self) -> dict[str, set[int]]:
        named: dict[str, set[int]] = {}
        for index, forms in enumerate(self.gold_actor_forms):
            for form in forms:
                named.setdefault(form, set()).add(index)
        return named

    def same_actor(self, predicted: str, gold: str) -> bool:
        """Whether a predicted and a gold reference (stance actor, threat source) agree."""
        cached = self._same_actor.get((predicted, gold))
        if cached is None:
            assigned = self._assigned.get(normalize_name(predicted))
            if assigned:
                cached = bool(assigned & self._gold_named.get(normalize_name(gold), set()))
            else:
                similarity = name_similarity(
                    _forms_of(predicted, self.actor_forms), _forms_of(gold, self.gold_actor_forms)
                )
                cached = similarity >= self.thresholds.name
            self._same_actor[(predicted, gold)] = cached
        return cached

    def same_target(self, predicted: str, gold: str) -> bool:
        assigned = self._assigned.get(normalize_name(predicted), set())
        if assigned & self._gold_named.get(normalize_name(gold), set()):
            return True
        similarity = text_similarity(normalize_text(predicted), normalize_text(gold))
        return similarity >= self.thresholds.target

    def support_spans(self, quotes: Sequence[str]) -> list[tuple[int, int]]:
        spans = []
        for quote in quotes:
            start = self.text.find(quote)
            while start >= 0:
                spans.append((start, start + len(quote)))
                start = self.text.find(quote, start + 1)
        return spans


def _forms(names: Sequence[str]) -> list[str]:
    """Distinct normalised names; a name that normalises to nothing stays as written."""
    return list(dict.fromkeys(normalize_name(name) or name.casefold() for name in names))


def _forms_of(name: str, actor_forms: Sequence[Sequence[str]]) -> list[str]:
    """A name with every name and alias of the actors it names."""
    key = normalize_name(name) or name.casefold()
    forms = {key}
    for names in actor_forms:
        if key in names:
            forms.update(names)
    return sorted(forms)


def _overlaps(evidence: Sequence[Evidence], spans: Sequence[tuple[int, int]]) -> bool:
    return any(
        item.verified and item.start is not None and item.end is not None
        and item.start < end and start < item.end
        for item in evidence
        for start, end in spans
    )  # fmt: skip


PredictedT = TypeVar("PredictedT", Actor, Stance, Threat, Uncertainty)
GoldT = TypeVar("GoldT", GoldActor, GoldStance, GoldThreat, GoldUncertainty)


Stages = Sequence[tuple[str, Callable[[PredictedT, GoldT], bool]]]
"""A field's match conditions in the order they are checked, each named for its loss stage."""


def _lost_at(
    case: Case, predicted: Sequence[PredictedT], theirs: GoldT, stages: Stages[PredictedT, GoldT]
) -> str:
    """Where a missed gold item was lost: the first stage no prediction on its quote passes."""
    spans = case.support_spans(theirs.support)
    candidates = [mine for mine in predicted if _overlaps(mine.evidence, spans)]
    if not candidates:
        return QUOTE_LOST
    for stage, agrees in stages:
        candidates = [mine for mine in candidates if agrees(mine, theirs)]
        if not candidates:
            return stage
    return TAKEN


def _field_score(
    case: Case,
    pairs: list[Pair],
    predicted: Sequence[PredictedT],
    gold: Sequence[GoldT],
    label: Callable[[PredictedT | GoldT], str],
    checks: Mapping[str, Callable[[PredictedT, GoldT], bool]] | None = None,
    stages: Stages[PredictedT, GoldT] = (),
) -> FieldScore:
    checks = checks or {}
    tp = sum(not gold[pair.gold].optional for pair in pairs)
    matched_gold = {pair.gold for pair in pairs}
    matched_predicted = {pair.predicted for pair in pairs}
    lost = [item for i, item in enumerate(gold) if not item.optional and i not in matched_gold]
    missed = [label(item) for item in lost]
    missed_at = [_lost_at(case, predicted, item, stages) for item in lost] if stages else []
    losses: dict[str, int] = {}
    if stages:
        losses = dict.fromkeys([QUOTE_LOST, *(stage for stage, _ in stages), TAKEN], 0)
        for stage in missed_at:
            losses[stage] += 1
    evidence_hits = evidence_total = 0
    check_hits = dict.fromkeys(checks, 0)
    matched = []
    for pair in sorted(pairs, key=lambda pair: pair.gold):
        mine, theirs = predicted[pair.predicted], gold[pair.gold]
        hit: bool | None = None
        if theirs.support:
            hit = _overlaps(mine.evidence, case.support_spans(theirs.support))
            evidence_hits += hit
            evidence_total += 1
        for name, check in checks.items():
            check_hits[name] += check(mine, theirs)
        matched.append(
            MatchedItem(
                predicted=label(mine),
                gold=label(theirs),
                similarity=round(pair.similarity, 2),
                optional=theirs.optional,
                evidence_hit=hit,
            )
        )
    fp = len(predicted) - len(pairs)
    precision, recall, f1 = precision_recall_f1(tp, fp, len(missed))
    return FieldScore(
        tp=tp,
        fp=fp,
        fn=len(missed),
        precision=precision,
        recall=recall,
        f1=f1,
        evidence=Tally(hits=evidence_hits, total=evidence_total),
        checks={name: Tally(hits=hits, total=len(pairs)) for name, hits in check_hits.items()},
        matched=matched,
        missed=missed,
        missed_at=missed_at,
        spurious=[label(item) for i, item in enumerate(predicted) if i not in matched_predicted],
        losses=losses,
    )


def label_actor(item: Actor | GoldActor) -> str:
    return item.name


def label_stance(item: Stance | GoldStance) -> str:
    return f"{item.actor} {item.position.value} {item.topic}"


def label_threat(item: Threat | GoldThreat) -> str:
    return f"{item.source} → {item.target}: {item.description}"


def label_uncertainty(item: Uncertainty | GoldUncertainty) -> str:
    return f"{item.claim} ({item.reason.value})"


def _same_kind(mine: Actor, theirs: GoldActor) -> bool:
    return mine.kind is theirs.kind


def _same_reason(mine: Uncertainty, theirs: GoldUncertainty) -> bool:
    return mine.reason is theirs.reason


def score_actors(case: Case) -> FieldScore:
    return _field_score(
        case, case.actor_pairs, case.actors, case.gold_actors, label_actor, {"kind": _same_kind}
    )


def _similar(predicted: str, gold: str, threshold: float) -> bool:
    return text_similarity(normalize_text(predicted), normalize_text(gold)) >= threshold


_EXCLUDED = -1.0
"""Similarity of a pair ruled out before comparing text; below any threshold (all are >= 0)."""


def _pair_by_text(
    predicted: Sequence[str],
    gold: Sequence[str],
    optional: Sequence[bool],
    threshold: float,
    agree: Callable[[int, int], bool] | None = None,
) -> list[Pair]:
    """Pairs by text similarity, among the (predicted, gold) index pairs that ``agree``."""
    left = [normalize_text(text) for text in predicted]
    right = [normalize_text(text) for text in gold]
    similarity = text_similarity_matrix(left, right)
    candidates = similarity >= threshold
    if agree is not None:
        for i, j in zip(*np.nonzero(candidates), strict=True):
            if not agree(int(i), int(j)):
                similarity[i, j] = _EXCLUDED
                candidates[i, j] = False
    if not candidates.any():
        return []
    return assign_required_first(
        similarity, optional, threshold, text_closeness_matrix(left, right)
    )


def score_stances(case: Case) -> FieldScore:
    predicted, gold = case.stances, case.gold_stances

    def agree(i: int, j: int) -> bool:
        return predicted[i].position is gold[j].position and case.same_actor(
            predicted[i].actor, gold[j].actor
        )

    pairs = _pair_by_text(
        [stance.topic for stance in predicted],
        [stance.topic for stance in gold],
        [stance.optional for stance in gold],
        case.thresholds.topic,
        agree,
    )
    stages: Stages[Stance, GoldStance] = (
        ("actor", lambda mine, theirs: case.same_actor(mine.actor, theirs.actor)),
        ("position", lambda mine, theirs: mine.position is theirs.position),
        ("topic", lambda mine, theirs: _similar(mine.topic, theirs.topic, case.thresholds.topic)),
    )
    return _field_score(case, pairs, predicted, gold, label_stance, stages=stages)


def score_threats(case: Case) -> FieldScore:
    predicted, gold = case.threats, case.gold_threats

    def agree(i: int, j: int) -> bool:
        return case.same_actor(predicted[i].source, gold[j].source) and case.same_target(
            predicted[i].target, gold[j].target
        )

    pairs = _pair_by_text(
        [threat.description for threat in predicted],
        [threat.description for threat in gold],
        [threat.optional for threat in gold],
        case.thresholds.description,
        agree,
    )
    threshold = case.thresholds.description
    stages: Stages[Threat, GoldThreat] = (
        ("source", lambda mine, theirs: case.same_actor(mine.source, theirs.source)),
        ("target", lambda mine, theirs: case.same_target(mine.target, theirs.target)),
        ("description", lambda mine, theirs: _similar(mine.description, theirs.description,
                                                       threshold)),
    )  # fmt: skip
    return _field_score(case, pairs, predicted, gold, label_threat, stages=stages)


def score_uncertainties(case: Case) -> FieldScore:
    predicted, gold = case.uncertainties, case.gold_uncertainties
    pairs = _pair_by_text(
        [item.claim for item in predicted],
        [item.claim for item in gold],
        [item.optional for item in gold],
        case.thresholds.claim,
    )
    checks = {"reason": _same_reason}
    threshold = case.thresholds.claim
    stages: Stages[Uncertainty, GoldUncertainty] = (
        ("claim", lambda mine, theirs: _similar(mine.claim, theirs.claim, threshold)),
    )
    return _field_score(case, pairs, predicted, gold, label_uncertainty, checks, stages)


@dataclass(frozen=True)
class Scorer:
    """A field's scorer and the attribute checks it reports (``<check>_accuracy`` metrics)."""

    name: str
    score: Callable[[Case], FieldScore]
    checks: tuple[str, ...] = ()


SCORERS: tuple[Scorer, ...] = (
    Scorer("actors", score_actors, ("kind",)),
    Scorer("stances", score_stances),
    Scorer("threats", score_threats),
    Scorer("uncertainties", score_uncertainties, ("reason",)),
)
FIELDS = tuple(scorer.name for scorer in SCORERS)
TEXT_FIELDS = ("bluf", "summary")


def score_case(case: Case) -> tuple[dict[str, FieldScore], dict[str, TextScore]]:
    """Every field and text score of one case."""
    fields = {scorer.name: scorer.score(case) for scorer in SCORERS}
    brief = case.prediction
    texts = {
        "bluf": score_text(brief.bluf if brief else None, case.gold.bluf),
        "summary": score_text(brief.summary if brief else None, case.gold.summary),
    }
    return fields, texts
