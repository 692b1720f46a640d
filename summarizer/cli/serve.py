"""``summarizer serve``: briefs over HTTP (FastAPI under uvicorn)."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from pathlib import Path
from typing import Annotated

import typer

from summarizer.cli import _options as opt
from summarizer.errors import ConfigError

logger = logging.getLogger("summarizer.cli")

BACKLOG = 2048
"""Connections the listening socket queues while the app starts or is busy (uvicorn's own)."""


def register(app: typer.Typer) -> None:
    app.command("serve")(opt.with_engine_options(serve))


def serve(
    host: Annotated[
        str | None, typer.Option("--host", help="Address to listen on.  \\[default: 127.0.0.1]")
    ] = None,
    port: Annotated[
        int | None, typer.Option("--port", help="Port to listen on.  \\[default: 8000]")
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="TOML file with a \\[service] table (or SUMMARIZER_CONFIG)."),
    ] = None,
    *,
    engine_options: opt.EngineOptions,
) -> None:
    """Serve briefs over HTTP: POST /v1/briefs, POST /v1/batches, /docs for the rest.

    Callers send Authorization: Bearer <key>, with keys from SUMMARIZER_SERVICE_KEYS
    (comma-separated) or api_keys in the config file. Without keys the service serves
    loopback only.
    """
    from summarizer.service import check_bind_address, load_service_settings
    from summarizer.service.app import create_server
    from summarizer.service.config import KEYS_VARIABLE

    settings = engine_options.settings()
    service = load_service_settings(os.environ, config, host=host, port=port)
    check_bind_address(service)
    if service.loopback_only:
        logger.warning(
            "no service keys: serving %s only, without authentication "
            "(set %s or api_keys in --config to require keys and serve other hosts)",
            service.host,
            KEYS_VARIABLE,
        )
    server = create_server(settings, service)
    asyncio.run(server.state.summarizer.engine.prepare())  # a bad model fails before serving
    listener = listen(service.host, service.port)
    shown_host = f"[{service.host}]" if ":" in service.host else service.host
    # uvicorn announces the address only for sockets it binds itself
    logging.getLogger("uvicorn.error").info(
        "serving on http://%s:%d (docs at /docs)", shown_host, listener.getsockname()[1]
    )
    with listener:
        server.run(sockets=[listener])


def listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound here so a taken port is a one-line usage error, and
    listening before the address is announced, so a caller who connects at once is queued
    until the app is up instead of refused."""
    try:
        address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        listener = socket.socket(address[0], socket.SOCK_STREAM)
    except OSError as error:
        raise ConfigError(f"cannot listen on {host}:{port} ({error}); check --host") from None
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address[4])
        listener.listen(BACKLOG)
    except OSError as error:
        listener.close()
        raise ConfigError(
            f"cannot listen on {host}:{port} ({error.strerror or error}); choose another --port"
        ) from None
    return listener
