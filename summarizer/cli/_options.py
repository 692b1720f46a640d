"""Options shared by the commands that run an engine, and their resolution into Settings."""

from __future__ import annotations

import functools
import inspect
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from summarizer.settings import EngineChoice, InstructorMode, Settings, settings_from_env

EngineOption = Annotated[
    EngineChoice | None,
    typer.Option(
        "--engine",
        help="Default SUMMARIZER_ENGINE, else auto: openai when an endpoint or key is set, "
        "else extractive.",
        show_default=False,
    ),
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
    typer.Option(
        "--token-budget",
        help="Tokens one brief may use before re-asks stop (openai and local engines): an "
        "attempt is not cut, so the last one may go past it.",
    ),
]
ModelPathOption = Annotated[
    Path | None, typer.Option("--model-path", help="GGUF file for --engine local.")
]
ContextTokensOption = Annotated[
    int | None,
    typer.Option(
        "--context-tokens",
        help="Context (tokens) the local engine loads the model with: prompt and answer.",
    ),
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


logger = logging.getLogger("summarizer.cli")

_KEYWORD = inspect.Parameter.KEYWORD_ONLY
ENGINE_PARAMETERS = [
    inspect.Parameter(name, _KEYWORD, default=default, annotation=annotation)
    for name, annotation, default in [
        ("engine", EngineOption, None),
        ("base_url", BaseUrlOption, None),
        ("model", ModelOption, None),
        ("api_key", ApiKeyOption, None),
        ("mode", ModeOption, None),
        ("max_tokens", MaxTokensOption, None),
        ("temperature", TemperatureOption, None),
        ("validation_retries", ValidationRetriesOption, None),
        ("timeout", TimeoutOption, None),
        ("retry_time", RetryTimeOption, None),
        ("token_budget", TokenBudgetOption, None),
        ("max_input_chars", MaxInputCharsOption, None),
        ("model_path", ModelPathOption, None),
        ("context_tokens", ContextTokensOption, None),
        ("cache_dir", CacheDirOption, None),
        ("no_cache", NoCacheOption, False),
        ("refresh", RefreshOption, False),
        ("offline", OfflineOption, False),
    ]
]


@dataclass(frozen=True)
class EngineOptions:
    """The engine options one command was given, before the environment is consulted."""

    values: dict[str, Any]

    def settings(self, **extra: Any) -> Settings:
        """The one place the CLI reads the environment: options win over variables."""
        values = dict(self.values)
        use_cache = not values.pop("no_cache")
        settings = settings_from_env(os.environ, use_cache=use_cache, **values, **extra)
        if settings.engine is EngineChoice.auto and not settings.llm_configured:
            logger.warning(
                "no LLM configured; using the offline extractive engine "
                "(set OPENAI_API_KEY or --base-url to use a model)"
            )
        return settings


def with_engine_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command every shared engine option; it receives them as ``engine_options``.

    The options are declared once (``ENGINE_PARAMETERS``) and appended to the command's own
    signature, which is what typer reads, so every command that runs an engine takes the
    same options with the same help.
    """
    signature = inspect.signature(command, eval_str=True)
    own = [
        parameter for name, parameter in signature.parameters.items() if name != "engine_options"
    ]

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        values = {parameter.name: kwargs.pop(parameter.name) for parameter in ENGINE_PARAMETERS}
        command(*args, engine_options=EngineOptions(values), **kwargs)

    wrapper.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[*own, *ENGINE_PARAMETERS]
    )
    wrapper.__annotations__ = {
        parameter.name: parameter.annotation for parameter in [*own, *ENGINE_PARAMETERS]
    }
    return wrapper
