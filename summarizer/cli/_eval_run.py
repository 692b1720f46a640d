"""What ``summarizer eval`` does once its options are parsed (see ``summarizer.cli.eval``)."""

from __future__ import annotations

import asyncio
import logging
import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from summarizer.cli import _options as opt
from summarizer.cli._output import write_atomically
from summarizer.cli.eval import CompareFormat, SplitChoice
from summarizer.errors import ConfigError, GateFailure, GoldFileError, StdoutClosed
from summarizer.eval.config import EvalConfig, load_config
from summarizer.eval.dataset import Sample, check_suite, load_suite
from summarizer.eval.gates import (
    Gate,
    baseline_gates,
    config_gates,
    failed_gates,
    merge_gates,
    parse_gate,
)
from summarizer.eval.manifest import Split
from summarizer.eval.metrics import usage_values
from summarizer.eval.reports import (
    DocumentSource,
    compare_reports,
    comparison_html,
    comparison_markdown,
    html_report,
    junit_xml,
    markdown_report,
    read_report,
    report_json,
)
from summarizer.eval.reports._format import LOSS_HEADER, loss_rows, number, signed
from summarizer.eval.results import EvalReport, GateStatus
from summarizer.eval.runner import Prediction, evaluate, generate_predictions, read_predictions
from summarizer.settings import Settings

logger = logging.getLogger("summarizer.cli")


class _StdoutConsole(Console):
    """rich ends the process with exit 1 when standard output closes (``eval | head``),
    which is the code of a failed gate; raise instead, for ``main`` to exit 141."""

    def on_broken_pipe(self) -> None:
        raise StdoutClosed


def run_eval(
    *,
    suite: Path,
    split: SplitChoice,
    predictions: Path | None,
    out: Path | None,
    config: Path | None,
    fail_under: list[str] | None,
    baseline: Path | None,
    max_drop: float | None,
    compare: tuple[Path, Path] | None,
    compare_format: CompareFormat | None,
    check: bool,
    concurrency: int,
    engine_options: opt.EngineOptions,
) -> None:
    console = _StdoutConsole(soft_wrap=True, highlight=False)
    out = out or suite / "reports"
    if check:
        _check(suite, console)
        return
    if compare is not None:
        _prepare_report_dir(out)
        _compare(*compare, out, console, compare_format or CompareFormat.markdown)
        return
    if compare_format is not None:
        raise ConfigError(
            "--format applies to --compare; a run writes report.json, junit.xml, report.md "
            "and report.html"
        )
    if config is not None and not config.is_file():
        raise ConfigError(f"--config {config}: no such file")
    _prepare_report_dir(out)
    if predictions is not None and not predictions.is_dir():
        raise ConfigError(f"--predictions {predictions}: no such directory")
    config_path = config or suite / "gates.yaml"
    eval_config = load_config(config_path) if config_path.is_file() else EvalConfig()
    baseline_report = None if baseline is None else read_report(baseline)
    gates = _gates(
        eval_config, str(config_path), fail_under or [], baseline, baseline_report, max_drop
    )
    chosen = None if split is SplitChoice.all else Split(split.value)
    samples = load_suite(suite).select(chosen)
    if not samples:
        raise GoldFileError(f"{suite}: no labelled articles in the {split} split")
    if baseline is not None and baseline_report is not None:
        _check_baseline(baseline, baseline_report, samples)
    if predictions is not None:
        found = read_predictions(samples, predictions)
    else:
        settings = engine_options.settings()
        found = _generate(samples, settings, concurrency)
    report = evaluate(
        samples,
        found,
        eval_config,
        gates,
        suite=str(suite),
        split=split.value,
        predictions_dir=None if predictions is None else str(predictions),
    )
    sources = {
        sample.id: DocumentSource(sample.article.text, sample.gold, found[sample.id].brief)
        for sample in samples
    }
    reports = {
        "report.json": report_json(report),
        "junit.xml": junit_xml(report),
        "report.md": markdown_report(report),
        "report.html": html_report(report, sources),
    }
    for name, text in reports.items():
        write_atomically(out / name, text)
    _print_report(report, console)
    console.print("reports: " + ", ".join(str(out / name) for name in reports))
    failed = failed_gates(report.gates)
    if failed:
        raise GateFailure(
            f"{len(failed)} gate(s) failed: "
            + ", ".join(
                f"{gate.key} {number(gate.value)} < {gate.threshold:.3f}" for gate in failed
            )
        )


def _prepare_report_dir(out: Path) -> None:
    """Make sure the reports can be written before any brief is made: a model run whose
    reports cannot be written is lost (with --no-cache, every token of it)."""
    if out.exists() and not out.is_dir():
        raise ConfigError(f"--out {out}: is a file; the reports go in a directory")
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as error:
        raise ConfigError(
            f"--out {out}: cannot write the reports there ({error.strerror or error})"
        ) from error


def _check(suite: Path, console: Console) -> None:
    problems = check_suite(suite)
    if problems:
        raise GoldFileError("\n".join(problems))
    console.print(f"{suite}: every gold file is valid and every support quote is verbatim")


def _compare(
    before_path: Path, after_path: Path, out: Path, console: Console, output: CompareFormat
) -> None:
    comparison = compare_reports(read_report(before_path), read_report(after_path))
    for caveat in comparison.caveats:
        logger.warning("%s", caveat)
    table = Table(title=f"{before_path} → {after_path}")
    for column in ("split", "metric", "before", "after", "change"):
        table.add_column(column, justify="left" if column in ("split", "metric") else "right")
    for change in comparison.metrics:
        if change.before != change.after:
            table.add_row(
                change.split, change.name, number(change.before), number(change.after),
                signed(change.delta),
            )  # fmt: skip
    console.print(table)
    documents = Table(title="documents whose score changed")
    for column in ("document", "score", "before", "after", "change"):
        documents.add_column(column, justify="left" if column in ("document", "score") else "right")
    for doc_id, change in comparison.documents:
        documents.add_row(
            doc_id, change.name, number(change.before), number(change.after), signed(change.delta)
        )
    console.print(documents)
    if output is CompareFormat.html:
        path, text = out / "compare.html", comparison_html(comparison)
    else:
        path, text = out / "compare.md", comparison_markdown(comparison)
    write_atomically(path, text)
    console.print(f"comparison: {path}")


