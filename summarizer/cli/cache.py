"""``summarizer cache stats|clear|path``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from summarizer.cache import BriefCache
from summarizer.settings import settings_from_env

cache_app = typer.Typer(help="Inspect or clear the brief cache.", no_args_is_help=True)
CacheDirOption = Annotated[Path | None, typer.Option("--cache-dir", help="Cache directory.")]


def register(app: typer.Typer) -> None:
    app.add_typer(cache_app, name="cache")


def _cache(cache_dir: Path | None) -> BriefCache:
    return BriefCache(settings_from_env(os.environ, cache_dir=cache_dir).cache_dir)


@cache_app.command("path")
def path(cache_dir: CacheDirOption = None) -> None:
    """Print the cache directory."""
    typer.echo(str(_cache(cache_dir).directory))


@cache_app.command("stats")
def stats(cache_dir: CacheDirOption = None) -> None:
    """Print the number of entries and their size."""
    cache = _cache(cache_dir)
    summary = cache.stats()
    cache.close()
    typer.echo(f"directory: {summary.directory}")
    typer.echo(f"entries:   {summary.entries}")
    typer.echo(f"size:      {summary.size_bytes:,} bytes")


@cache_app.command("clear")
def clear(cache_dir: CacheDirOption = None) -> None:
    """Delete every cached brief."""
    cache = _cache(cache_dir)
    removed = cache.clear()
    cache.close()
    typer.echo(f"removed {removed} entries")
