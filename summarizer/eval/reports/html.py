"""``report.html`` and ``compare.html``: the eval as a person reads it in a browser.

The report draws per-field precision, recall and F1 as SVG bars, lists the documents worst
first, and for each document puts the gold and predicted items side by side (matched,
missed, spurious) beside the article, with the brief's verified quotes filled by field and
the gold support quotes underlined. ``report.json`` keeps labels, not quotes, so the
articles, gold briefs and predicted briefs come in as ``DocumentSource``; a document
without one is shown from its scores alone. Both pages are self-contained (``html_page``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Any

from markupsafe import Markup

from summarizer.brief import Brief
from summarizer.eval.gold import GoldBrief
from summarizer.eval.metrics import mean
from summarizer.eval.reports._format import (
    LOSS_HEADER,
    LOSS_NOTE,
    loss_label,
    loss_rows,
    missed_with_stages,
    number,
    signed,
)
from summarizer.eval.reports.chart import Bar, BarGroup, bar_chart
from summarizer.eval.reports.compare import Change, Comparison
from summarizer.eval.results import (
    DocumentResult,
    EvalReport,
    FieldMetrics,
    FieldScore,
    MatchedItem,
)
from summarizer.eval.scorers import (
    label_actor,
    label_stance,
    label_threat,
    label_uncertainty,
)
from summarizer.highlight import AnnotatedText, Citation, annotate
from summarizer.html_page import GOLD, render_page
from summarizer.render_html import FIELDS, brief_citations, field_items, same_text

# The scorers' own labels, so an entry of FieldScore.matched/missed/spurious can be traced
# back to the item it names, and from there to its quotes.
_LABELS: dict[str, Callable[[Any], str]] = {
    "actors": label_actor,
    "stances": label_stance,
    "threats": label_threat,
    "uncertainties": label_uncertainty,
}
_SAME = 1e-9
SCORE_METRICS = ("precision", "recall", "f1", "evidence_accuracy")


@dataclass(frozen=True)
class DocumentSource:
    """What ``report.json`` does not hold: the article text, its gold brief, and the brief
    that was scored (``None`` when there was no valid one)."""

    text: str
    gold: GoldBrief
    brief: Brief | None


@dataclass(frozen=True)
class Entry:
    """One cell of a side-by-side table: the labels shown and the items they stand for."""

    predicted: str | None = None
    gold: str | None = None
    predicted_key: str | None = None
    gold_key: str | None = None
    spans: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class FieldView:
    name: str
    score: FieldScore
    rows: list[tuple[Entry | None, Entry | None, Entry | None]]


@dataclass(frozen=True)
class DocumentView:
    anchor: str
    result: DocumentResult
    mean_f1: float | None
    fields: list[FieldView]
    article: AnnotatedText | None = None
    labels: dict[str, str] = field(default_factory=dict)
    text_differs: bool = False


def mean_f1(document: DocumentResult) -> float | None:
    """Mean F1 over the fields with something to find or predicted; ``None`` if none has."""
    return mean([score.f1 for score in document.fields.values() if not score.vacuous])


def worst_first(documents: Sequence[DocumentResult]) -> list[DocumentResult]:
    """Invalid briefs first, then by mean F1 ascending (vacuous documents count as perfect)."""
    return sorted(
        documents,
        key=lambda doc: (doc.valid, 1.0 if (f1 := mean_f1(doc)) is None else f1, doc.id),
    )


class _Index:
    """Items by their scorer label, handed out once each so duplicate labels map in turn."""

    def __init__(self, labels: Sequence[str], prefix: str) -> None:
        self._free: dict[str, list[str]] = {}
        for index, label in enumerate(labels):
            self._free.setdefault(label, []).append(f"{prefix}-{index}")

    def take(self, label: str) -> str | None:
        keys = self._free.get(label)
        return keys.pop(0) if keys else None


def _gold_citations(gold: GoldBrief, text: str, prefix: str) -> list[Citation]:
    citations = []
    for name, items in gold.items().items():
        for index, item in enumerate(items):
            for quote in item.support:
                start = text.find(quote)
                while start >= 0:
                    citations.append(
                        Citation(f"{prefix}{name}-{index}", GOLD, start, start + len(quote))
                    )
                    start = text.find(quote, start + 1)
    return citations


def _matched_notes(item: MatchedItem) -> tuple[str, ...]:
    notes = [f"similarity {item.similarity:g}"]
    if item.optional:
        notes.append("optional")
    if item.evidence_hit is True:
        notes.append("evidence hits")
    elif item.evidence_hit is False:
        notes.append("evidence misses")
    return tuple(notes)


def document_view(
    anchor: str, document: DocumentResult, source: DocumentSource | None
) -> DocumentView:
    f1 = mean_f1(document)
    if source is None:
        fields = [
            _field_view(name, score, _Index([], ""), _Index([], ""), {})
            for name, score in document.fields.items()
        ]
        return DocumentView(anchor, document, f1, fields)
    predicted_prefix, gold_prefix = f"{anchor}-p-", f"{anchor}-g-"
    brief = source.brief
    differs = brief is not None and not same_text(brief, source.text)
    citations = _gold_citations(source.gold, source.text, gold_prefix)
    if brief is not None and not differs:
        citations = brief_citations(brief, prefix=predicted_prefix) + citations
    article = annotate(source.text, citations, prefix=f"{anchor}-")
    predicted_items = field_items(brief) if brief is not None else {}
    gold_items = source.gold.items()
    labels: dict[str, str] = {}
    fields = []
    for name, score in document.fields.items():
        label = _LABELS[name]
        singular = FIELDS[name].lower()
        mine = [label(item) for item in predicted_items.get(name, [])]
        theirs = [label(item) for item in gold_items.get(name, [])]
        labels.update(
            {
                f"{predicted_prefix}{name}-{i}": f"Predicted {singular}: {t}"
                for i, t in enumerate(mine)
            }
        )
        labels.update(
            {f"{gold_prefix}{name}-{i}": f"Gold {singular}: {t}" for i, t in enumerate(theirs)}
        )
        fields.append(
            _field_view(
                name,
                score,
                _Index(mine, f"{predicted_prefix}{name}"),
                _Index(theirs, f"{gold_prefix}{name}"),
                article.spans_of,
            )
        )
    return DocumentView(anchor, document, f1, fields, article, labels, differs)


def _field_view(
    name: str,
    score: FieldScore,
    predicted: _Index,
    gold: _Index,
    spans_of: Mapping[str, list[str]],
) -> FieldView:
    def entry(
        predicted_label: str | None, gold_label: str | None, notes: tuple[str, ...] = ()
    ) -> Entry:
        predicted_key = predicted.take(predicted_label) if predicted_label is not None else None
        gold_key = gold.take(gold_label) if gold_label is not None else None
        spans = [span for key in (predicted_key, gold_key) if key for span in spans_of.get(key, [])]
        return Entry(
            predicted_label,
            gold_label,
            predicted_key,
            gold_key,
            " ".join(dict.fromkeys(spans)),
            notes,
        )

    matched = [entry(item.predicted, item.gold, _matched_notes(item)) for item in score.matched]
    missed = [
        entry(None, label, (loss_label(stage),) if stage else ())
        for label, stage in missed_with_stages(score)
    ]
    spurious = [entry(label, None) for label in score.spurious]
    rows = list(zip_longest(matched, missed, spurious))
    return FieldView(name, score, rows)


def _score_groups(fields: Mapping[str, FieldMetrics]) -> list[BarGroup]:
    return [
        BarGroup(
            name,
            (
                Bar("precision", scores.precision),
                Bar("recall", scores.recall),
                Bar("f1", scores.f1),
            ),
        )
        for name, scores in fields.items()
    ]


def html_report(report: EvalReport, sources: Mapping[str, DocumentSource] | None = None) -> str:
    """The whole eval as one self-contained HTML page."""
    sources = sources or {}
    order = {doc.id: index for index, doc in enumerate(report.documents)}
    ranked = worst_first(report.documents)
    documents = [document_view(f"d{order[doc.id]}", doc, sources.get(doc.id)) for doc in ranked]
    charts = [
        bar_chart(f"{split} split: per-field scores", _score_groups(metrics.fields))
        for split, metrics in report.splits.items()
    ]
    field_names = list(dict.fromkeys(name for doc in report.documents for name in doc.fields))
    text_names = list(dict.fromkeys(name for m in report.splits.values() for name in m.texts))
    return render_page(
        "eval_report.html.j2",
        report=report,
        charts=charts,
        documents=documents,
        field_names=field_names,
        text_names=text_names,
        losses=loss_rows(report.splits),
        loss_header=LOSS_HEADER,
        loss_note=LOSS_NOTE,
        number=number,
        signed=signed,
    )


# ---- two runs compared -------------------------------------------------------------------


def direction(name: str, delta: float | None) -> str:
    """``improved``, ``regressed`` or ``same``; cost, tokens and latency improve by falling."""
    if delta is None or abs(delta) < _SAME:
        return "same"
    better = delta < 0 if name.startswith("usage.") else delta > 0
    return "improved" if better else "regressed"


@dataclass(frozen=True)
class CompareCell:
    change: Change
    direction: str


@dataclass(frozen=True)
class CompareSplit:
    split: str
    chart: Markup
    fields: dict[str, dict[str, CompareCell]]
    others: list[CompareCell]


def _cell(change: Change) -> CompareCell:
    return CompareCell(change, direction(change.name, change.delta))


def _compare_split(split: str, changes: Mapping[str, Change]) -> CompareSplit:
    names = dict.fromkeys(
        key.rsplit(".", 1)[0]
        for key in changes
        if key.endswith(".f1") and not key.startswith("brief.")
    )
    fields = {
        name: {
            metric: _cell(changes[key])
            for metric in SCORE_METRICS
            if (key := f"{name}.{metric}") in changes
        }
        for name in names
    }
    shown = {cell.change.name for cells in fields.values() for cell in cells.values()}
    others = [_cell(change) for key, change in changes.items() if key not in shown]
    groups = [
        BarGroup(name, (Bar("before", f1.change.before), Bar("after", f1.change.after)))
        for name, cells in fields.items()
        if (f1 := cells.get("f1")) is not None
    ]
    chart = bar_chart(f"{split} split: F1 before and after", groups)
    return CompareSplit(split, chart, fields, others)


def comparison_html(comparison: Comparison) -> str:
    """Two runs side by side: each field's scores and each document's, with the change
    marked as an improvement or a regression; regressions are listed first."""
    by_split: dict[str, dict[str, Change]] = {}
    for change in comparison.metrics:
        by_split.setdefault(change.split, {})[change.name] = change
    splits = [_compare_split(split, changes) for split, changes in sorted(by_split.items())]
    documents = sorted(
        ((doc_id, _cell(change)) for doc_id, change in comparison.documents),
        key=lambda row: (row[1].change.delta is None, row[1].change.delta or 0.0, row[0]),
    )
    verdicts = [cell.direction for _, cell in documents]
    return render_page(
        "eval_compare.html.j2",
        comparison=comparison,
        splits=splits,
        documents=documents,
        improved=verdicts.count("improved"),
        regressed=verdicts.count("regressed"),
        metrics=SCORE_METRICS,
        number=number,
        signed=signed,
    )
