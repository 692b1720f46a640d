"""Number formatting shared by the text reports and the CLI tables."""

from __future__ import annotations

from collections.abc import Mapping

from summarizer.eval.manifest import Split
from summarizer.eval.results import QUOTE_LOST, TAKEN, FieldScore, SplitMetrics


def number(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def signed(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:+.{digits}f}"


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


LOSS_HEADER = ("field", "split", "missed", "not quoted", "lost at check", "taken")
LOSS_NOTE = (
    "Each missed gold item, by the first step it failed: no predicted item quotes its support "
    "(not quoted); predicted items do, but none passes a match check (lost at check, the "
    "checks in the order they are made); or one passed them all and was paired with another "
    "gold item (taken)."
)


def missed_with_stages(score: FieldScore) -> list[tuple[str, str | None]]:
    """Each missed item with where it was lost (None for a field without loss stages)."""
    stages: list[str | None] = list(score.missed_at) or [None] * len(score.missed)
    return list(zip(score.missed, stages, strict=True))


def loss_label(stage: str) -> str:
    """How a report names where an item was lost."""
    if stage == QUOTE_LOST:
        return "not quoted"
    return stage if stage == TAKEN else f"lost at {stage}"


def loss_rows(splits: Mapping[Split, SplitMetrics]) -> list[tuple[str, ...]]:
    """Per field with loss stages and per split: the missed required gold items, how many no
    prediction quoted, and where the rest were lost (the first check they failed)."""
    rows: list[tuple[str, ...]] = []
    for field in dict.fromkeys(name for metrics in splits.values() for name in metrics.fields):
        for split, metrics in splits.items():
            scores = metrics.fields.get(field)
            if scores is None or not scores.losses:
                continue
            losses = dict(scores.losses)
            quote, taken = losses.pop(QUOTE_LOST, 0), losses.pop(TAKEN, 0)
            checks = ", ".join(f"{stage} {count}" for stage, count in losses.items()) or "—"
            rows.append((field, str(split), str(scores.fn), str(quote), checks, str(taken)))
    return rows
