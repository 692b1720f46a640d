"""``report.md``: the scores, the gates, and for every document what was matched, missed
and spurious, side by side, so a reader can see why a number is what it is."""

from __future__ import annotations

from itertools import zip_longest

from summarizer.eval.metrics import usage_values
from summarizer.eval.reports._format import (
    LOSS_HEADER,
    LOSS_NOTE,
    cell,
    loss_label,
    loss_rows,
    missed_with_stages,
    number,
    signed,
)
from summarizer.eval.results import DocumentResult, EvalReport, FieldScore, SplitMetrics


def markdown_report(report: EvalReport) -> str:
    run = report.run
    lines = [
        "# Eval report",
        "",
        f"- suite: `{run.suite}`, split: {run.split}, {run.created:%Y-%m-%d %H:%M} UTC",
        f"- engine: {run.engine or '—'}, model: {run.model or '—'}, "
        f"prompt: {run.prompt_version or '—'}",
    ]
    if run.predictions:
        lines.append(f"- predictions read from `{run.predictions}`")
    thresholds = ", ".join(f"{name} {value:g}" for name, value in run.thresholds)
    lines += [f"- matching thresholds: {thresholds}", ""]
    lines += _scores(report)
    lines += _losses(report)
    lines += _gates(report)
    lines += ["## Documents", ""]
    for document in sorted(report.documents, key=lambda doc: (doc.split, doc.id)):
        lines += _document(document)
    return "\n".join(lines).rstrip() + "\n"


def _scores(report: EvalReport) -> list[str]:
    splits = list(report.splits.items())
    header = "| field | " + " | ".join(f"{s} P | {s} R | {s} F1 | {s} evidence" for s, _ in splits)
    lines = ["## Scores", "", header + (" | gap F1 |" if report.gap else " |")]
    lines.append("|---" * (1 + 4 * len(splits) + (1 if report.gap else 0)) + "|")
    names = list(dict.fromkeys(name for _, m in splits for name in m.fields))
    for name in names:
        row = [name]
        for _, metrics in splits:
            field = metrics.fields[name]
            row += [number(field.precision), number(field.recall), number(field.f1)]
            row.append(number(field.evidence_accuracy))
        if report.gap:
            row.append(signed(report.gap.get(f"{name}.f1")))
        lines.append("| " + " | ".join(row) + " |")
    lines += ["", "| metric | " + " | ".join(str(s) for s, _ in splits) + " |"]
    lines.append("|---" * (1 + len(splits)) + "|")
    for label, values in _brief_rows([m for _, m in splits]):
        lines.append(f"| {label} | " + " | ".join(values) + " |")
    return [*lines, ""]


def _losses(report: EvalReport) -> list[str]:
    rows = loss_rows(report.splits)
    if not rows:
        return []
    lines = [
        "## Where missed items were lost",
        "",
        LOSS_NOTE,
        "",
        "| " + " | ".join(LOSS_HEADER) + " |",
        "|---" * len(LOSS_HEADER) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _brief_rows(splits: list[SplitMetrics]) -> list[tuple[str, list[str]]]:
    rows = [
        ("documents", [str(m.documents) for m in splits]),
        ("schema-valid rate", [number(m.schema_valid_rate) for m in splits]),
        ("grounding rate", [number(m.grounding_rate) for m in splits]),
        ("evidence accuracy", [number(m.evidence_accuracy) for m in splits]),
    ]
    names = list(dict.fromkeys(name for m in splits for name in m.texts))
    rows += [(f"{name} ROUGE-L", [number(m.texts.get(name)) for m in splits]) for name in names]
    checks = list(
        dict.fromkeys(f"{f}.{c}" for m in splits for f, v in m.fields.items() for c in v.checks)
    )
    for key in checks:
        field, check = key.split(".")
        rows.append(
            (
                f"{field} {check} accuracy",
                [number(m.fields[field].checks.get(check)) for m in splits],
            )
        )
    usage = [usage_values(m) for m in splits]
    rows += [
        ("tokens", [f"{m.tokens.total:,}" for m in splits]),
        ("cost (USD)", [number(u["usage.cost_usd"], 4) for u in usage]),
        ("latency mean (ms)", [number(u["usage.latency_mean_ms"], 1) for u in usage]),
        ("latency p95 (ms)", [number(u["usage.latency_p95_ms"], 1) for u in usage]),
    ]
    return rows


def _gates(report: EvalReport) -> list[str]:
    if not report.gates:
        return ["## Gates", "", "No gates were set.", ""]
    lines = [
        "## Gates",
        "",
        "| gate | threshold | value | result | from |",
        "|---|---|---|---|---|",
    ]
    for gate in report.gates:
        lines.append(
            f"| {gate.key} | {number(gate.threshold)} | {number(gate.value)} | "
            f"{gate.status.value} | {cell(gate.origin)} |"
        )
    return [*lines, ""]


def _document(document: DocumentResult) -> list[str]:
    lines = [f"### {document.id} ({document.split})", ""]
    if not document.valid:
        lines += [f"**Invalid brief**, scored as empty: {cell(document.error or '')}", ""]
    lines += [f"> warning: {warning}" for warning in document.warnings]
    if document.valid:
        lines += [
            f"latency {number(document.latency_ms, 1)} ms, {document.tokens.total:,} tokens, "
            f"cost {number(document.cost_usd, 5)} USD",
            "",
        ]
    lines += ["| field | P | R | F1 | evidence |", "|---|---|---|---|---|"]
    for name, score in document.fields.items():
        evidence = f"{score.evidence.hits}/{score.evidence.total}" if score.evidence.total else "—"
        lines.append(
            f"| {name} | {number(score.precision)} | {number(score.recall)} | "
            f"{number(score.f1)} | {evidence} |"
        )
    lines.append("")
    for name, text in document.texts.items():
        if text.gold is not None:
            lines += [
                f"**{name}** (ROUGE-L {number(text.rouge_l)})",
                "",
                f"- predicted: {text.predicted or '—'}",
                f"- gold: {text.gold}",
                "",
            ]
    for name, score in document.fields.items():
        if score.matched or score.missed or score.spurious:
            lines += [f"**{name}**", "", *_side_by_side(score), ""]
    return lines


def _side_by_side(score: FieldScore) -> list[str]:
    matched = []
    for item in score.matched:
        text = item.gold if item.predicted == item.gold else f"{item.predicted} → {item.gold}"
        notes = [f"{item.similarity:g}"]
        if item.optional:
            notes.append("optional")
        if item.evidence_hit is False:
            notes.append("evidence misses")
        matched.append(f"{text} ({', '.join(notes)})")
    lines = [
        "| matched (predicted → gold) | missed (gold) | spurious (predicted) |",
        "|---|---|---|",
    ]
    missed = [
        f"{label} ({loss_label(stage)})" if stage else label
        for label, stage in missed_with_stages(score)
    ]
    for row in zip_longest(matched, missed, score.spurious, fillvalue=""):
        lines.append("| " + " | ".join(cell(text) for text in row) + " |")
    return lines