def _gates(
    config: EvalConfig,
    config_origin: str,
    fail_under: list[str],
    baseline_path: Path | None,
    baseline: EvalReport | None,
    max_drop: float | None,
) -> list[Gate]:
    gates = merge_gates(
        config_gates(config.fail_under, config_origin), [parse_gate(spec) for spec in fail_under]
    )
    drop = config.max_drop if max_drop is None else max_drop
    if baseline is not None:
        if drop is None:
            raise ConfigError("--baseline needs --max-drop (or max_drop: in the eval config)")
        origin = f"--baseline {baseline_path}"
        gates += baseline_gates(baseline, drop, config.max_drop_metrics, origin)
    elif max_drop is not None:
        raise ConfigError("--max-drop needs --baseline REPORT.json to measure the drop from")
    return gates


def _check_baseline(path: Path, baseline: EvalReport, samples: list[Sample]) -> None:
    """A baseline that scored none of this run's articles (another suite, the other split)
    would gate nothing, or gate on other articles' scores: refuse it before any brief is
    made. One that scored some of them (an article labelled since) is used, with a warning.
    Only the splits both runs score are compared: their gates are the only ones applied."""
    splits = {sample.split for sample in samples} & set(baseline.splits)
    scored = {document.id for document in baseline.documents if document.split in splits}
    ids = {sample.id for sample in samples if sample.split in splits}
    if not scored & ids:
        raise ConfigError(
            f"--baseline {path}: scored none of the articles of this run (a report of another "
            "suite or split?); pass a report.json of a run over the same articles"
        )
    if scored != ids:
        logger.warning(
            "--baseline %s scored other articles than this run (%d only there, %d only here), "
            "so its scores cover different articles",
            path,
            len(scored - ids),
            len(ids - scored),
        )


def _generate(samples: list[Sample], settings: Settings, concurrency: int) -> dict[str, Prediction]:
    from summarizer.pipeline import Summarizer

    async def generate() -> dict[str, Prediction]:
        async with Summarizer(settings) as summarizer:
            return await generate_predictions(samples, summarizer, concurrency=concurrency)

    return asyncio.run(generate())


def _print_report(report: EvalReport, console: Console) -> None:
    splits = list(report.splits.items())
    run = report.run
    engine = " ".join(part for part in (run.engine, run.model) if part) or "—"
    table = Table(title=f"eval: {engine} ({run.split})")
    table.add_column("field", no_wrap=True)
    table.add_column("split")
    for column in ("P", "R", "F1", "macro F1", "evidence"):
        table.add_column(column, justify="right")
    if report.gap:
        table.add_column("gap F1", justify="right")
    for field in dict.fromkeys(name for _, metrics in splits for name in metrics.fields):
        for index, (split, metrics) in enumerate(splits):
            scores = metrics.fields[field]
            row = [field if index == 0 else "", str(split)]
            row += [number(scores.precision), number(scores.recall), number(scores.f1)]
            row += [number(scores.macro_f1), number(scores.evidence_accuracy)]
            if report.gap:
                last = index == len(splits) - 1
                row.append(signed(report.gap.get(f"{field}.f1")) if last else "")
            table.add_row(*row, end_section=index == len(splits) - 1)
    console.print(table)
    losses = loss_rows(report.splits)
    if losses:
        lost = Table(title="missed items, by where they were lost")
        for column in LOSS_HEADER:
            lost.add_column(column, justify="right" if column in ("missed", "taken") else "left")
        for loss in losses:
            lost.add_row(*loss)
        console.print(lost)
    brief = Table(title="briefs")
    brief.add_column("metric")
    for name, _ in splits:
        brief.add_column(str(name), justify="right")
    usage = [usage_values(metrics) for _, metrics in splits]
    rows = [
        ("documents", [str(m.documents) for _, m in splits]),
        ("schema-valid rate", [number(m.schema_valid_rate) for _, m in splits]),
        ("grounding rate", [number(m.grounding_rate) for _, m in splits]),
        ("evidence accuracy", [number(m.evidence_accuracy) for _, m in splits]),
        ("BLUF ROUGE-L", [number(m.texts.get("bluf")) for _, m in splits]),
        ("tokens", [f"{m.tokens.total:,}" for _, m in splits]),
        ("cost (USD)", [number(u["usage.cost_usd"], 4) for u in usage]),
        (
            "latency p50/p95 (ms)",
            [f"{number(m.latency.p50_ms, 0)}/{number(m.latency.p95_ms, 0)}" for _, m in splits],
        ),
    ]
    for label, values in rows:
        brief.add_row(label, *values)
    console.print(brief)
    if report.gates:
        gates = Table(title="gates")
        for column in ("gate", "threshold", "value", "result", "from"):
            gates.add_column(
                column, justify="right" if column in ("threshold", "value") else "left"
            )
        for gate in report.gates:
            style = {GateStatus.passed: "green", GateStatus.failed: "bold red"}.get(
                gate.status, "dim"
            )
            gates.add_row(
                gate.key, number(gate.threshold), number(gate.value),
                f"[{style}]{gate.status.value}[/{style}]", Text(gate.origin),
            )  # fmt: skip
        console.print(gates)
