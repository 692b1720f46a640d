"""What an eval produces, as Pydantic models: per-document scores, per-split metrics, gate
results and the whole report. ``report.json`` is ``EvalReport`` serialised, and
``--baseline`` and ``--compare`` read it back through the same model."""

from __future__ import annotations

import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from summarizer.eval.config import MatchThresholds
from summarizer.eval.manifest import Split

REPORT_VERSION = 1


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Tally(_Model):
    hits: int = 0
    total: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(hits=self.hits + other.hits, total=self.total + other.total)


class MatchedItem(_Model):
    predicted: str
    gold: str
    similarity: float
    optional: bool = False
    evidence_hit: bool | None = Field(
        default=None,
        description="A verified quote overlaps a gold support quote; None: no support.",
    )


QUOTE_LOST = "quote"
"""Loss stage of a missed gold item whose support no prediction quotes."""
TAKEN = "taken"
"""Loss stage of a missed gold item whose prediction passed every check and was paired with
another gold item."""


class FieldScore(_Model):
    """One field (actors, stances, ...) of one document.

    ``tp`` counts matches to required gold items only; predictions matched to optional
    items are neither true nor false positives.
    """

    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float
    evidence: Tally = Field(default_factory=Tally)
    checks: dict[str, Tally] = Field(
        default_factory=dict, description="Attribute agreement over matched pairs, e.g. kind."
    )
    matched: list[MatchedItem] = Field(default_factory=list)
    missed: list[str] = Field(default_factory=list, description="Required gold items not found.")
    spurious: list[str] = Field(default_factory=list, description="Predictions matching nothing.")
    missed_at: list[str] = Field(
        default_factory=list,
        description='Where each missed item was lost, in the order of missed: "quote" (no '
        "prediction quotes its support), the first match check no prediction on its quote "
        'passes (e.g. "actor"), or "taken" (one passed every check and was paired with another '
        "item). Empty for a field without loss stages (actors).",
    )
    losses: dict[str, int] = Field(
        default_factory=dict, description="How many missed items were lost at each stage."
    )

    @property
    def vacuous(self) -> bool:
        """Nothing to find and nothing counted: says nothing about quality."""
        return self.tp + self.fp + self.fn == 0


class TextScore(_Model):
    rouge_l: float | None = Field(description="ROUGE-L F-measure; None when gold has no text.")
    predicted: str | None = None
    gold: str | None = None


class TokenCounts(_Model):
    prompt: int = 0
    completion: int = 0
    total: int = 0

    def __add__(self, other: TokenCounts) -> TokenCounts:
        return TokenCounts(
            prompt=self.prompt + other.prompt,
            completion=self.completion + other.completion,
            total=self.total + other.total,
        )


class DocumentResult(_Model):
    id: str
    split: Split
    valid: bool = Field(description="A brief was produced and validated against the schema.")
    error: str | None = None
    warnings: list[str] = Field(default_factory=list)
    fields: dict[str, FieldScore]
    texts: dict[str, TextScore]
    grounding: Tally = Field(default_factory=Tally, description="Verified quotes of all quotes.")
    tokens: TokenCounts = Field(default_factory=TokenCounts)
    cost_usd: float | None = Field(default=None, description="None when the price is unknown.")
    latency_ms: float | None = None


class FieldMetrics(_Model):
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float
    macro_precision: float
    macro_recall: float
    macro_f1: float
    evidence_accuracy: float | None
    checks: dict[str, float | None] = Field(default_factory=dict)
    losses: dict[str, int] = Field(
        default_factory=dict, description="Missed required gold items by where they were lost."
    )


class LatencyStats(_Model):
    mean_ms: float | None = None
    p50_ms: float | None = None
    p95_ms: float | None = None
    max_ms: float | None = None


class SplitMetrics(_Model):
    documents: int
    valid: int
    schema_valid_rate: float
    grounding_rate: float
    evidence_accuracy: float | None
    fields: dict[str, FieldMetrics]
    texts: dict[str, float | None] = Field(description="Mean ROUGE-L per text field.")
    tokens: TokenCounts
    cost_usd: float | None
    latency: LatencyStats


class GateStatus(StrEnum):
    passed = "passed"
    failed = "failed"
    skipped = "skipped"


class GateResult(_Model):
    split: Split
    metric: str = Field(description="field.metric, e.g. actors.f1")
    threshold: float
    value: float | None
    status: GateStatus
    origin: str = Field(description="Where the gate came from: a file, --fail-under, --baseline.")
    per_document: bool = Field(
        default=True, description="Also applied to each document's own score (JUnit)."
    )

    @property
    def key(self) -> str:
        return f"{self.split}.{self.metric}"


class RunInfo(_Model):
    created: datetime.datetime
    suite: str
    split: str
    engine: str | None = None
    model: str | None = None
    prompt_version: str | None = None
    predictions: str | None = Field(default=None, description="Directory of scored briefs.")
    thresholds: MatchThresholds


class EvalReport(_Model):
    report_version: int = Field(
        default=REPORT_VERSION,
        ge=1,
        le=REPORT_VERSION,
        description="The layout of this file; a later one is refused, not misread.",
    )
    run: RunInfo
    splits: dict[Split, SplitMetrics]
    gap: dict[str, float] = Field(default_factory=dict, description="dev minus test, per metric.")
    gates: list[GateResult] = Field(default_factory=list)
    documents: list[DocumentResult]
