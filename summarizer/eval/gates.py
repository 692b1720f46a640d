"""Gates: the lowest value a metric may take before the eval fails (exit code 1).

A gate key is ``[split.]field.metric`` (``actors.f1``, ``test.stances.recall``,
``brief.schema_valid_rate``). Without a split the gate applies to every split that was
run; with one, to that split only, and it is skipped when that split was not run. Gates
come from the config file (``fail_under:``), from ``--fail-under`` (which replaces a
config gate with the same key) and from ``--baseline`` with ``--max-drop`` (the baseline's
value minus the allowed drop).

Gates from the config and the command line are also applied to each document's own score
for the JUnit report; baseline gates are not, since one document's score is too noisy to
hold against a suite average.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from summarizer.errors import ConfigError
from summarizer.eval.manifest import Split
from summarizer.eval.metrics import document_values, metric_values
from summarizer.eval.results import (
    DocumentResult,
    EvalReport,
    GateResult,
    GateStatus,
    SplitMetrics,
)
from summarizer.eval.scorers import SCORERS, TEXT_FIELDS

TOLERANCE = 1e-9
"""A value this close under its threshold passes: F1 of exactly 0.8 may compute as 0.79999..."""


@dataclass(frozen=True)
class Gate:
    metric: str
    threshold: float
    origin: str
    split: Split | None = None
    per_document: bool = True

    @property
    def key(self) -> str:
        return self.metric if self.split is None else f"{self.split}.{self.metric}"


def gate_metrics() -> list[str]:
    """Every metric a gate may name; all are fractions where higher is better."""
    keys = []
    for scorer in SCORERS:
        measures = ["precision", "recall", "f1", "macro_precision", "macro_recall", "macro_f1"]
        measures += ["evidence_accuracy", *(f"{check}_accuracy" for check in scorer.checks)]
        keys += [f"{scorer.name}.{measure}" for measure in measures]
    keys += [f"{name}.rouge_l" for name in TEXT_FIELDS]
    keys += ["brief.schema_valid_rate", "brief.grounding_rate", "brief.evidence_accuracy"]
    return keys


def parse_key(key: str, threshold: float, origin: str) -> Gate:
    split: Split | None = None
    metric = key.strip()
    first, _, rest = metric.partition(".")
    if first in Split.__members__:
        split, metric = Split(first), rest
    if metric not in gate_metrics():
        raise ConfigError(
            f"{origin}: unknown gate metric {key!r}; use [dev.|test.]field.metric, one of: "
            + ", ".join(gate_metrics())
        )
    if not 0.0 <= threshold <= 1.0:
        raise ConfigError(f"{origin}: {key}={threshold}: thresholds are fractions from 0 to 1")
    return Gate(metric=metric, threshold=threshold, origin=origin, split=split)


def parse_gate(spec: str, origin: str = "--fail-under") -> Gate:
    """A command-line gate: ``actors.f1=0.8`` or ``test.actors.f1=0.8``."""
    key, equals, value = spec.partition("=")
    try:
        threshold = float(value) if equals else math.nan
    except ValueError:
        threshold = math.nan
    if math.isnan(threshold):
        raise ConfigError(f"{origin} {spec!r}: write it as field.metric=number, e.g. actors.f1=0.8")
    return parse_key(key, threshold, origin)


def config_gates(fail_under: Mapping[str, float], origin: str) -> list[Gate]:
    return [parse_key(key, value, origin) for key, value in fail_under.items()]


def merge_gates(configured: Iterable[Gate], overriding: Iterable[Gate]) -> list[Gate]:
    """Both lists; a gate in ``overriding`` replaces the configured gates it covers: those
    with its key, and, when it names no split, those on any split with its metric
    (``--fail-under actors.f1=0.5`` relaxes ``dev.actors.f1: 0.84`` too)."""
    overrides = list(overriding)
    kept = [
        gate
        for gate in configured
        if not any(
            other.metric == gate.metric and other.split in (None, gate.split) for other in overrides
        )
    ]
    return [*kept, *overrides]


def baseline_gates(
    baseline: EvalReport, max_drop: float, metrics: Iterable[str], origin: str
) -> list[Gate]:
    """One gate per split and metric of the baseline: its value minus ``max_drop``. A metric
    named with its split ("test.actors.f1") is gated on that split only."""
    wanted = [parse_key(metric, 0.0, origin) for metric in metrics]
    gates = []
    for split, split_metrics in baseline.splits.items():
        values = metric_values(split_metrics)
        for key in wanted:
            value = values.get(key.metric)
            if value is not None and key.split in (None, split):
                gates.append(
                    Gate(
                        metric=key.metric,
                        threshold=max(0.0, value - max_drop),
                        origin=origin,
                        split=split,
                        per_document=False,
                    )
                )
    return gates


def check_gates(gates: Iterable[Gate], splits: Mapping[Split, SplitMetrics]) -> list[GateResult]:
    results = []
    for gate in gates:
        targets = [gate.split] if gate.split is not None else list(splits)
        for split in targets:
            metrics = splits.get(split)
            value = None if metrics is None else metric_values(metrics).get(gate.metric)
            if metrics is None:
                status = GateStatus.skipped
            elif value is not None and value >= gate.threshold - TOLERANCE:
                status = GateStatus.passed
            else:
                status = GateStatus.failed
            results.append(
                GateResult(
                    split=split,
                    metric=gate.metric,
                    threshold=gate.threshold,
                    value=value,
                    status=status,
                    origin=gate.origin,
                    per_document=gate.per_document,
                )
            )
    return results


def document_failures(
    document: DocumentResult, gates: Iterable[GateResult]
) -> dict[str, list[str]]:
    """Field (``actors``, ``bluf``, ``brief``...) to the gates this document's own score fails.

    A value the document cannot have (no matched pair to judge evidence on) fails nothing.
    """
    values = document_values(document)
    failures: dict[str, list[str]] = {}
    for gate in gates:
        if not gate.per_document or gate.split is not document.split:
            continue
        if gate.status is GateStatus.skipped:
            continue
        value = values.get(gate.metric)
        if value is not None and value < gate.threshold - TOLERANCE:
            field = gate.metric.partition(".")[0]
            failures.setdefault(field, []).append(
                f"{gate.metric} {value:.3f} < {gate.threshold:.3f} ({gate.origin})"
            )
    return failures


def failed_gates(results: Iterable[GateResult]) -> list[GateResult]:
    return [result for result in results if result.status is GateStatus.failed]
