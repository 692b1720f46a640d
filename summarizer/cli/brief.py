"""``summarizer brief``: one article to a JSON, Markdown or HTML brief."""

from __future__ import annotations

import asyncio
import logging
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from summarizer.cli import _options as opt
from summarizer.cli._output import write_output
from summarizer.errors import OutputValidationError
from summarizer.inputs import read_article
from summarizer.pipeline import Summarizer
from summarizer.render import render_json, render_markdown
from summarizer.render_html import render_html
from summarizer.settings import EngineChoice

logger = logging.getLogger("summarizer.cli")


class OutputFormat(StrEnum):
    json = "json"
    markdown = "markdown"
    html = "html"


def register(app: typer.Typer) -> None:
    app.command("brief")(brief)


def brief(
    path: Annotated[str, typer.Argument(help="Article file (.txt, .md, .html), or - for stdin.")],
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
    engine: opt.EngineOption = EngineChoice.auto,
    base_url: opt.BaseUrlOption = None,
    model: opt.ModelOption = None,
    api_key: opt.ApiKeyOption = None,
    mode: opt.ModeOption = None,
    max_tokens: opt.MaxTokensOption = None,
    temperature: opt.TemperatureOption = None,
    validation_retries: opt.ValidationRetriesOption = None,
    timeout: opt.TimeoutOption = None,
    retry_time: opt.RetryTimeOption = None,
    token_budget: opt.TokenBudgetOption = None,
    max_input_chars: opt.MaxInputCharsOption = None,
    model_path: opt.ModelPathOption = None,
    cache_dir: opt.CacheDirOption = None,
    no_cache: opt.NoCacheOption = False,
    refresh: opt.RefreshOption = False,
    offline: opt.OfflineOption = False,
) -> None:
    """Write a typed, evidence-grounded brief of one article."""
    settings = opt.resolve_settings(
        engine=engine, base_url=base_url, model=model, api_key=api_key, mode=mode,
        max_tokens=max_tokens, temperature=temperature, validation_retries=validation_retries,
        timeout=timeout, retry_time=retry_time, token_budget=token_budget,
        model_path=model_path, cache_dir=cache_dir, no_cache=no_cache, refresh=refresh,
        offline=offline, drop_unverified=drop_unverified, debug_dir=debug_dir,
        max_input_chars=max_input_chars,
    )  # fmt: skip
    if settings.engine is EngineChoice.auto and not settings.llm_configured:
        logger.warning(
            "no LLM configured; using the offline extractive engine "
            "(set OPENAI_API_KEY or --base-url to use a model)"
        )
    article = read_article(path)
    summarizer = Summarizer(settings)
    try:
        result = asyncio.run(summarizer.brief(article))
    except OutputValidationError as error:
        if settings.debug_dir is not None:
            from summarizer.debug import write_failure_report

            report = write_failure_report(settings.debug_dir, article, error)
            logger.warning("the model's last output and errors are in %s", report)
        raise
    finally:
        summarizer.close()
    if output_format is OutputFormat.html:
        text = render_html(result, article.text)
    elif output_format is OutputFormat.json:
        text = render_json(result)
    else:
        text = render_markdown(result)
    write_output(text, out)
