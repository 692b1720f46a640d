"""Options shared by the commands that run an engine, and their resolution into Settings."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from summarizer.settings import EngineChoice, InstructorMode, Settings, settings_from_env

EngineOption = Annotated[
    EngineChoice,
    typer.Option("--engine", help="auto: openai when an endpoint or key is set, else extractive."),
]
BaseUrlOption = Annotated[
    str | None,
    typer.Option("--base-url", help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1."),
]
ModelOption = Annotated[str | None, typer.Option("--model", help="Model name at the endpoint.")]
ApiKeyOption = Annotated[
    str | None,
    typer.Option(
        "--api-key",
        help="API key (prefer OPENAI_API_KEY or SUMMARIZER_API_KEY).",
        show_default=False,
    ),
]
ModeOption = Annotated[
    InstructorMode | None, typer.Option("--mode", help="instructor mode (default: tools).")
]
MaxTokensOption = Annotated[
    int | None, typer.Option("--max-tokens", help="Most tokens the model may write per call.")
]
TemperatureOption = Annotated[
    float | None, typer.Option("--temperature", help="Sampling temperature.")
]
ValidationRetriesOption = Annotated[
    int | None,
    typer.Option(
        "--validation-retries", help="Times to re-ask the model when its output is invalid."
    ),
]
TimeoutOption = Annotated[float | None, typer.Option("--timeout", help="Seconds per HTTP request.")]
RetryTimeOption = Annotated[
    float | None, typer.Option("--retry-time", help="Seconds to keep retrying transient failures.")
]
MaxInputCharsOption = Annotated[
    int | None,
    typer.Option(
        "--max-input-chars",
        help="Longest article (characters) to send to a model; longer ones are refused.",
    ),
]
TokenBudgetOption = Annotated[
    int | None,
    typer.Option("--token-budget", help="Most tokens one brief may use, retries included."),
]
ModelPathOption = Annotated[
    Path | None, typer.Option("--model-path", help="GGUF file for --engine local.")
]
CacheDirOption = Annotated[Path | None, typer.Option("--cache-dir", help="Cache directory.")]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the cache.")
]
RefreshOption = Annotated[
    bool, typer.Option("--refresh", help="Ignore cached answers; store new ones.")
]
OfflineOption = Annotated[
    bool, typer.Option("--offline", help="Answer from the cache only; a miss is an error.")
]


def resolve_settings(
    *,
    engine: EngineChoice,
    base_url: str | None,
    model: str | None,
    api_key: str | None,
    mode: InstructorMode | None,
    max_tokens: int | None,
    temperature: float | None,
    validation_retries: int | None,
    timeout: float | None,
    retry_time: float | None,
    token_budget: int | None,
    model_path: Path | None,
    cache_dir: Path | None,
    no_cache: bool,
    refresh: bool,
    offline: bool,
    **extra: object,
) -> Settings:
    """The one place the CLI reads the environment."""
    return settings_from_env(
        os.environ,
        engine=engine,
        base_url=base_url,
        model=model,
        api_key=api_key,
        mode=mode,
        max_tokens=max_tokens,
        temperature=temperature,
        validation_retries=validation_retries,
        timeout=timeout,
        retry_time=retry_time,
        token_budget=token_budget,
        model_path=model_path,
        cache_dir=cache_dir,
        use_cache=not no_cache,
        refresh=refresh,
        offline=offline,
        **extra,
    )
