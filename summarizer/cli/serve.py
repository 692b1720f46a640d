"""``summarizer serve``: briefs over HTTP (FastAPI under uvicorn)."""

from __future__ import annotations

import logging
import os
import socket
from pathlib import Path
from typing import Annotated

import typer

from summarizer.cli import _options as opt
from summarizer.errors import ConfigError
from summarizer.settings import EngineChoice

logger = logging.getLogger("summarizer.cli")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    host: Annotated[
        str | None, typer.Option("--host", help="Address to listen on.  [default: 127.0.0.1]")
    ] = None,
    port: Annotated[
        int | None, typer.Option("--port", help="Port to listen on.  [default: 8000]")
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="TOML file with a [service] table (or SUMMARIZER_CONFIG)."),
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
    """Serve briefs over HTTP: POST /v1/briefs, POST /v1/batches, /docs for the rest.

    Callers send Authorization: Bearer <key>, with keys from SUMMARIZER_SERVICE_KEYS
    (comma-separated) or api_keys in the config file. Without keys the service serves
    loopback only.
    """
    import uvicorn

    from summarizer.service import check_bind_address, create_app, load_service_settings
    from summarizer.service.config import KEYS_VARIABLE

    settings = opt.resolve_settings(
        engine=engine, base_url=base_url, model=model, api_key=api_key, mode=mode,
        max_tokens=max_tokens, temperature=temperature, validation_retries=validation_retries,
        timeout=timeout, retry_time=retry_time, token_budget=token_budget,
        model_path=model_path, cache_dir=cache_dir, no_cache=no_cache, refresh=refresh,
        offline=offline, max_input_chars=max_input_chars,
    )  # fmt: skip
    service = load_service_settings(os.environ, config, host=host, port=port)
    check_bind_address(service)
    if service.loopback_only:
        logger.warning(
            "no service keys: serving %s only, without authentication "
            "(set %s or api_keys in --config to require keys and serve other hosts)",
            service.host,
            KEYS_VARIABLE,
        )
    if settings.engine is EngineChoice.auto and not settings.llm_configured:
        logger.warning(
            "no LLM configured; using the offline extractive engine "
            "(set OPENAI_API_KEY or --base-url to use a model)"
        )
    server = uvicorn.Server(uvicorn.Config(create_app(settings, service), log_level="info"))
    listener = listen(service.host, service.port)
    shown_host = f"[{service.host}]" if ":" in service.host else service.host
    # uvicorn announces the address only for sockets it binds itself
    logging.getLogger("uvicorn.error").info(
        "serving on http://%s:%d (docs at /docs)", shown_host, listener.getsockname()[1]
    )
    with listener:
        server.run(sockets=[listener])


def listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound here so a taken port is a one-line usage error."""
    try:
        address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        listener = socket.socket(address[0], socket.SOCK_STREAM)
    except OSError as error:
        raise ConfigError(f"cannot listen on {host}:{port} ({error}); check --host") from None
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address[4])
    except OSError as error:
        listener.close()
        raise ConfigError(
            f"cannot listen on {host}:{port} ({error.strerror or error}); choose another --port"
        ) from None
    return listener
