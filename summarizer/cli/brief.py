"""``summarizer brief``: one article to a JSON, Markdown or HTML brief."""

from __future__ import annotations

import logging
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from summarizer.cli import _options as opt
from summarizer.cli._output import write_output
from summarizer.errors import OutputValidationError
from summarizer.inputs import is_url, read_article
from summarizer.language import language_caveat
from summarizer.pipeline import summarize
from summarizer.render import render_json, render_markdown
from summarizer.render_html import render_html

logger = logging.getLogger("summarizer.cli")


class OutputFormat(StrEnum):
    json = "json"
    markdown = "markdown"
    html = "html"


def register(app: typer.Typer) -> None:
    app.command("brief")(opt.with_engine_options(brief))


def brief(
    path: Annotated[
        str,
        typer.Argument(help="Article file (.txt, .md, .html), http(s) URL, or - for stdin."),
    ],
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="html: one self-contained page, the article beside."),
    ] = OutputFormat.markdown,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")
    ] = None,
    drop_unverified: Annotated[
        bool, typer.Option("--drop-unverified", help="Drop items none of whose quotes is verified.")
    ] = False,
    debug_dir: Annotated[
        Path | None,
        typer.Option("--debug-dir", help="On a failed brief, write the model's last output here."),
    ] = None,
    *,
    engine_options: opt.EngineOptions,
) -> None:
    """Write a typed, evidence-grounded brief of one article."""
    # First: a bad path is one line, without the engine notice.
    if is_url(path):
        from summarizer.sources.fetch import fetch_article  # httpx: only when it is needed

        article = fetch_article(path)
    else:
        article = read_article(path)
    settings = engine_options.settings(drop_unverified=drop_unverified, debug_dir=debug_dir)
    if settings.debug_dir is not None:
        from summarizer.debug import prepare_debug_dir

        prepare_debug_dir(settings.debug_dir)
    try:
        result = summarize(article, settings)
    except OutputValidationError as error:
        if settings.debug_dir is None:
            hint = "use --debug-dir to keep the model's output"
        else:
            from summarizer.debug import write_failure_report

            report = write_failure_report(settings.debug_dir, article, error)
            hint = f"the model's last output and errors are in {report}"
        raise OutputValidationError(f"{error} ({hint})") from error
    caveat = language_caveat(result)
    if caveat is not None:
        logger.warning("%s", caveat[0].lower() + caveat[1:])
    if output_format is OutputFormat.html:
        text = render_html(result, article.text)
    elif output_format is OutputFormat.json:
        text = render_json(result)
    else:
        text = render_markdown(result)
    write_output(text, out)
