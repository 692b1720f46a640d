"""Two ``report.json`` runs compared: every metric per split, and every document whose
score moved, as data (``compare_reports``) and as Markdown (``comparison_markdown``)."""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.eval.metrics import metric_values, usage_values
from summarizer.eval.reports._format import cell, number, signed
from summarizer.eval.results import DocumentResult, EvalReport, RunInfo


@dataclass(frozen=True)
class Change:
    split: str
    name: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True)
class Comparison:
    before: EvalReport
    after: EvalReport
    metrics: list[Change]
    documents: list[tuple[str, Change]]
    only_before: list[str]
    only_after: list[str]
    moved: list[str]
    """Documents scored in both runs but in a different split."""

    @property
    def caveats(self) -> list[str]:
        """Why the two runs' scores may not be comparable, one sentence each."""
        before, after = self.before.run, self.after.run
        caveats = []
        if before.split != after.split:
            caveats.append(
                f"the runs scored different splits (before: {before.split}, after: "
                f"{after.split}); only the splits both scored are compared"
            )
        if self.only_before or self.only_after:
            caveats.append(
                f"the runs scored different documents ({len(self.only_before)} only before, "
                f"{len(self.only_after)} only after), so their split scores cover different "
                "articles"
            )
        if self.moved:
            caveats.append(
                f"{len(self.moved)} document{'' if len(self.moved) == 1 else 's'} changed "
                f"split between the runs: {', '.join(self.moved)}"
            )
        if before.thresholds != after.thresholds:
            caveats.append("the runs matched items with different thresholds")
        return caveats


def compare_reports(before: EvalReport, after: EvalReport) -> Comparison:
    metrics = []
    for split in before.splits.keys() & after.splits.keys():
        old = {**metric_values(before.splits[split]), **usage_values(before.splits[split])}
        new = {**metric_values(after.splits[split]), **usage_values(after.splits[split])}
        metrics += [
            Change(split, key, old.get(key), new.get(key)) for key in dict.fromkeys([*old, *new])
        ]
    metrics.sort(key=lambda change: (change.split, change.name))
    old_docs = {doc.id: doc for doc in before.documents}
    new_docs = {doc.id: doc for doc in after.documents}
    documents = []
    for doc_id in sorted(old_docs.keys() & new_docs.keys()):
        old_values, new_values = (
            _document_values(old_docs[doc_id]),
            _document_values(new_docs[doc_id]),
        )
        for name in dict.fromkeys([*old_values, *new_values]):
            change = Change(
                str(new_docs[doc_id].split), name, old_values.get(name), new_values.get(name)
            )
            if change.before != change.after:
                documents.append((doc_id, change))
    return Comparison(
        before=before,
        after=after,
        metrics=metrics,
        documents=documents,
        only_before=sorted(old_docs.keys() - new_docs.keys()),
        only_after=sorted(new_docs.keys() - old_docs.keys()),
        moved=[
            doc_id
            for doc_id in sorted(old_docs.keys() & new_docs.keys())
            if old_docs[doc_id].split != new_docs[doc_id].split
        ],
    )


def _document_values(document: DocumentResult) -> dict[str, float | None]:
    values: dict[str, float | None] = {"valid": 1.0 if document.valid else 0.0}
    values.update({f"{name}.f1": score.f1 for name, score in document.fields.items()})
    values.update({f"{name}.rouge_l": text.rouge_l for name, text in document.texts.items()})
    return values


def _describe(run: RunInfo) -> str:
    return f"{run.engine or '—'} / {run.model or '—'}, {run.created:%Y-%m-%d %H:%M} UTC"


def comparison_markdown(comparison: Comparison) -> str:
    before, after = comparison.before.run, comparison.after.run
    lines = [
        "# Eval comparison",
        "",
        f"- before: {_describe(before)}",
        f"- after: {_describe(after)}",
        "",
        *(f"**Warning:** {caveat}." for caveat in comparison.caveats),
        *([""] if comparison.caveats else []),
        "## Metrics",
        "",
        "| split | metric | before | after | change |",
        "|---|---|---|---|---|",
    ]
    for change in comparison.metrics:
        lines.append(
            f"| {change.split} | {change.name} | {number(change.before)} | "
            f"{number(change.after)} | {signed(change.delta)} |"
        )
    lines += ["", "## Documents", ""]
    if comparison.documents:
        lines += [
            "| document | split | score | before | after | change |",
            "|---|---|---|---|---|---|",
        ]
        for doc_id, change in comparison.documents:
            lines.append(
                f"| {cell(doc_id)} | {change.split} | {change.name} | {number(change.before)} | "
                f"{number(change.after)} | {signed(change.delta)} |"
            )
    else:
        lines.append("No document's score changed.")
    for label, ids in (
        ("only in before", comparison.only_before),
        ("only in after", comparison.only_after),
    ):
        if ids:
            lines += ["", f"Documents {label}: " + ", ".join(ids)]
    return "\n".join(lines) + "\n"
