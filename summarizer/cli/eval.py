"""``summarizer eval``: score briefs against the gold suite, write reports, apply gates.

Exit codes: 0 every gate passed, 1 a gate failed, 2 bad gold data or bad usage; engine
errors keep their own codes (5 endpoint, 6 key); with --offline a brief not in the cache is
scored as invalid, so a replay that misses fails its gates (1).

The scoring machinery (scipy, rouge-score, the report writers) is imported only when the
command runs (``summarizer.cli._eval_run``), so other commands start fast.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from summarizer.cli import _options as opt


class SplitChoice(StrEnum):
    dev = "dev"
    test = "test"
    all = "all"


class CompareFormat(StrEnum):
    markdown = "markdown"
    html = "html"


def register(app: typer.Typer) -> None:
    app.command("eval")(opt.with_engine_options(eval_command))


def eval_command(
    suite: Annotated[
        Path, typer.Option("--suite", help="Suite directory: manifest.yaml, gold/, articles/.")
    ] = Path("evals"),
    split: Annotated[SplitChoice, typer.Option("--split", help="Which articles to score.")] = (
        SplitChoice.all
    ),
    predictions: Annotated[
        Path | None,
        typer.Option(
            "--predictions",
            help="Score the briefs in DIR/<id>.json instead of running an engine.",
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Report directory. Default: SUITE/reports.")
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Gates, thresholds, prices. Default: SUITE/gates.yaml.",
        ),
    ] = None,
    fail_under: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-under", help="Gate, e.g. actors.f1=0.8 or test.actors.f1=0.8 (repeatable)."
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            help="A previous report.json to compare against.",
        ),
    ] = None,
    max_drop: Annotated[
        float | None,
        typer.Option("--max-drop", help="Largest drop from --baseline that passes.", min=0),
    ] = None,
    compare: Annotated[
        tuple[Path, Path] | None,
        typer.Option(
            "--compare",
            help="Compare two report.json files (A B) and exit.",
        ),
    ] = None,
    compare_format: Annotated[
        CompareFormat | None,
        typer.Option(
            "--format",
            help="With --compare: write compare.md (markdown, the default) or compare.html.",
        ),
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Check the gold files and support quotes, and exit.")
    ] = False,
    concurrency: Annotated[int, typer.Option("--concurrency", help="Briefs in flight.", min=1)] = 4,
    *,
    engine_options: opt.EngineOptions,
) -> None:
    """Score briefs against the hand-labelled gold suite and apply the quality gates."""
    from summarizer.cli._eval_run import run_eval

    run_eval(
        suite=suite,
        split=split,
        predictions=predictions,
        out=out,
        config=config,
        fail_under=fail_under,
        baseline=baseline,
        max_drop=max_drop,
        compare=compare,
        compare_format=compare_format,
        check=check,
        concurrency=concurrency,
        engine_options=engine_options,
    )
