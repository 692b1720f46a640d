"""``summarizer schema export``: write the JSON Schemas of the brief to ``schemas/``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from summarizer.resources import data_dir
from summarizer.schemas import export_schemas

schema_app = typer.Typer(help="The brief's JSON Schema.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(schema_app, name="schema")


@schema_app.command("export")
def export(
    directory: Annotated[
        Path | None, typer.Option("--dir", help="Default: the schemas/ folder.")
    ] = None,
) -> None:
    """Export the Pydantic models as JSON Schema files."""
    for written in export_schemas(directory or data_dir("schemas")):
        typer.echo(str(written))
