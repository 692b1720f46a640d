"""JSON Schema files exported from the Pydantic models (the models are the source of truth)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from summarizer.brief import SCHEMA_VERSION, Brief, BriefDraft


def schema_documents() -> dict[str, dict[str, object]]:
    """File name to JSON Schema, for every exported model."""
    models: dict[str, type[BaseModel]] = {
        f"brief.v{SCHEMA_VERSION}.json": Brief,
        f"brief-draft.v{SCHEMA_VERSION}.json": BriefDraft,
    }
    return {name: model.model_json_schema() for name, model in models.items()}


def schema_text(document: dict[str, object]) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def export_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, document in schema_documents().items():
        target = directory / name
        target.write_text(schema_text(document), encoding="utf-8")
        written.append(target)
    return written
