"""``summarizer cache path|stats|clear|export|import``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from summarizer.cache import BriefCache
from summarizer.cli._output import write_atomically
from summarizer.errors import InputError
from summarizer.settings import settings_from_env

cache_app = typer.Typer(help="Inspect or clear the brief cache.", no_args_is_help=True)
CacheDirOption = Annotated[Path | None, typer.Option("--cache-dir", help="Cache directory.")]
STANDARD_STREAM = Path("-")


def register(app: typer.Typer) -> None:
    app.add_typer(cache_app, name="cache")


def _directory(cache_dir: Path | None) -> Path:
    return settings_from_env(os.environ, cache_dir=cache_dir).cache_dir


def _cache(cache_dir: Path | None) -> BriefCache:
    """The cache, opened: one that cannot be is an error here (exit 2), not an empty cache."""
    cache = BriefCache(_directory(cache_dir))
    cache.open_or_raise()
    return cache


@cache_app.command("path")
def path(cache_dir: CacheDirOption = None) -> None:
    """Print the cache directory."""
    typer.echo(str(_directory(cache_dir)))


@cache_app.command("stats")
def stats(cache_dir: CacheDirOption = None) -> None:
    """Print the number of entries and their size."""
    cache = _cache(cache_dir)
    summary = cache.stats()
    cache.close()
    typer.echo(f"directory: {summary.directory}")
    typer.echo(f"entries:   {summary.entries}")
    typer.echo(f"size:      {summary.size_bytes:,} bytes")


@cache_app.command("export")
def export(
    out: Annotated[
        Path, typer.Argument(help="JSONL file to write, one entry a line; - for stdout.")
    ],
    cache_dir: CacheDirOption = None,
) -> None:
    """Write every cached answer to a JSONL file (to replay a model run elsewhere)."""
    cache = _cache(cache_dir)
    text = "".join(line + "\n" for line in cache.export_entries())
    cache.close()
    if out == STANDARD_STREAM:
        sys.stdout.write(text)
        return
    write_atomically(out, text)
    typer.echo(f"wrote {out}")


@cache_app.command("import")
def import_(
    source: Annotated[
        Path, typer.Argument(help="JSONL file written by `cache export`; - for stdin.")
    ],
    cache_dir: CacheDirOption = None,
) -> None:
    """Add the answers from a JSONL file to the cache."""
    try:
        data = sys.stdin.buffer.read() if source == STANDARD_STREAM else source.read_bytes()
        lines = data.decode("utf-8").splitlines()
    except OSError as error:
        raise InputError(f"{source}: cannot be read ({error.strerror or error})") from error
    except UnicodeDecodeError:
        raise InputError(f"{source}: is not a cache export (not UTF-8 text)") from None
    cache = _cache(cache_dir)
    try:
        counts = cache.import_entries(lines)
    except ValueError as error:
        raise InputError(f"{source}: {error}") from error
    finally:
        cache.close()
    added, held = counts.added, counts.already_cached
    already = f"; {held} {'was' if held == 1 else 'were'} already cached" if held else ""
    typer.echo(f"imported {added} {'entry' if added == 1 else 'entries'}{already}")


@cache_app.command("clear")
def clear(cache_dir: CacheDirOption = None) -> None:
    """Delete every cached brief."""
    cache = _cache(cache_dir)
    removed = cache.clear()
    cache.close()
    typer.echo(f"removed {removed} entries")
