"""Metrics: pure functions from per-document scores to suite numbers.

Conventions, chosen so that an empty prediction against an empty gold field is perfect
and every number stays defined:

* precision = tp / (tp + fp) and recall = tp / (tp + fn), each 1.0 when its denominator is
  0 (nothing to get wrong); F1 is their harmonic mean, 0.0 when either is 0.
* micro: computed from counts summed over the documents; macro: the mean of per-document
  values over the documents where the field is not vacuous (something to find or something
  predicted); 1.0 when every document is vacuous.
* accuracies (evidence, kind, reason) are hits over matched pairs, ``None`` when there is
  no pair to judge. ROUGE-L is the mean over documents whose gold has that text.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from summarizer.eval.results import (
    DocumentResult,
    FieldMetrics,
    FieldScore,
    LatencyStats,
    SplitMetrics,
    Tally,
    TokenCounts,
)


def ratio(hits: int, total: int) -> float:
    return 1.0 if total == 0 else hits / total


def accuracy(tally: Tally) -> float | None:
    return None if tally.total == 0 else tally.hits / tally.total


def f1_score(precision: float, recall: float) -> float:
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def precision_recall_f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = ratio(tp, tp + fp)
    recall = ratio(tp, tp + fn)
    return precision, recall, f1_score(precision, recall)


def mean(values: Sequence[float]) -> float | None:
    return None if not values else float(np.mean(values))


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (numpy's default); ``None`` for no values."""
    return None if not values else float(np.percentile(values, q))


def field_metrics(scores: Sequence[FieldScore]) -> FieldMetrics:
    tp = sum(score.tp for score in scores)
    fp = sum(score.fp for score in scores)
    fn = sum(score.fn for score in scores)
    precision, recall, f1 = precision_recall_f1(tp, fp, fn)
    counted = [score for score in scores if not score.vacuous]
    evidence = sum((score.evidence for score in scores), Tally())
    checks: dict[str, Tally] = {}
    losses: dict[str, int] = {}
    for score in scores:
        for name, tally in score.checks.items():
            checks[name] = checks.get(name, Tally()) + tally
        for stage, count in score.losses.items():
            losses[stage] = losses.get(stage, 0) + count
    return FieldMetrics(
        tp=tp,
        fp=fp,
        fn=fn,
        precision=precision,
        recall=recall,
        f1=f1,
        macro_precision=_macro([score.precision for score in counted]),
        macro_recall=_macro([score.recall for score in counted]),
        macro_f1=_macro([score.f1 for score in counted]),
        evidence_accuracy=accuracy(evidence),
        checks={name: accuracy(tally) for name, tally in checks.items()},
        losses=losses,
    )


def _macro(values: list[float]) -> float:
    return 1.0 if not values else float(np.mean(values))


def split_metrics(documents: Sequence[DocumentResult]) -> SplitMetrics:
    valid = [document for document in documents if document.valid]
    field_names = list(dict.fromkeys(name for doc in documents for name in doc.fields))
    text_names = list(dict.fromkeys(name for doc in documents for name in doc.texts))
    fields = {
        name: field_metrics([doc.fields[name] for doc in documents if name in doc.fields])
        for name in field_names
    }
    evidence = sum((score.evidence for doc in documents for score in doc.fields.values()), Tally())
    grounding = sum((doc.grounding for doc in valid), Tally())
    costs = [doc.cost_usd for doc in documents if doc.cost_usd is not None]
    latencies = [doc.latency_ms for doc in documents if doc.latency_ms is not None]
    return SplitMetrics(
        documents=len(documents),
        valid=len(valid),
        schema_valid_rate=ratio(len(valid), len(documents)),
        grounding_rate=ratio(grounding.hits, grounding.total),
        evidence_accuracy=accuracy(evidence),
        fields=fields,
        texts={name: _mean_text(documents, name) for name in text_names},
        tokens=sum((doc.tokens for doc in documents), TokenCounts()),
        cost_usd=sum(costs) if costs else None,
        latency=LatencyStats(
            mean_ms=mean(latencies),
            p50_ms=percentile(latencies, 50),
            p95_ms=percentile(latencies, 95),
            max_ms=max(latencies) if latencies else None,
        ),
    )


def _mean_text(documents: Sequence[DocumentResult], name: str) -> float | None:
    values = [
        score.rouge_l
        for doc in documents
        if (score := doc.texts.get(name)) is not None and score.rouge_l is not None
    ]
    return mean(values)


def metric_values(split: SplitMetrics) -> dict[str, float | None]:
    """Every quality metric of a split under its gate key (``field.metric``); higher is better."""
    values: dict[str, float | None] = {}
    for name, field in split.fields.items():
        values.update(
            {
                f"{name}.precision": field.precision,
                f"{name}.recall": field.recall,
                f"{name}.f1": field.f1,
                f"{name}.macro_precision": field.macro_precision,
                f"{name}.macro_recall": field.macro_recall,
                f"{name}.macro_f1": field.macro_f1,
                f"{name}.evidence_accuracy": field.evidence_accuracy,
            }
        )
        values.update({f"{name}.{check}_accuracy": v for check, v in field.checks.items()})
    values.update({f"{name}.rouge_l": value for name, value in split.texts.items()})
    values["brief.schema_valid_rate"] = split.schema_valid_rate
    values["brief.grounding_rate"] = split.grounding_rate
    values["brief.evidence_accuracy"] = split.evidence_accuracy
    return values


def usage_values(split: SplitMetrics) -> dict[str, float | None]:
    """Cost, tokens and latency of a split: reported and compared, never gated."""
    return {
        "usage.tokens": float(split.tokens.total),
        "usage.cost_usd": split.cost_usd,
        "usage.latency_mean_ms": split.latency.mean_ms,
        "usage.latency_p95_ms": split.latency.p95_ms,
    }


def document_values(document: DocumentResult) -> dict[str, float | None]:
    """One document's own values under the same keys; micro and macro coincide here."""
    values: dict[str, float | None] = {}
    for name, score in document.fields.items():
        for prefix in ("", "macro_"):
            values[f"{name}.{prefix}precision"] = score.precision
            values[f"{name}.{prefix}recall"] = score.recall
            values[f"{name}.{prefix}f1"] = score.f1
        values[f"{name}.evidence_accuracy"] = accuracy(score.evidence)
        values.update(
            {f"{name}.{check}_accuracy": accuracy(t) for check, t in score.checks.items()}
        )
    values.update({f"{name}.rouge_l": score.rouge_l for name, score in document.texts.items()})
    values["brief.schema_valid_rate"] = 1.0 if document.valid else 0.0
    values["brief.grounding_rate"] = ratio(document.grounding.hits, document.grounding.total)
    evidence = sum((score.evidence for score in document.fields.values()), Tally())
    values["brief.evidence_accuracy"] = accuracy(evidence)
    return values


def dev_test_gap(dev: SplitMetrics, test: SplitMetrics) -> dict[str, float]:
    """dev minus test for every metric both splits have: how much tuning overfits dev."""
    test_values = metric_values(test)
    return {
        key: round(value - other, 6)
        for key, value in metric_values(dev).items()
        if value is not None and (other := test_values.get(key)) is not None
    }
